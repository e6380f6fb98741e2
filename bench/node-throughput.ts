/**
 * Node throughput: how many signed transfers per second a dev node includes, submitted over JSON-RPC the way a busy
 * network would (many senders, several WebSocket connections, pipelined `author_submitExtrinsic`), printed next to
 * the same run's sr25519 verification rates (@polkadot/wasm-crypto and util-crypto's pure-JS path), which bound
 * what any node that checks every signature can do on this machine.
 *
 *   npm run build && node dist/bench/node-throughput.js [--transactions 20000] [--accounts 500] [--connections 4]
 *                                                      [--block-time <ms> | --instant-seal] [--cpu-prof <dir>]
 *                                                      [--verify-workers <n>]
 *
 * A benchmark, not a test: it prints figures and exits 0 unless the run itself breaks.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import WebSocket from 'ws';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Signer, SignerResult } from '@polkadot/api/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { Keyring } from '@polkadot/keyring';
import { compactToU8a, u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { blake2AsU8a, encodeAddress, sr25519Verify as pureJsVerify } from '@polkadot/util-crypto';
import * as wasm from '@polkadot/wasm-crypto';
import { nodeArgs, startNode, veritrainBin } from '../test/helpers/node-process.js';
import { RPC_ADDRESS_LINE } from '../node/log-lines.js';

const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0, 'PositiveInt');
const NumberFromString = new t.Type<number, string, unknown>(
  'NumberFromString',
  t.number.is,
  (input, context) => {
    const n = typeof input === 'string' && /^\d+$/.test(input) ? Number(input) : NaN;
    return Number.isNaN(n) ? t.failure(input, context, 'expected a whole number') : t.success(n);
  },
  String,
);
const Flags = t.intersection([
  t.type({ transactions: NumberFromString, accounts: NumberFromString, connections: NumberFromString }),
  t.partial({
    blockTime: NumberFromString,
    instantSeal: t.boolean,
    cpuProf: t.string,
    verifyWorkers: NumberFromString,
  }),
]);
type Options = {
  transactions: number;
  accounts: number;
  connections: number;
  blockTime?: number;
  instantSeal?: boolean;
  cpuProf?: string;
  verifyWorkers?: number;
};

function parseFlags(argv: string[]): Options {
  const program = new Command('node-throughput')
    .option('--transactions <n>', 'signed transfers to include', '20000')
    .option('--accounts <n>', 'distinct senders', '500')
    .option('--connections <n>', 'WebSocket connections submitting in parallel', '4')
    .option('--block-time <ms>', 'author a block every <ms> instead of the dev default')
    .option('--instant-seal', 'author as soon as transactions are ready')
    .option('--cpu-prof <dir>', "write the node process's V8 CPU profile into <dir>")
    .option('--verify-workers <n>', "the node's signature-verification threads (default: the node's, spare cores)")
    .parse(argv);
  const decoded = Flags.decode(program.opts());
  if (isLeft(decoded)) throw new Error(`bad flags: ${PathReporter.report(decoded).join('; ')}`);
  const flags = decoded.right;
  for (const name of ['transactions', 'accounts', 'connections'] as const) {
    if (!PositiveInt.is(flags[name])) throw new Error(`bad flags: --${name} must be a positive whole number`);
  }
  return flags;
}

/** Signatures verified per second over `seconds`, on a fixed message and key. */
function verificationsPerSecond(
  verify: (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => boolean,
  seconds: number,
): number {
  const pair = wasm.sr25519KeypairFromSeed(blake2AsU8a(stringToU8a('verification baseline')));
  const [secret, pub] = [pair.slice(0, 64), pair.slice(64)];
  const message = blake2AsU8a(stringToU8a('a transfer payload'));
  const signature = wasm.sr25519Sign(pub, secret, message);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    if (!verify(signature, message, pub)) throw new Error('baseline signature did not verify');
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

interface Sender {
  address: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

function benchSenders(count: number): Sender[] {
  return Array.from({ length: count }, (_, i) => {
    const pair = wasm.sr25519KeypairFromSeed(blake2AsU8a(stringToU8a(`veritrain bench sender ${i}`)));
    const publicKey = pair.slice(64);
    return { address: encodeAddress(publicKey, 42), publicKey, secretKey: pair.slice(0, 64) };
  });
}

/**
 * Pre-signs `count` transfers to `dest`, nonce-major (every sender's nonce 0, then every nonce 1, …) so each wave is
 * ready on arrival. The signed payload (call ‖ extra ‖ additional-signed) names no sender, so @polkadot/api builds
 * it once per nonce, from a template extrinsic it signs for the first sender; every sender then signs the same bytes
 * with wasm-crypto, and its extrinsic is the template with its own key and signature spliced in. This keeps
 * pre-signing 20,000 transfers to seconds (a full `signAsync` per transfer takes minutes here).
 */
async function preSignTransfers(api: ApiPromise, senders: Sender[], dest: string, count: number): Promise<string[]> {
  const [first] = senders;
  let payload: Uint8Array = new Uint8Array();
  const capture: Signer = {
    async signPayload(json: SignerPayloadJSON): Promise<SignerResult> {
      payload = api.registry.createType('ExtrinsicPayload', json, { version: json.version }).toU8a({ method: true });
      return {
        id: 1,
        signature: u8aToHex(u8aConcat([1], wasm.sr25519Sign(first!.publicKey, first!.secretKey, payload))),
      };
    },
  };
  const extrinsics: string[] = [];
  for (let nonce = 0; extrinsics.length < count; nonce++) {
    const template = await api.tx.balances
      .transferKeepAlive(dest, 1_000_000n)
      .signAsync(first!.address, { signer: capture, nonce, era: 0 as never });
    const body = template.toU8a(true);
    // v4 signed body: 0x84 ‖ MultiAddress::Id (0x00 ‖ 32 bytes) ‖ MultiSignature::Sr25519 (0x01 ‖ 64 bytes) ‖ extra ‖ call
    const [versionAndAddress, extraAndCall] = [body.subarray(0, 2), body.subarray(99)];
    const message = payload.length > 256 ? blake2AsU8a(payload) : payload;
    for (const sender of senders) {
      if (extrinsics.length >= count) break;
      const signature = wasm.sr25519Sign(sender.publicKey, sender.secretKey, message);
      const signed = u8aConcat(versionAndAddress, sender.publicKey, [1], signature, extraAndCall);
      extrinsics.push(u8aToHex(u8aConcat(compactToU8a(signed.length), signed)));
    }
  }
  return extrinsics;
}

/** Sends every request over `connections` sockets, all in flight at once; resolves with the JSON-RPC errors seen. */
async function submitAll(wsUrl: string, extrinsics: string[], connections: number): Promise<Map<string, number>> {
  const errors = new Map<string, number>();
  const lanes = Array.from({ length: connections }, (_, lane) => extrinsics.filter((_, i) => i % connections === lane));
  await Promise.all(
    lanes.map(async (lane) => {
      const socket = new WebSocket(wsUrl, { maxPayload: 64 * 1024 * 1024 });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      let answered = 0;
      const done = new Promise<void>((resolve, reject) => {
        socket.on('message', (data) => {
          const reply = JSON.parse(String(data)) as { error?: { code: number; message: string; data?: unknown } };
          if (reply.error) {
            const reason = `${reply.error.code} ${reply.error.message}: ${String(reply.error.data ?? '')}`;
            errors.set(reason, (errors.get(reason) ?? 0) + 1);
          }
          if (++answered === lane.length) resolve();
        });
        socket.once('close', () => reject(new Error(`socket closed after ${answered}/${lane.length} answers`)));
      });
      lane.forEach((extrinsic, i) =>
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'author_submitExtrinsic', params: [extrinsic] })),
      );
      if (lane.length > 0) await done;
      socket.removeAllListeners('close');
      socket.close();
    }),
  );
  return errors;
}

