/**
 * "A failed call changes nothing but its fee" (Substrate's `assert_noop!`), checked on a real node: the call fails
 * with the expected module error, decoded by the client from the metadata, and between the block before and the
 * block that carries it the protocol pallets' storage is byte-for-byte the same, every other account is untouched,
 * and the caller lost exactly the fee it paid, which was burned.
 */
import assert from 'node:assert/strict';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Actor } from './actors.js';
import type { ProtocolDriver } from './driver.js';

export async function expectNoop(
  driver: ProtocolDriver,
  who: Actor,
  tx: SubmittableExtrinsic<'promise'>,
  expectedError: string,
): Promise<void> {
  const label = `${tx.method.section}.${tx.method.method}`;
  const before = await driver.snapshot();
  const outcome = await driver.session.send(who.pair, tx);
  assert.equal(outcome.error, expectedError, `${label} in block #${outcome.blockNumber} fails with ${expectedError}`);
  const after = await driver.snapshot(outcome.blockHash);
  assert.equal(after.protocolFingerprint(), before.protocolFingerprint(), `${label} changed protocol storage`);
  assert.ok(outcome.fee > 0n, `${label} paid no fee`);
  assert.equal(after.free(who.id), before.free(who.id) - outcome.fee, `${label}: the caller pays only the fee`);
  assert.equal(after.reserved(who.id), before.reserved(who.id), `${label} changed the caller's reserve`);
  assert.equal(after.totalIssuance(), before.totalIssuance() - outcome.fee, `${label}: only the fee is burned`);
  const others = (snapshot: typeof before) =>
    snapshot
      .accounts()
      .filter((a) => a.who !== who.id)
      .map((a) => `${a.who}:${a.free}:${a.reserved}`)
      .sort();
  assert.deepEqual(others(after), others(before), `${label} changed another account`);
}
