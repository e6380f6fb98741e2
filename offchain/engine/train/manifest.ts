/**
 * The proof manifest: what a solver publishes after training, decoded with io-ts wherever it is read.
 * Merkle roots are over leafHash(32-byte hash) leaves, in step / checkpoint order (referee/merkle.ts); the step root's
 * leaf t is the state commitment after t steps (docs/dispute-protocol.md). Checkpoints are artifacts: their ids are
 * blake2-256 of their bytes, not state commitments.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { hexToU8a } from '@polkadot/util';
import { leafHash, merkleRoot } from '../../referee/index.js';
import { ManifestError } from '../errors.js';
import { toHex, type HashHex } from '../hash.js';
import { Fraction, Hash256, NonNegativeInt, PositiveInt, describeErrors } from '../spec/codecs.js';
import { KernelSetName } from '../spec/task.js';

export const ProofManifest = t.type(
  {
    version: t.literal(1),
    /** blake2-256 of the task spec's bytes as stored. */
    taskHash: Hash256,
    kernelSet: KernelSetName,
    steps: PositiveInt,
    checkpointInterval: PositiveInt,
    /** Checkpoints at steps 0, k, 2k, …, and the last step. Segment i runs from checkpoint i to i + 1. */
    checkpoints: t.array(
      t.type({ step: NonNegativeInt, hash: Hash256 }, 'a checkpoint entry'),
      'a list of checkpoints',
    ),
    checkpointRoot: Hash256,
    /**
     * Artifact id of the per-step state commitments (32 bytes each, for steps 0 … steps: leaf t is the state after
     * t steps, leaf 0 the initial state; referee/commitment.ts stateCommitment).
     */
    stepHashes: Hash256,
    stepRoot: Hash256,
    /** blake2-256 of the final parameters alone (a checkpoint of the parameters, optimizer slots left out). */
    finalModelHash: Hash256,
    claimedMetric: t.type({ metric: t.literal('testAccuracy'), value: Fraction }, 'an object'),
  },
  'an object',
);
export type ProofManifest = t.TypeOf<typeof ProofManifest>;

export function decodeManifest(value: unknown): ProofManifest {
  const result = ProofManifest.decode(value);
  if (isLeft(result)) throw new ManifestError(`invalid proof manifest: ${describeErrors(result.left).join('; ')}`);
  return result.right;
}

export function rootOfHashes(hashes: readonly Uint8Array[]): HashHex {
  return toHex(merkleRoot(hashes.map((h) => leafHash(h))));
}

export function rootOfHexHashes(hashes: readonly string[]): HashHex {
  return rootOfHashes(hashes.map((h) => hexToU8a(h)));
}

/** Packs step hashes as one artifact (concatenated 32-byte hashes). */
export function packStepHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * 32);
  hashes.forEach((h, i) => out.set(h, i * 32));
  return out;
}

/** The step list of a proof over `steps` steps: steps + 1 commitments (steps 0 … steps). */
export function unpackStepHashes(bytes: Uint8Array, steps: number): Uint8Array[] {
  const expected = steps + 1;
  if (bytes.length !== expected * 32) {
    throw new ManifestError(
      `the step-hash list has ${bytes.length} bytes; ${steps} steps need ${expected} hashes (steps 0 to ${steps}), ${expected * 32} bytes`,
    );
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < expected; i++) out.push(bytes.slice(i * 32, i * 32 + 32));
  return out;
}

/** Checks a manifest's internal consistency (roots, checkpoint schedule); throws ManifestError. */
export function checkManifest(m: ProofManifest, stepHashes: readonly Uint8Array[]): void {
  const schedule = checkpointSteps(m.steps, m.checkpointInterval);
  if (m.checkpoints.map((c) => c.step).join() !== schedule.join()) {
    throw new ManifestError(
      `checkpoints are at steps ${m.checkpoints.map((c) => c.step).join(',')}; expected ${schedule.join(',')}`,
    );
  }
  if (rootOfHexHashes(m.checkpoints.map((c) => c.hash)) !== m.checkpointRoot)
    throw new ManifestError('checkpointRoot does not match the checkpoints');
  if (stepHashes.length !== m.steps + 1)
    throw new ManifestError(`the step list has ${stepHashes.length} hashes; steps 0 to ${m.steps} need ${m.steps + 1}`);
  if (rootOfHashes(stepHashes) !== m.stepRoot) throw new ManifestError('stepRoot does not match the step hashes');
}

/** Steps at which checkpoints are taken: 0, k, 2k, …, and `steps`. */
export function checkpointSteps(steps: number, interval: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < steps; s += interval) out.push(s);
  out.push(steps);
  return out;
}