/** True for a signed extrinsic: after its compact length prefix, the version byte has the 0x80 bit. */
function isSignedExtrinsic(hex: string): boolean {
  const prefixBytes = [1, 2, 4][parseInt(hex.slice(2, 4), 16) & 0b11] ?? 0;
  return (parseInt(hex.slice(2 + prefixBytes * 2, 4 + prefixBytes * 2), 16) & 0x80) !== 0;
}

/**
 * Counts signed extrinsics in finalized blocks until `target` are in, or nothing new lands for `stallMs`. Blocks are
 * read as raw JSON (not decoded by @polkadot/api), so the observer costs the 2-core machine next to nothing.
 */
async function watchInclusions(provider: WsProvider, fromNumber: number, target: number, stallMs: number) {
  const arrivals: Array<{ at: number; signed: number; number: number }> = [];
  const rpc = <T>(method: string, params: unknown[] = []) => provider.send<T>(method, params);
  let included = 0;
  let next = fromNumber + 1;
  let lastProgress = performance.now();
  for (;;) {
    const head = parseInt(
      (await rpc<{ number: string }>('chain_getHeader', [await rpc<string>('chain_getFinalizedHead')])).number,
      16,
    );
    for (; next <= head; next++) {
      const block = await rpc<{ block: { extrinsics: string[] } }>('chain_getBlock', [
        await rpc<string>('chain_getBlockHash', [next]),
      ]);
      const signed = block.block.extrinsics.filter(isSignedExtrinsic).length;
      included += signed;
      arrivals.push({ at: performance.now(), signed, number: next });
      if (signed > 0) lastProgress = performance.now();
    }
    if (included >= target || performance.now() - lastProgress > stallMs) return { included, arrivals };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The node under test. With `--cpu-prof` it runs under V8's profiler (a flag NODE_OPTIONS refuses, hence the own
 * spawn); the graceful SIGINT stop makes it write the profile.
 */
async function startBenchNode(options: Options): Promise<{ wsUrl: string; stop(): Promise<unknown> }> {
  const seal = {
    prometheus: false,
    instantSeal: options.instantSeal,
    blockTimeMs: options.instantSeal ? undefined : options.blockTime,
    extraArgs: options.verifyWorkers === undefined ? [] : ['--verify-workers', String(options.verifyWorkers)],
  };
  if (!options.cpuProf) return startNode(seal);
  const args = ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`, veritrainBin, ...nodeArgs(seal)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = RPC_ADDRESS_LINE.exec(text);
      if (match) resolve(match[2]!);
    });
    child.once('exit', (code) => reject(new Error(`the node exited (${code}) before serving RPC:\n${text}`)));
  });
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

async function main(): Promise<void> {
  const options = parseFlags(process.argv);
  await wasm.waitReady();
  console.log('sr25519 verification baselines (this process, one core):');
  let wasmRate = verificationsPerSecond(wasm.sr25519Verify, 2);
  const jsRate = verificationsPerSecond((s, m, p) => pureJsVerify(m, s, p), 2);
  console.log(`  @polkadot/wasm-crypto        ${wasmRate.toFixed(0).padStart(8)} verifications/s`);
  console.log(`  @polkadot/util-crypto (JS)   ${jsRate.toFixed(0).padStart(8)} verifications/s`);

  const node = await startBenchNode(options);
  const provider = new WsProvider(node.wsUrl);
  const api = await ApiPromise.create({ provider, noInitWarn: true });
  try {
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    const senders = benchSenders(options.accounts);
    const perSender = Math.ceil(options.transactions / options.accounts);
    const ed = api.consts.balances.existentialDeposit.toBigInt();

    // Endow every sender from Alice with enough for its transfers and fees (one pipelined burst of Alice's nonces).
    const fundStart = performance.now();
    const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const endowment = ed * 1000n + BigInt(perSender) * 10n ** 12n;
    const funding = await Promise.all(
      senders.map((s, i) =>
        api.tx.balances
          .transferKeepAlive(s.address, endowment)
          .signAsync(alice, { nonce: aliceNonce + i, era: 0 as never }),
      ),
    );
    const fundingHead = (await api.rpc.chain.getHeader()).number.toNumber();
    const fundErrors = await submitAll(
      node.wsUrl,
      funding.map((x) => x.toHex()),
      1,
    );
    if (fundErrors.size > 0)
      throw new Error(`funding refused: ${[...fundErrors].map(([r, n]) => `${n}× ${r}`).join('; ')}`);
    const funded = await watchInclusions(provider, fundingHead, senders.length, 30_000);
    if (funded.included < senders.length)
      throw new Error(`only ${funded.included}/${senders.length} endowments were included`);
    console.log(`endowed ${senders.length} senders in ${((performance.now() - fundStart) / 1000).toFixed(1)} s`);

    const signStart = performance.now();
    const extrinsics = await preSignTransfers(api, senders, bob.address, options.transactions);
    console.log(
      `pre-signed ${extrinsics.length} transfers from ${senders.length} senders in ${((performance.now() - signStart) / 1000).toFixed(1)} s`,
    );

    const startHead = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    const submitStart = performance.now();
    const watching = watchInclusions(provider, startHead, extrinsics.length, 30_000);
    const errors = await submitAll(node.wsUrl, extrinsics, options.connections);
    const submitSeconds = (performance.now() - submitStart) / 1000;
    const { included, arrivals } = await watching;
    const lastInclusion = arrivals.filter((a) => a.signed > 0).at(-1)?.at ?? performance.now();
    const seconds = (lastInclusion - submitStart) / 1000;
    const tps = included / seconds;
    const blocks = arrivals.filter((a) => a.signed > 0);

    console.log(
      `\nsubmitted ${extrinsics.length} over ${options.connections} connections in ${submitSeconds.toFixed(2)} s (${(extrinsics.length / submitSeconds).toFixed(0)} submissions/s)`,
    );
    for (const [reason, count] of errors) console.log(`  refused ${count}× ${reason}`);
    console.log(
      `included ${included}/${extrinsics.length} in ${blocks.length} blocks over ${seconds.toFixed(2)} s ` +
        `(largest block ${Math.max(0, ...blocks.map((b) => b.signed))} transfers)`,
    );
    // The machine's load can change during the run: take the verification baseline again and use the mean.
    const wasmAfter = verificationsPerSecond(wasm.sr25519Verify, 2);
    console.log(`\nwasm-crypto verifications/s: ${wasmRate.toFixed(0)} before the run, ${wasmAfter.toFixed(0)} after`);
    wasmRate = (wasmRate + wasmAfter) / 2;
    console.log(`INCLUDED THROUGHPUT  ${tps.toFixed(0)} tx/s  (target ≥ 1000 tx/s)`);
    console.log(`  = ${(tps / wasmRate).toFixed(3)} × wasm-crypto verifications/s (${wasmRate.toFixed(0)})`);
    console.log(`  = ${(tps / jsRate).toFixed(2)} × util-crypto pure-JS verifications/s (${jsRate.toFixed(0)})`);
  } finally {
    await api.disconnect();
    await node.stop();
    if (options.cpuProf)
      console.log(`node CPU profile written to ${options.cpuProf} (open in Chrome DevTools or speedscope)`);
  }
}

main().catch((error: unknown) => {
  console.error(`node-throughput: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
