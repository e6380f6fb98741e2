#!/usr/bin/env node
// The `veritrain` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/node/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('veritrain: not built yet; run `npm ci` (or `npm run build`) in the repository first\n');
  process.exit(1);
}
await import(entry.href);
