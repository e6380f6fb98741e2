import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { storage as marketStorage } from '../../pallets-spec/market/declaration.js';
import type { AccountId } from '../../pallets-spec/types/primitives.js';
import { MemoryState } from './harness.js';

const account = (n: number) => u8aToHex(new Uint8Array(32).fill(n)) as AccountId;
const hash = (n: number) => u8aToHex(new Uint8Array(32).fill(n + 100));

describe('storage: the entries of an N-key map under its leading keys', () => {
  const state = new MemoryState();
  const tasks = [1n, 2n, 256n, 2n ** 40n];
  for (const task of tasks) {
    for (let who = 1; who <= Number(task % 5n) + 1; who++) {
      marketStorage.Bids.set(state, [task, account(who)], {
        commitment: hash(who),
        secret_commitment: hash(who + 1),
        deposit: task * 10n + BigInt(who),
        revealed_price: who % 2 === 0 ? 7n : undefined,
      });
    }
  }

  it("gives one task's bids, in key order, equal to filtering every entry by the task", () => {
    const all = marketStorage.Bids.entries(state);
    for (const task of tasks) {
      const under = marketStorage.Bids.entriesWithPrefix(state, [task]);
      assert.ok(under.length > 0);
      assert.deepEqual(
        under,
        all.filter(([[t]]) => t === task),
      );
      for (const [[, who], bid] of under) assert.equal(bid.deposit % 10n, BigInt(Number(who.slice(2, 4))) % 10n);
    }
    assert.deepEqual(marketStorage.Bids.entriesWithPrefix(state, [3n]), []);
  });

  it('refuses a prefix that names every key part', () => {
    assert.throws(() => marketStorage.Bids.entriesWithPrefix(state, [1n, account(1)]), RangeError);
  });
});
