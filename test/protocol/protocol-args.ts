/**
 * The arguments of the protocol's calls as a client sends them, built in one place: the task spec (the only place
 * a test constructs one, so that a new field such as `graph_root` is one edit), proof commitments, verdicts and
 * roles in the shapes `@polkadot/api` takes, and the commitments the pallets check (from their own definitions).
 */
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { bidCommitment } from '../../pallets-spec/market/commitment.js';
import type { RoleName } from '../../pallets-spec/roles/types.js';
import type { TaskSpec } from '../../pallets-spec/tasks/types.js';
import { solverSecretCommitment } from '../../pallets-spec/verification/forced-error.js';
import { selectionKeyCommitment } from '../../pallets-spec/verification/randomness.js';
import type { Verdict } from '../../pallets-spec/verification/types.js';
import { verdictCommitment } from '../../pallets-spec/verification/verdicts.js';
import { bytes32 } from './helpers.js';

export { bytes32 };

export const hex32 = (tag: number, n = 0): HexString => u8aToHex(bytes32(tag, n));

/**
 * The task spec a test submits: two segments of ten steps by default (each verifier replays both). Tests that
 * train for real (MNIST end to end) pass the engine's hashes and schedule as `overrides`.
 */
export function taskSpec(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    spec_hash: hex32(0x01),
    locator: new TextEncoder().encode('tasks.mnist-mlp.v1'),
    dataset_hash: hex32(0x02),
    test_set_hash: hex32(0x03),
    steps: 20,
    checkpoint_interval: 10,
    target_metric: 900_000_000,
    kernel_set: hex32(0x04),
    threshold: 0n,
    graph_root: hex32(0x08),
    graph_nodes: 12,
    ...overrides,
  };
}

/**
 * `@polkadot/api` reads a `Uint8Array` given for `Bytes` as already SCALE-encoded (length prefix included), and
 * hex as the plain content: byte fields go as hex.
 */
export const apiBytes = (bytes: Uint8Array): HexString => u8aToHex(bytes);

export const apiTaskSpec = (spec: TaskSpec) => ({ ...spec, locator: apiBytes(spec.locator) });

/** What `Proofs.submit_proof` commits to (the selection commitment is added by the driver). */
export interface ProofCommitments {
  checkpoint_root: HexString;
  step_root: HexString;
  final_model_hash: HexString;
  claimed_metric: number;
  locator: Uint8Array;
}

export function proofCommitments(overrides: Partial<ProofCommitments> = {}): ProofCommitments {
  return {
    checkpoint_root: hex32(0x05),
    step_root: hex32(0x06),
    final_model_hash: hex32(0x07),
    claimed_metric: 950_000_000,
    locator: new TextEncoder().encode('proofs.task'),
    ...overrides,
  };
}

/** A sealed bid: its price, its salt, and the solver's forced-error secret committed with it. */
export interface SealedBid {
  price: bigint;
  salt: Uint8Array;
  secret: Uint8Array;
}

export const bidArgs = (bid: SealedBid) => ({
  commitment: u8aToHex(bidCommitment(bid.price, bid.salt)),
  secret_commitment: u8aToHex(solverSecretCommitment(bid.secret)),
});

export const selectionCommitment = (key: Uint8Array): HexString => u8aToHex(selectionKeyCommitment(key));

export const ACCEPT: Verdict = { type: 'Accept', value: undefined };
export const reject = (segment: number, distance = 12_345n, metric = 100_000_000): Verdict => ({
  type: 'Reject',
  value: { segment, distance, metric },
});

export const verdictSeal = (verdict: Verdict, salt: Uint8Array): HexString =>
  u8aToHex(verdictCommitment(verdict, salt));

/** A declared enum value (`{ type, value }`) in the `{ Variant: value }` shape `@polkadot/api` encodes. */
export function apiEnum(value: { type: string; value: unknown }): Record<string, unknown> {
  return { [value.type]: value.value ?? null };
}

export const apiRole = (role: RoleName): Record<string, null> => ({ [role]: null });
