// Compiles the AssemblyScript kernels (offchain/engine/kernels/assembly/*.ts) to dist/.
// Each file named in kernels.json becomes dist/wasm/<name>.wasm. Nothing is downloaded: the compiler is the
// `assemblyscript` npm package.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'offchain/engine/kernels/assembly/kernels.json');
if (!existsSync(manifest)) process.exit(0);
const entries = JSON.parse(readFileSync(manifest, 'utf8'));
mkdirSync(join(root, 'dist/wasm'), { recursive: true });
for (const { name, source, flags = [] } of entries) {
  const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
  execFileSync(process.execPath, [asc, join(root, source), '-o', join(root, 'dist/wasm', `${name}.wasm`), ...flags], {
    stdio: 'inherit',
  });
}
