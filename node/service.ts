/**
 * `veritrain node` as a whole: opens the database and chain, then starts the pool, the block author, the
 * JSON-RPC server and the metrics exporter; `stop()` shuts them down in reverse order.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { base58Encode, cryptoWaitReady } from '@polkadot/util-crypto';
import type { ChainSpec, Runtime } from '../runtime-bindings/seam.js';
import { NODE_NAME, NODE_VERSION } from './identity.js';
import { BlockAuthor, type SealMode } from './author/block-author.js';
import { Chain } from './chain.js';
import type { Logger } from './log.js';
import { NodeMetrics, startMetricsServer } from './metrics.js';
import { DEFAULT_POOL_LIMITS, type PoolLimits } from './pool/pool-types.js';
import { TransactionPool } from './pool/transaction-pool.js';
import { handlers, UNSAFE_METHODS } from './rpc/index.js';
import { startRpcServer } from './rpc/server.js';
import { ChainDb, chainDbPath } from './store/chain-db.js';
import { SignatureVerifier } from './verify/signature-verifier.js';
import { prometheusLine, rpcServerLine } from './log-lines.js';

export interface NodeConfig {
  spec: ChainSpec;
  runtime: Runtime;
  /** Database root; `undefined` means a temporary folder removed at stop (--tmp). */
  basePath: string | undefined;
  rpcHost: string;
  rpcPort: number;
  rpcCors: 'all' | string[];
  rpcMethods: 'safe' | 'unsafe' | 'auto';
  rpcMaxConnections: number;
  rpcMaxRequestBytes: number;
  /** `null` disables the exporter. */
  prometheusPort: number | null;
  sealMode: SealMode;
  poolLimits?: PoolLimits;
  /** Worker threads verifying submitted transactions' signatures; 0 verifies on the main thread. Default: spare cores. */
  verifyWorkers?: number;
}

/** One core stays with the main thread (RPC, pool, block building); the rest, up to 4, verify signatures. */
export const defaultVerifyWorkers = (): number => Math.min(4, Math.max(0, availableParallelism() - 1));

export interface RunningNode {
  rpcPort: number;
  prometheusPort: number | null;
  chain: Chain;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Turns EADDRINUSE into a message that says which flag to change. */
async function listenOrExplain<T>(what: string, port: number, flag: string, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(`the ${what} port ${port} is already in use; pass ${flag} <port> (0 picks a free one)`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Worker threads that fail to start cost speed, not correctness: the runtime then verifies on the main thread. */
async function startVerifier(workers: number, log: Logger): Promise<SignatureVerifier | undefined> {
  try {
    return await SignatureVerifier.start(workers);
  } catch (error) {
    log.warn(`${(error as Error).message}; verifying signatures on the main thread`);
    return undefined;
  }
}

export async function startNodeService(config: NodeConfig, log: Logger): Promise<RunningNode> {
  await cryptoWaitReady();
  const { spec, runtime } = config;
  const temporary = config.basePath === undefined ? mkdtempSync(join(tmpdir(), 'veritrain-')) : undefined;
  const basePath = config.basePath ?? temporary!;
  const dbPath = chainDbPath(basePath, spec.id);
  mkdirSync(dbPath, { recursive: true });

  log.info('Veritrain Node');
  log.info(`✌️  version ${NODE_VERSION}`);
  log.info(`📋 Chain specification: ${spec.name}`);
  log.info(`🏷  Node name: ${NODE_NAME}`);
  log.info(`👤 Role: AUTHORITY`);
  log.info(`💾 Database: LevelDb at ${dbPath}`);

  // Everything started so far, stopped in reverse by stop() or when a later step fails.
  const teardown: Array<() => Promise<void>> = [];
  if (temporary) teardown.push(async () => rmSync(temporary, { recursive: true, force: true }));
  const stopAll = async (): Promise<void> => {
    while (teardown.length > 0) await teardown.pop()!();
  };
  try {
    const db = await ChainDb.open(dbPath);
    teardown.push(() => db.close());
    const chain = await Chain.open(db, runtime, spec);
    log.info(
      `🔨 Initializing Genesis block/state (state: ${chain.best.header.stateRoot.slice(0, 6)}…, header-hash: ${chain.genesisHash.slice(0, 6)}…)`,
    );
    if (chain.best.number > 0) log.info(`📦 Resuming from finalized block #${chain.best.number} (${chain.best.hash})`);

    const metrics = new NodeMetrics();
    const workers = config.verifyWorkers ?? defaultVerifyWorkers();
    const verifier = workers > 0 ? await startVerifier(workers, log) : undefined;
    if (verifier) {
      teardown.push(() => verifier.stop());
      log.info(`🔏 Verifying transaction signatures on ${workers} worker thread${workers === 1 ? '' : 's'}`);
    }
    const pool = new TransactionPool(runtime, chain, config.poolLimits ?? DEFAULT_POOL_LIMITS, verifier);
    metrics.blockHeight.set({ status: 'best' }, chain.best.number);
    metrics.blockHeight.set({ status: 'finalized' }, chain.finalized.number);
    chain.onBlock(({ block }) => {
      metrics.blockHeight.set({ status: 'best' }, block.header.number);
      metrics.blockHeight.set({ status: 'finalized' }, block.header.number);
    });
    metrics.poolCounts = () => pool.counts;

    const author = new BlockAuthor(chain, pool, runtime, spec, config.sealMode, metrics, log);
    teardown.push(() => author.stop());
    // Tests and tools move a development chain through protocol windows on demand (Chopsticks' dev_newBlock).
    const dev = spec.chainType === 'Development' ? { newBlocks: (n: number) => author.authorNow(n) } : undefined;

    const peerId = `12D3KooW${base58Encode(randomBytes(32)).slice(0, 44)}`;
    const localRpc = config.rpcHost === '127.0.0.1' || config.rpcHost === 'localhost';
    const rpc = await listenOrExplain('JSON-RPC', config.rpcPort, '--rpc-port', () =>
      startRpcServer({
        host: config.rpcHost,
        port: config.rpcPort,
        cors: config.rpcCors,
        maxConnections: config.rpcMaxConnections,
        maxRequestBytes: config.rpcMaxRequestBytes,
        handlers,
        unsafeMethods: UNSAFE_METHODS,
        allowUnsafe: config.rpcMethods === 'unsafe' || (config.rpcMethods === 'auto' && localRpc),
        metrics,
        context: { chain, pool, runtime, spec, identity: { name: NODE_NAME, version: NODE_VERSION, peerId }, log, dev },
      }),
    );
    teardown.push(() => rpc.close());
    log.info(rpcServerLine(config.rpcHost, rpc.port, config.rpcCors === 'all' ? 'all' : config.rpcCors.join(',')));

    let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
    if (config.prometheusPort !== null) {
      const port = config.prometheusPort;
      metricsServer = await listenOrExplain('Prometheus', port, '--prometheus-port', () =>
        startMetricsServer(metrics, '127.0.0.1', port),
      );
      const server = metricsServer.server;
      teardown.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      log.info(prometheusLine(metricsServer.port));
    }

    author.start();
    log.info(
      config.sealMode.kind === 'instant'
        ? '⚡ Instant seal: a block as soon as a transaction is ready'
        : `⏱  Authoring a block every ${config.sealMode.blockTimeMs} ms`,
    );

    return {
      rpcPort: rpc.port,
      prometheusPort: metricsServer?.port ?? null,
      chain,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
