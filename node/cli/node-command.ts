/** `veritrain node`: runs a node with Substrate-like flags until SIGINT/SIGTERM. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { createLogger } from '../log.js';
import { DEFAULT_POOL_LIMITS } from '../pool/pool-types.js';
import type { NodeConfig } from '../service.js';
import { decodeFlags, NodeFlags } from './flags.js';

const DEFAULT_BLOCK_TIME_MS = { dev: 1_000, other: 6_000 };
/** Substrate's default base path, `$HOME/.local/share/<node>`. */
const defaultBasePath = (): string => join(homedir(), '.local', 'share', 'veritrain');

export function registerNodeCommand(program: Command): void {
  program
    .command('node')
    .description("Run a Veritrain node (JSON-RPC on --rpc-port, blocks authored by the chain spec's default author)")
    .option('--dev', 'development chain: dev spec, Alice authoring, --tmp unless --base-path is given', false)
    .option('--chain <name|file>', 'chain spec: dev, local, or a JSON file')
    .option('--base-path <dir>', 'where the database lives')
    .option('--tmp', 'use a temporary database, removed at exit', false)
    .option('--rpc-port <port>', 'JSON-RPC port, WebSocket and HTTP (0 = a free port, printed)', '9944')
    .option('--rpc-external', 'listen on all interfaces instead of 127.0.0.1', false)
    .option('--rpc-cors <origins>', '"all" or comma-separated origins allowed to call the RPC from a browser')
    .option('--rpc-methods <kind>', 'safe, unsafe, or auto (unsafe on localhost)', 'auto')
    .option('--rpc-max-connections <n>', 'most WebSocket connections at once', '10000')
    .option('--rpc-max-request-size <MiB>', 'largest JSON-RPC request, in MiB', '15')
    .option('--prometheus-port <port>', 'Prometheus /metrics port (0 = a free port, printed)', '9615')
    .option('--no-prometheus', 'do not expose metrics')
    .option('--block-time <ms>', 'milliseconds between authored blocks (default 1000 with --dev, else 6000)')
    .option('--instant-seal', 'author a block as soon as a transaction is ready', false)
    .option('--pool-limit <n>', 'most transactions in the pool', '65536')
    .option('--verify-workers <n>', 'threads verifying submitted signatures (0 = main thread; default: spare cores)')
    .option('--log-format <format>', 'text or json', 'text')
    .action(async (raw: Record<string, unknown>) => {
      // The runtime is heavy to load; flags are checked (and usage errors answered) before it is.
      const flags = decodeFlags(NodeFlags, raw);
      const log = createLogger(flags.logFormat);
      const chainName = flags.chain ?? (flags.dev ? 'dev' : 'local');
      const { loadRuntime, loadSpec } = await import('../runtime-source.js');
      const { startNodeService } = await import('../service.js');
      const [spec, runtime] = await Promise.all([loadSpec(chainName), loadRuntime()]);
      const temporary = flags.tmp || (flags.dev && flags.basePath === undefined);
      const config: NodeConfig = {
        spec,
        runtime,
        basePath: temporary ? undefined : (flags.basePath ?? defaultBasePath()),
        rpcHost: flags.rpcExternal ? '0.0.0.0' : '127.0.0.1',
        rpcPort: flags.rpcPort,
        rpcCors:
          flags.rpcCors ?? (flags.dev ? 'all' : ['http://localhost', 'http://127.0.0.1', 'https://polkadot.js.org']),
        rpcMethods: flags.rpcMethods,
        rpcMaxConnections: flags.rpcMaxConnections,
        rpcMaxRequestBytes: flags.rpcMaxRequestSize * 1024 * 1024,
        prometheusPort: flags.prometheus ? flags.prometheusPort : null,
        sealMode: flags.instantSeal
          ? { kind: 'instant' }
          : {
              kind: 'interval',
              blockTimeMs:
                flags.blockTime ??
                (spec.chainType === 'Development' ? DEFAULT_BLOCK_TIME_MS.dev : DEFAULT_BLOCK_TIME_MS.other),
            },
        poolLimits: {
          total: flags.poolLimit,
          perSender: Math.min(DEFAULT_POOL_LIMITS.perSender, flags.poolLimit),
          future: Math.min(DEFAULT_POOL_LIMITS.future, flags.poolLimit),
          maxExtrinsicBytes: DEFAULT_POOL_LIMITS.maxExtrinsicBytes,
        },
        verifyWorkers: flags.verifyWorkers,
      };
      const node = await startNodeService(config, log);
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string): void => {
          log.info(`Received ${signal}, shutting down`);
          process.off('SIGINT', shutdown);
          process.off('SIGTERM', shutdown);
          resolve();
        };
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
      });
      await node.stop();
      log.info('Stopped');
    });
}
