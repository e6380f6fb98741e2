/**
 * Bad transactions are refused at submission with JSON-RPC error 1010 and Substrate's reason, and the node keeps
 * serving: the same wire answers a Substrate node gives, so clients show users the same messages.
 */
import { strict as assert } from 'node:assert';
// Types only: decorates api.query/tx/consts with the standard FRAME pallets' TypeScript types (no runtime effect).
import '@polkadot/api-augment';
import type { ApiPromise } from '@polkadot/api';
import { VRT, type DevKeys } from '../helpers/dev-keys.js';
import { type RawRpc } from '../helpers/raw-rpc.js';
import { openCompatSession, type CompatSession } from './support/session.js';
import { signAndFinalize } from './support/submit.js';

describe('compat: invalid transactions answer 1010 and the node keeps serving', function () {
  let api: ApiPromise;
  let rpc: RawRpc;
  let keys: DevKeys;

  let session: CompatSession | undefined;

  before(async function () {
    session = await openCompatSession();
    ({ api, rpc, keys } = session);
  });

  after(async function () {
    await session?.close();
  });

  async function assertStillServing(): Promise<void> {
    const health = await rpc.call<{ peers: number; isSyncing: boolean }>('system_health');
    assert.equal(typeof health.isSyncing, 'boolean');
    const head = await rpc.call<string>('chain_getFinalizedHead');
    assert.match(head, /^0x[0-9a-f]{64}$/);
  }

  it('refuses a bad signature', async function () {
    const signed = await api.tx.balances.transferKeepAlive(keys.bob.address, VRT).signAsync(keys.alice);
    const signature = signed.signature.toHex();
    const flipped = signature.slice(0, -2) + (signature.endsWith('00') ? '01' : '00');
    const tampered = signed.toHex().replace(signature.slice(2), flipped.slice(2));
    assert.notEqual(tampered, signed.toHex());

    const error = await rpc.callExpectingError('author_submitExtrinsic', [tampered]);
    assert.equal(error.code, 1010);
    assert.equal(error.message, 'Invalid Transaction');
    assert.match(String(error.data), /bad signature/i);

    const watched = await rpc.callExpectingError('author_submitAndWatchExtrinsic', [tampered]);
    assert.equal(watched.code, 1010, 'the watching variant refuses it the same way');
    await assertStillServing();
  });

  it('refuses a stale nonce once the nonce was used', async function () {
    await signAndFinalize(api.tx.balances.transferKeepAlive(keys.bob.address, VRT), keys.charlie);
    const stale = await api.tx.balances.transferKeepAlive(keys.bob.address, VRT).signAsync(keys.charlie, { nonce: 0 });

    const error = await rpc.callExpectingError('author_submitExtrinsic', [stale.toHex()]);
    assert.equal(error.code, 1010);
    assert.match(String(error.data), /outdated/i);
    await assertStillServing();
  });

  it('refuses a transaction whose sender cannot pay the fee', async function () {
    const account = await api.query.system.account(keys.pauper.address);
    assert.equal(account.data.free.toBigInt(), 0n, 'the pauper holds nothing');
    const broke = await api.tx.balances.transferKeepAlive(keys.bob.address, VRT).signAsync(keys.pauper, { nonce: 0 });

    const error = await rpc.callExpectingError('author_submitExtrinsic', [broke.toHex()]);
    assert.equal(error.code, 1010);
    assert.match(String(error.data), /pay some fees|balance too low/i);
    await assertStillServing();
  });

  it('surfaces the reason through @polkadot/api too, and still includes a valid transfer afterwards', async function () {
    const stale = api.tx.balances.transferKeepAlive(keys.bob.address, VRT);
    await assert.rejects(stale.signAndSend(keys.charlie, { nonce: 0 }), /1010.*outdated/i);

    const outcome = await signAndFinalize(api.tx.balances.transferKeepAlive(keys.bob.address, VRT), keys.dave);
    assert.ok(outcome.statuses.includes('Finalized'));
  });
});
