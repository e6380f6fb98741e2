/** The node's storage layer on its own: versioned reads in a real classic-level database, and the in-memory views. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block, HexString, StorageChanges } from '../../runtime-bindings/seam.js';
import { ChainDb } from '../../node/store/chain-db.js';
import { SortedState, UndoOverlayReader } from '../../node/store/sorted-state.js';
import { PriorityHeap } from '../../node/pool/priority-heap.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
/** classic-level hands back Buffers; compare plain bytes. */
const plain = (value: Uint8Array | undefined): Uint8Array | undefined =>
  value === undefined ? undefined : Uint8Array.from(value);
const plainEntries = (entries: Iterable<[HexString, Uint8Array]>) =>
  [...entries].map(([k, v]) => [k, Uint8Array.from(v)] as const).sort();
const hash = (n: number): HexString => `0x${n.toString(16).padStart(64, '0')}`;
const block = (number: number): Block => ({
  header: {
    parentHash: hash(number - 1),
    number,
    stateRoot: hash(1000 + number),
    extrinsicsRoot: hash(2000 + number),
    digest: [],
  },
  extrinsics: [],
});

describe('node store', () => {
  let dir: string;
  let db: ChainDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veritrain-store-'));
    db = await ChainDb.open(dir);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every key as it was at each block, even when a longer key shares its prefix', async () => {
    const key: HexString = '0xaabb';
    // A longer key whose extra bytes look like a small block number sorts among `key`'s versions.
    const longer: HexString = '0xaabb00000000ff';
    await db.writeBlock(
      block(0),
      hash(0),
      new Map<HexString, Uint8Array | null>([
        [key, bytes(1)],
        [longer, bytes(9)],
      ]),
      'test',
    );
    await db.writeBlock(block(1), hash(1), new Map([[key, bytes(2)]]), 'test');
    await db.writeBlock(block(2), hash(2), new Map([[key, null]]), 'test');
    await db.writeBlock(block(3), hash(3), new Map([[longer, bytes(8)]]), 'test');
    assert.deepEqual(plain(await db.storageAt(key, 0)), bytes(1));
    assert.deepEqual(plain(await db.storageAt(key, 1)), bytes(2));
    assert.equal(await db.storageAt(key, 2), undefined);
    assert.equal(await db.storageAt(key, 3), undefined);
    assert.deepEqual(plain(await db.storageAt(longer, 2)), bytes(9));
    assert.deepEqual(plain(await db.storageAt(longer, 3)), bytes(8));
    assert.deepEqual(
      plainEntries((await db.snapshotAt(1)).entries()),
      plainEntries([
        [key, bytes(2)],
        [longer, bytes(9)],
      ]),
    );
    assert.deepEqual(plainEntries((await db.loadLatestState()).entries()), plainEntries([[longer, bytes(8)]]));
    assert.deepEqual(await db.readFinalized(), { number: 3, hash: hash(3) });
    assert.equal(await db.getHash(2), hash(2));
    assert.deepEqual(await db.getBlock(hash(1)), block(1));
  });

  it('refuses a second process on the same database with a clear message', async () => {
    await assert.rejects(ChainDb.open(dir), /in use by another process/);
  });
});

describe('node in-memory state', () => {
  it('iterates keys by prefix in byte order, after a start key, up to a limit', () => {
    const state = new SortedState();
    const changes: StorageChanges = new Map([
      ['0x0102', bytes(1)],
      ['0x01', bytes(0)],
      ['0x0103ff', bytes(3)],
      ['0x0201', bytes(4)],
      ['0x010201', bytes(2)],
    ]);
    state.apply(changes);
    assert.deepEqual(state.keysWithPrefix('0x01'), ['0x01', '0x0102', '0x010201', '0x0103ff']);
    assert.deepEqual(state.keysWithPrefix('0x01', '0x0102'), ['0x010201', '0x0103ff']);
    assert.deepEqual(state.keysWithPrefix('0x01', undefined, 2), ['0x01', '0x0102']);
    assert.deepEqual(state.keysWithPrefix('0x03'), []);
  });

  it('shows past states through undo logs while the head moves on', () => {
    const state = new SortedState();
    state.apply(
      new Map([
        ['0xaa', bytes(1)],
        ['0xbb', bytes(1)],
      ]),
    );
    const undo1 = state.apply(
      new Map<HexString, Uint8Array | null>([
        ['0xaa', bytes(2)],
        ['0xbb', null],
        ['0xcc', bytes(2)],
      ]),
    );
    const undo2 = state.apply(new Map([['0xaa', bytes(3)]]));
    const atGenesis = new UndoOverlayReader(state, [undo1, undo2]);
    const atOne = new UndoOverlayReader(state, [undo2]);
    assert.deepEqual(atGenesis.get('0xaa'), bytes(1));
    assert.deepEqual(atGenesis.get('0xbb'), bytes(1));
    assert.equal(atGenesis.get('0xcc'), undefined);
    assert.deepEqual(atGenesis.keysWithPrefix('0x'), ['0xaa', '0xbb']);
    assert.deepEqual(atOne.get('0xaa'), bytes(2));
    assert.deepEqual(atOne.keysWithPrefix('0x'), ['0xaa', '0xcc']);
    assert.deepEqual(state.get('0xaa'), bytes(3));
  });

  it('pops pool entries by priority, then arrival', () => {
    const heap = new PriorityHeap<{ priority: number; order: number }>((a, b) =>
      a.priority !== b.priority ? a.priority > b.priority : a.order < b.order,
    );
    const entries = [5, 1, 5, 9, 0, 9, 3].map((priority, order) => ({ priority, order }));
    for (const entry of entries) heap.push(entry);
    const popped: number[] = [];
    for (let entry = heap.pop(); entry; entry = heap.pop()) popped.push(entry.order);
    assert.deepEqual(popped, [3, 5, 0, 2, 6, 1, 4]);
  });
});
