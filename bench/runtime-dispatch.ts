/**
 * Runtime-only throughput (no RPC, no database): pool validation and block building for N pre-signed
 * transfers from many accounts, next to raw sr25519 verifications per second measured in the same run.
 * Run: `npx tsx bench/runtime-dispatch.ts [N]` (or `node dist/bench/runtime-dispatch.js`).
 */
import { sr25519Verify } from '@polkadot/wasm-crypto';
import { u8aToHex } from '@polkadot/util';
import {
  createRuntime,
  type Header,
  type HexString,
  type StorageChanges,
  type StorageReader,
} from '../runtime-bindings/index.js';
import { signImmortal, sr25519FromSeed, transferKeepAlive, type Sr25519Signer } from '../runtime-bindings/client.js';
import { blake2_256 } from '../runtime-bindings/signature.js';
import { loadChainSpec } from '../chain-config/index.js';

class MapState implements StorageReader {
  readonly data = new Map<HexString, Uint8Array>();
  get = (k: HexString) => this.data.get(k);
  keysWithPrefix(prefix: HexString, startAfter?: HexString, limit?: number): HexString[] {
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix) && (!startAfter || k > startAfter)).sort();
    return limit === undefined ? keys : keys.slice(0, limit);
  }
  apply(c: StorageChanges) {
    for (const [k, v] of c) {
      if (v) this.data.set(k, v);
      else this.data.delete(k);
    }
  }
}

const N = Number(process.argv[2] ?? 2000);
const SENDERS = 200;
const runtime = createRuntime();
const spec = loadChainSpec('dev');
const genesis = runtime.genesis(spec.genesisStorage);
const state = new MapState();
state.apply(spec.genesisStorage);
let head: Header = genesis.header;
let headHash = genesis.hash;
let now = 1_700_000_000_000n;
const block = (txs: HexString[]) => {
  const built = runtime.buildBlock(state, {
    parent: head,
    parentHash: headHash,
    timestampMs: (now += 6000n),
    candidates: txs,
  });
  state.apply(built.changes);
  head = built.block.header;
  headHash = built.hash;
  return built;
};

// Fund the bench senders from //Alice's dev balance (signed the way @polkadot/api signs).
const { Keyring } = await import('@polkadot/keyring');
const devAlice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const senders = Array.from({ length: SENDERS }, (_, i) =>
  sr25519FromSeed(blake2_256(new TextEncoder().encode(`bench-${i}`))),
);
const fundTxs: HexString[] = [];
{
  const { TypeRegistry, Metadata } = await import('@polkadot/types');
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, runtime.metadata(14)));
  senders.forEach((s, i) => {
    const ext = registry.createType(
      'Extrinsic',
      registry.createType('Call', {
        callIndex: [5, 3],
        args: { dest: { Id: u8aToHex(s.publicKey) }, value: 10n ** 16n },
      }),
    );
    ext.sign(devAlice, {
      blockHash: genesis.hash,
      genesisHash: genesis.hash,
      nonce: i,
      runtimeVersion: {
        specVersion: runtime.version.specVersion,
        transactionVersion: runtime.version.transactionVersion,
      },
      signedExtensions: registry.signedExtensions,
      era: registry.createType('ExtrinsicEra', new Uint8Array([0])),
    } as never);
    fundTxs.push(ext.toHex());
  });
}
if (block(fundTxs).included.length !== SENDERS) throw new Error('funding failed');

const nonces = new Map<Sr25519Signer, number>();
const batch = (n: number): HexString[] =>
  Array.from({ length: n }, (_, i) => {
    const s = senders[i % SENDERS];
    const nonce = nonces.get(s) ?? 0;
    nonces.set(s, nonce + 1);
    return signImmortal(s, transferKeepAlive(u8aToHex(devAlice.publicKey), 10n ** 12n), nonce, genesis.hash);
  });
// Warm up the JIT on one batch (validated and included), then measure a fresh one.
const warm = batch(N);
for (const tx of warm) runtime.validateTransaction(state, tx, headHash);
block(warm);
const txs = batch(N);

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
const msg = new Uint8Array(150);
const sig = (await import('@polkadot/wasm-crypto')).sr25519Sign(senders[0].publicKey, senders[0].secretKey, msg);
const verifySec = time(() => {
  for (let i = 0; i < 2000; i++) sr25519Verify(sig, msg, senders[0].publicKey);
});
const validateSec = time(() => {
  for (const tx of txs) if (!runtime.validateTransaction(state, tx, headHash).ok) throw new Error('invalid');
});
const validateAgainSec = time(() => {
  for (const tx of txs) runtime.validateTransaction(state, tx, headHash);
});
let included = 0;
const buildSec = time(() => {
  included = block(txs).included.length;
});
console.log(`sr25519 verifications (wasm-crypto): ${(2000 / verifySec).toFixed(0)}/s`);
console.log(`pool validation, first time (verifies):  ${(N / validateSec).toFixed(0)} tx/s`);
console.log(`pool validation, memoised signature:     ${(N / validateAgainSec).toFixed(0)} tx/s`);
console.log(`block building (${included}/${N} included):   ${(included / buildSec).toFixed(0)} tx/s`);
console.log(`validate + build per transaction:        ${(((validateSec + buildSec) / N) * 1000).toFixed(3)} ms`);
