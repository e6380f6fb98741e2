/**
 * A proof folder, as `veritrain train --out <dir>` writes it and `replay`/`eval` read it:
 *   <dir>/task.json       the task spec
 *   <dir>/manifest.json   the proof manifest
 *   <dir>/artifacts/      content-addressed artifacts (datasets, checkpoints, step hashes)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManifestError } from '../errors.js';
import { hashHex } from '../hash.js';
import { parseTaskSpec, type TaskSpec } from '../spec/task.js';
import { FsArtifactStore } from '../store/artifact-store.js';
import { decodeManifest, type ProofManifest } from './manifest.js';
import { taskBytes } from './train.js';

export interface ProofDir {
  spec: TaskSpec;
  manifest: ProofManifest;
  store: FsArtifactStore;
}

export function artifactStoreFor(dir: string): FsArtifactStore {
  return new FsArtifactStore(join(dir, 'artifacts'));
}

export async function writeProofDir(dir: string, spec: TaskSpec, manifest: ProofManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'task.json'), taskBytes(spec));
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new ManifestError(`cannot read the ${what} ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
    });
  }
}

export async function readProofDir(dir: string): Promise<ProofDir> {
  const specText = await readText(join(dir, 'task.json'), 'task spec');
  const spec = parseTaskSpec(specText);
  const manifestText = await readText(join(dir, 'manifest.json'), 'proof manifest');
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch (cause) {
    throw new ManifestError(`the proof manifest ${join(dir, 'manifest.json')} is not valid JSON`, { cause });
  }
  const manifest = decodeManifest(json);
  if (hashHex(taskBytes(spec)) !== manifest.taskHash) {
    throw new ManifestError("task.json does not match the manifest's taskHash");
  }
  return { spec, manifest, store: artifactStoreFor(dir) };
}
