/** `veritrain check-chain --base-path <dir>`: re-executes the stored chain and verifies every state root. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { checkChain } from '../check-chain.js';
import type { ChainSpec } from '../../runtime-bindings/seam.js';
import { ChainDb, chainDbPath } from '../store/chain-db.js';
import { CheckChainFlags, CliUsageError, decodeFlags } from './flags.js';

/** The chain spec to use: --chain / --dev, else the only chain stored under the base path. */
function chainName(flags: CheckChainFlags): string {
  if (flags.chain) return flags.chain;
  if (flags.dev) return 'dev';
  const chains = join(flags.basePath, 'chains');
  const found = existsSync(chains) ? readdirSync(chains) : [];
  if (found.length !== 1) {
    throw new CliUsageError(
      found.length === 0
        ? `no chain database under ${flags.basePath}`
        : `several chains under ${flags.basePath} (${found.join(', ')}); pass --chain`,
    );
  }
  return found[0]!;
}

/** The built-in spec whose id names the stored chain's folder (`dev`, `local_testnet`, …). */
async function specForStoredChain(id: string, loadSpec: (name: string) => Promise<ChainSpec>): Promise<ChainSpec> {
  for (const name of ['dev', 'local']) {
    const spec = await loadSpec(name);
    if (spec.id === id) return spec;
  }
  throw new CliUsageError(`the chain stored under --base-path is "${id}", not a built-in spec; pass --chain <file>`);
}

export function registerCheckChainCommand(program: Command): void {
  program
    .command('check-chain')
    .description('Re-execute every stored block from genesis and verify every state root')
    .requiredOption('--base-path <dir>', "the node's database folder")
    .option('--dev', 'the dev chain', false)
    .option('--chain <name|file>', 'chain spec (default: the one chain stored under --base-path)')
    .option('--log-format <format>', 'text or json', 'text')
    .action(async (raw: Record<string, unknown>) => {
      // The runtime is heavy to load; flags are checked (and usage errors answered) before it is.
      const flags = decodeFlags(CheckChainFlags, raw);
      const name = chainName(flags);
      const { loadRuntime, loadSpec } = await import('../runtime-source.js');
      const runtime = await loadRuntime();
      const spec = flags.chain || flags.dev ? await loadSpec(name) : await specForStoredChain(name, loadSpec);
      const dbPath = chainDbPath(flags.basePath, spec.id);
      if (!existsSync(dbPath)) throw new CliUsageError(`no database for chain ${spec.id} at ${dbPath}`);
      const db = await ChainDb.open(dbPath);
      const started = performance.now();
      const bar = process.stderr.isTTY
        ? new SingleBar({ format: 'Re-executing [{bar}] {value}/{total} blocks', stream: process.stderr })
        : undefined;
      let lastPrinted = 0;
      try {
        const summary = await checkChain(db, runtime, spec, (done, total) => {
          if (bar) {
            if (done === 1) bar.start(total, 0);
            bar.update(done);
          } else if (done === total || done - lastPrinted >= 500) {
            lastPrinted = done;
            process.stdout.write(`Re-executed ${done}/${total} blocks\n`);
          }
        });
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `✅ check-chain: ${summary.blocks} blocks (${summary.extrinsics} extrinsics) re-executed from genesis in ${seconds.toFixed(2)} s; ` +
            `every state root matches; head #${summary.head.number} ${summary.head.hash}; ${summary.stateKeys} state keys match the stored state\n`,
        );
      } finally {
        bar?.stop();
        await db.close();
      }
    });
}
