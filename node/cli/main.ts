/**
 * The `veritrain` command (bin/veritrain.js imports this file). Usage errors print one line and exit 2;
 * failures at run time print one line and exit 1; neither prints a stack trace (set VERITRAIN_DEBUG=1 for it).
 */
import { Command, CommanderError } from 'commander';
import { registerEngineCommands } from '../../offchain/engine/cli/index.js';
import { NODE_VERSION } from '../identity.js';
import { registerCheckChainCommand } from './check-chain-command.js';
import { registerDevnetCommand } from './devnet-command.js';
import { CliUsageError } from './flags.js';
import { registerNodeCommand } from './node-command.js';

const program = new Command('veritrain')
  .description('Verifiable, decentralized ML training: protocol node, devnet and workers')
  .version(NODE_VERSION)
  .exitOverride()
  .showHelpAfterError(false)
  .configureOutput({
    writeErr: (text) => process.stderr.write(text.startsWith('error:') ? `veritrain: ${text}` : text),
  });

registerNodeCommand(program);
registerCheckChainCommand(program);
registerDevnetCommand(program);
registerEngineCommands(program);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
  // Commands resolve when their work is done; leftover handles (sockets, timers) must not keep the process alive.
  process.exit(process.exitCode ?? 0);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; they exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof CliUsageError) {
    process.stderr.write(`veritrain: ${error.message}\n`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`veritrain: error: ${message}\n`);
  if (process.env.VERITRAIN_DEBUG) console.error(error);
  process.exit(1);
}
