/**
 * The node's logger (pino). By default lines read like Substrate's (`2026-01-01 12:00:00 🏆 Imported #3 (0x…)`);
 * `--log-format json` keeps pino's JSON lines for machines.
 */
import { pino, type Logger } from 'pino';

export type { Logger };
export type LogFormat = 'text' | 'json';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: '', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Turns one pino JSON line into a Substrate-like text line. */
function formatLine(line: string): string {
  const entry = JSON.parse(line) as { level: number; time: number; msg?: string; err?: { message?: string } } & Record<
    string,
    unknown
  >;
  const time = new Date(entry.time).toISOString().replace('T', ' ').slice(0, 19);
  const level = LEVEL_NAMES[entry.level] ?? '';
  const error = entry.err?.message ? `: ${entry.err.message}` : '';
  return `${time} ${level ? `${level} ` : ''}${entry.msg ?? ''}${error}\n`;
}

export function createLogger(format: LogFormat = 'text', level = 'info'): Logger {
  if (format === 'json') return pino({ level, base: undefined }, pino.destination({ fd: 1, sync: true }));
  const stream = { write: (line: string) => void process.stdout.write(formatLine(line)) };
  return pino({ level, base: undefined }, stream);
}

/** `0x1234…abcd`, as Substrate abbreviates hashes in logs. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 6)}…${hash.slice(-4)}`;
}
