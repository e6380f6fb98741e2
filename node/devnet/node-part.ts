/** Devnet part: a `veritrain node --dev` child process, its log in a file, its RPC address parsed from it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RPC_ADDRESS_LINE } from '../log-lines.js';
import type { DevnetPart } from './launcher.js';

const VERITRAIN_BIN = fileURLToPath(new URL('../../../bin/veritrain.js', import.meta.url));

/** True when nothing listens on `port` on 127.0.0.1. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export class NodePart implements DevnetPart {
  readonly name = 'node';
  private child: ChildProcess | undefined;
  wsUrl = '';
  readonly logPath: string;

  constructor(
    private readonly preferredPort: number,
    private readonly basePath: string | undefined,
  ) {
    this.logPath = join(mkdtempSync(join(tmpdir(), 'veritrain-devnet-')), 'node.log');
  }

  async start(): Promise<void> {
    const port = (await portIsFree(this.preferredPort)) ? this.preferredPort : 0;
    const args = [VERITRAIN_BIN, 'node', '--dev', '--rpc-port', String(port), '--prometheus-port', '0'];
    if (this.basePath) args.push('--base-path', this.basePath);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const log = createWriteStream(this.logPath);
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        log.write(chunk);
        if (this.wsUrl) return;
        seen += chunk.toString('utf8');
        const match = seen.match(RPC_ADDRESS_LINE);
        if (match) {
          this.wsUrl = `ws://127.0.0.1:${match[2]}`;
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) =>
        reject(
          new Error(
            `the node exited (code ${code}) before serving RPC:\n${seen.trim().split('\n').slice(-5).join('\n')}`,
          ),
        ),
      );
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }
}
