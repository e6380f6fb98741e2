/**
 * Starts a real `veritrain node` process for tests, waits until it prints its RPC address, and cleans up.
 * Shared by the node tests (test/node/) and the client compatibility tests (test/compat/).
 *
 *   const node = await startNode();                  // --dev --tmp, RPC and Prometheus on free ports
 *   const api = await ApiPromise.create({ provider: new WsProvider(node.wsUrl) });
 *   ...
 *   await node.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROMETHEUS_LINE, RPC_ADDRESS_LINE } from '../../node/log-lines.js';
import type { WireReply } from './raw-rpc.js';

/** The repository root, found from this file's place in dist/test/helpers/ (or test/helpers/ under tsx). */
export const repoRoot = fileURLToPath(
  new URL(import.meta.url.includes('/dist/') ? '../../../' : '../../', import.meta.url),
);
export const veritrainBin = join(repoRoot, 'bin', 'veritrain.js');

export interface StartNodeOptions {
  /** Persistent database folder; when absent the node runs with --tmp. */
  basePath?: string;
  /** Default true: `--dev`. */
  dev?: boolean;
  instantSeal?: boolean;
  blockTimeMs?: number;
  /** Default true: Prometheus exporter on a free port (its URL is in `metricsUrl`). */
  prometheus?: boolean;
  /** Further flags, appended as given. */
  extraArgs?: string[];
  /** How long to wait for the RPC address line (default 30 s). */
  startTimeoutMs?: number;
}

export interface NodeProcess {
  readonly child: ChildProcess;
  readonly rpcPort: number;
  readonly wsUrl: string;
  readonly httpUrl: string;
  /** `http://127.0.0.1:<port>/metrics`, when Prometheus is on. */
  readonly metricsUrl: string | undefined;
  /** Everything the node printed so far (stdout and stderr, in arrival order). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (past or future). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM (or the given signal) and wait for exit; SIGKILL after 10 s. Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function nodeArgs(options: StartNodeOptions): string[] {
  const args = ['node', '--rpc-port', '0'];
  if (options.dev ?? true) args.push('--dev');
  if (options.basePath) args.push('--base-path', options.basePath);
  else args.push('--tmp');
  if (options.instantSeal) args.push('--instant-seal');
  if (options.blockTimeMs !== undefined) args.push('--block-time', String(options.blockTimeMs));
  if (options.prometheus ?? true) args.push('--prometheus-port', '0');
  else args.push('--no-prometheus');
  args.push(...(options.extraArgs ?? []));
  return args;
}

/** Every child still running; killed when the test process exits, so a failed test never leaves a node behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `node bin/veritrain.js …` and collects its output. */
export function spawnVeritrain(args: string[]): {
  child: ChildProcess;
  output: () => string;
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [veritrainBin, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const wake of [...waiters]) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const wake of [...waiters]) wake();
      resolve(code);
    }),
  );
  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = text.match(pattern);
        if (match) {
          done();
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(
            new Error(`veritrain exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${text}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; output so far:\n${text}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { child, output: () => text, waitForOutput, exited };
}

/** Starts a node and resolves once its RPC server listens. */
export async function startNode(options: StartNodeOptions = {}): Promise<NodeProcess> {
  const spawned = spawnVeritrain(nodeArgs(options));
  const { child } = spawned;
  let rpcMatch: RegExpMatchArray;
  try {
    rpcMatch = await spawned.waitForOutput(RPC_ADDRESS_LINE, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const rpcPort = Number(rpcMatch[2]);
  let metricsUrl: string | undefined;
  if (options.prometheus ?? true) {
    const promMatch = await spawned.waitForOutput(PROMETHEUS_LINE, 10_000);
    metricsUrl = `http://127.0.0.1:${promMatch[2]}/metrics`;
  }
  let stopping: Promise<number | null> | undefined;
  return {
    child,
    rpcPort,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    httpUrl: `http://127.0.0.1:${rpcPort}`,
    metricsUrl,
    output: spawned.output,
    waitForOutput: spawned.waitForOutput,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (!stopping) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        stopping = spawned.exited.finally(() => clearTimeout(force));
      }
      return stopping;
    },
  };
}

/** A fresh temporary folder for `--base-path`; `remove()` deletes it. */
export function tempBasePath(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'veritrain-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** One JSON-RPC request over HTTP POST; resolves with the whole response object (result or error). */
export async function httpRpc(httpUrl: string, body: unknown): Promise<WireReply> {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return response.json();
}

/** Calls `method` over HTTP and returns its result, throwing on a JSON-RPC error. */
export async function rpcResult<T = WireReply>(httpUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const reply = await httpRpc(httpUrl, { jsonrpc: '2.0', id: 1, method, params });
  if (reply.error)
    throw new Error(`${method}: ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.data ?? '')}`);
  return reply.result as T;
}
