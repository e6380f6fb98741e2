import { strict as assert } from 'node:assert';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { decAnyMetadata } from '@polkadot-api/substrate-bindings';
import { u8aToHex } from '@polkadot/util';
import { runtimeAndRegistry, devChain } from './builder.js';

describe('runtime metadata', () => {
  const { runtime } = runtimeAndRegistry();

  for (const version of [14, 15] as const) {
    it(`V${version} decodes with @polkadot/types, with docs, constants and errors`, () => {
      const registry = new TypeRegistry();
      const metadata = new Metadata(registry, runtime.metadata(version));
      assert.equal(metadata.version, version);
      registry.setMetadata(metadata);
      const pallets = metadata.asLatest.pallets.map((p) => p.name.toString());
      assert.deepEqual(pallets, [
        'System',
        'Timestamp',
        'Balances',
        'TransactionPayment',
        'Roles',
        'Tasks',
        'Market',
        'Proofs',
        'Verification',
        'Disputes',
        'Settlement',
      ]);
      const balances = metadata.asLatest.pallets.find((p) => p.name.eq('Balances'))!;
      const calls = registry.lookup.getSiType(balances.calls.unwrap().type).def.asVariant.variants;
      const keepAlive = calls.find((v) => v.name.eq('transfer_keep_alive'))!;
      assert.equal(keepAlive.index.toNumber(), 3);
      assert.match(keepAlive.docs.map((d) => d.toString()).join(' '), /will not\s+kill the origin account/);
      const err = registry.findMetaError(new Uint8Array([5, 2]));
      assert.equal(err.name, 'InsufficientBalance');
      assert.deepEqual(err.docs, ['Balance too low to send value.']);
      const versionConst = metadata.asLatest.pallets
        .find((p) => p.name.eq('System'))!
        .constants.find((c) => c.name.eq('Version'))!;
      const decoded = registry
        .createType(registry.lookup.getTypeDef(versionConst.type).type, versionConst.value)
        .toJSON() as { specVersion: number; specName: string };
      assert.equal(decoded.specVersion, runtime.version.specVersion);
      assert.equal(decoded.specName, 'veritrain');
    });
  }

  it('V15 carries runtime APIs and outer enums; both decode with polkadot-api', () => {
    const v14 = decAnyMetadata(runtime.metadata(14));
    const v15 = decAnyMetadata(runtime.metadata(15));
    assert.equal(v14.metadata.tag, 'v14');
    assert.equal(v15.metadata.tag, 'v15');
    if (v15.metadata.tag !== 'v15') return;
    const apis = v15.metadata.value.apis.map((a) => a.name);
    for (const name of ['Core', 'Metadata', 'TaggedTransactionQueue', 'AccountNonceApi', 'TransactionPaymentApi'])
      assert.ok(apis.includes(name), name);
    const lookup = v15.metadata.value.lookup;
    const path = (id: number) => lookup[id].path.join('::');
    assert.equal(path(v15.metadata.value.outerEnums.call), 'veritrain_runtime::RuntimeCall');
    assert.equal(path(v15.metadata.value.outerEnums.event), 'veritrain_runtime::RuntimeEvent');
    assert.equal(path(v15.metadata.value.outerEnums.error), 'veritrain_runtime::RuntimeError');
    assert.equal(path(v15.metadata.value.extrinsic.address), 'sp_runtime::multiaddress::MultiAddress');
    const ids = v15.metadata.value.extrinsic.signedExtensions.map((e) => e.identifier);
    assert.deepEqual(ids, [
      'CheckNonZeroSender',
      'CheckSpecVersion',
      'CheckTxVersion',
      'CheckGenesis',
      'CheckMortality',
      'CheckNonce',
      'CheckWeight',
      'ChargeTransactionPayment',
      'CheckMetadataHash',
    ]);
  });

  it('serves metadata through the Metadata_* runtime calls polkadot-api uses', () => {
    const chain = devChain();
    const versions = runtime.call(chain.state, 'Metadata_metadata_versions', new Uint8Array(), chain.headHash);
    assert.equal(u8aToHex(versions), '0x080e0000000f000000');
    const at15 = runtime.call(
      chain.state,
      'Metadata_metadata_at_version',
      new Uint8Array([15, 0, 0, 0]),
      chain.headHash,
    );
    assert.equal(decAnyMetadata(at15).metadata.tag, 'v15');
    const at13 = runtime.call(
      chain.state,
      'Metadata_metadata_at_version',
      new Uint8Array([13, 0, 0, 0]),
      chain.headHash,
    );
    assert.equal(u8aToHex(at13), '0x00');
    assert.throws(() => runtime.call(chain.state, 'Nope_nothing', new Uint8Array(), chain.headHash), /not found/);
  });

  it('answers Core_version as Substrate encodes RuntimeVersion', () => {
    const chain = devChain();
    const registry = new TypeRegistry();
    const v = registry.createType(
      'RuntimeVersion',
      runtime.call(chain.state, 'Core_version', new Uint8Array(), chain.headHash),
    );
    assert.equal(v.specName.toString(), 'veritrain');
    assert.equal(v.specVersion.toNumber(), runtime.version.specVersion);
    assert.equal(v.apis.length, runtime.version.apis.length);
  });
});
