/** `veritrain devnet`: the README's main command. Starts the devnet's parts and runs until Ctrl-C. */
import { Command } from 'commander';
import { DevnetLauncher } from '../devnet/launcher.js';
import { NodePart } from '../devnet/node-part.js';
import { decodeFlags, DevnetFlags } from './flags.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

export function registerDevnetCommand(program: Command): void {
  program
    .command('devnet')
    .description('Start a local devnet (dev node, Alice authoring) and show blocks and a transfer Alice → Bob')
    .option('--rpc-port <port>', "the node's RPC port (default 9944, or a free one when 9944 is taken)")
    .option('--base-path <dir>', 'keep the chain in this folder (default: temporary)')
    .option('--exit-after-demo', 'exit 0 once the demo transfer is finalized', false)
    .action(async (raw: Record<string, unknown>) => {
      const flags = decodeFlags(DevnetFlags, raw);
      const launcher = new DevnetLauncher(say);
      const node = new NodePart(flags.rpcPort ?? 9944, flags.basePath);
      // @polkadot/api is heavy to load; only the devnet needs it.
      const { DemoPart } = await import('../devnet/demo-part.js');
      const demo = new DemoPart(() => node.wsUrl, say);
      say('🚀 Starting the Veritrain devnet');
      await launcher.start([node, demo]);
      say(`🌐 Node RPC at ${node.wsUrl} (log: ${node.logPath}); press Ctrl-C to stop`);
      const interrupted = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      try {
        if (flags.exitAfterDemo) await Promise.race([demo.transferFinalized, interrupted]);
        else {
          demo.transferFinalized.catch((error: Error) => say(`❌ ${error.message}`));
          await interrupted;
        }
      } finally {
        say('👋 Stopping the devnet');
        await launcher.stop();
      }
    });
}
