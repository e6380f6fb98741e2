/** The proofs pallet's SCALE types, declared once. */
import { bytes, struct, u32, type TypeOf } from '../types/dsl.js';
import { BlockNumber, H256 } from '../types/primitives.js';

export const ProofCommitment = struct(['pallet_veritrain_proofs', 'ProofCommitment'], {
  checkpoint_root: { type: H256, docs: ['Merkle root over the checkpoint hashes (referee Merkle layout).'] },
  step_root: {
    type: H256,
    docs: [
      'Merkle root over the per-step state commitments H_0 ..= H_T (leaf t = leafHash(H_t), T + 1 leaves, H_0 the',
      'initial state; docs/dispute-protocol.md). A dispute proves leaves t − 1 and t under it.',
    ],
  },
  final_model_hash: H256,
  claimed_metric: { type: u32, docs: ['The test-set metric the solver claims, in parts per billion.'] },
  locator: { type: bytes, docs: ['Where the proof (checkpoints, hashes, traces) is published on NATS.'] },
  selection_commitment: {
    type: H256,
    docs: ["blake2_256 of the solver's selection key, revealed after `SelectionDelay` blocks (docs/randomness.md)."],
  },
  proof_round: u32,
  submitted_at: BlockNumber,
});
export type ProofCommitment = TypeOf<typeof ProofCommitment>;
