import { strict as assert } from 'node:assert';
import { decAnyMetadata } from '@polkadot-api/substrate-bindings';
import { getChecksumBuilder, getDynamicBuilder } from '@polkadot-api/metadata-builders';
import { u8aToHex } from '@polkadot/util';
import { accountIdOf, alice, devChain } from './builder.js';
import { storage as system } from '../../pallets-spec/system/index.js';

describe('metadata as polkadot-api reads it', () => {
  const chain = devChain();
  const decoded = decAnyMetadata(chain.runtime.metadata(15)).metadata;
  assert.equal(decoded.tag, 'v15');
  const builder = getDynamicBuilder(decoded.value as Parameters<typeof getDynamicBuilder>[0]);

  it('builds the System.Account storage codec: same key, decodes our value', () => {
    const account = builder.buildStorage('System', 'Account');
    assert.equal(account.enc(alice.address), system.Account.keyOf(accountIdOf(alice)));
    const value = account.dec(chain.state.get(system.Account.keyOf(accountIdOf(alice)))!) as {
      nonce: number;
      data: { free: bigint };
    };
    assert.equal(value.nonce, 0);
    assert.ok(value.data.free > 0n);
  });

  it('decodes the System.Version constant and runtime-call codecs', () => {
    const version = builder.buildConstant('System', 'Version');
    const pallet = (
      decoded.value as { pallets: Array<{ name: string; constants: Array<{ name: string; value: string }> }> }
    ).pallets.find((p) => p.name === 'System')!;
    const v = version.dec(pallet.constants.find((c) => c.name === 'Version')!.value) as {
      spec_name: string;
      spec_version: number;
    };
    assert.equal(v.spec_name, 'veritrain');
    assert.equal(v.spec_version, chain.runtime.version.specVersion);
    const nonce = builder.buildRuntimeCall('AccountNonceApi', 'account_nonce');
    const out = chain.runtime.call(
      chain.state,
      'AccountNonceApi_account_nonce',
      Buffer.from(nonce.args.enc([alice.address]).slice(0)),
      chain.headHash,
    );
    assert.equal(nonce.value.dec(u8aToHex(out)), 0);
  });

  it('computes checksums for every type (what typed polkadot-api clients compare)', () => {
    const checksums = getChecksumBuilder(decoded.value as Parameters<typeof getChecksumBuilder>[0]);
    assert.ok(checksums.buildCall('Balances', 'transfer_keep_alive'));
    assert.ok(checksums.buildStorage('System', 'Account'));
    assert.ok(checksums.buildEvent('Balances', 'Transfer'));
  });
});
