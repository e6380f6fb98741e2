/** The verification pallet's SCALE types, declared once. */
import { enumType, option, struct, u32, u64, vec, type TypeOf } from '../types/dsl.js';
import { H256 } from '../types/primitives.js';

const CRATE = 'pallet_veritrain_verification';

/**
 * `Accept`, or `Reject` naming the first segment found wrong, its distance to the next checkpoint in units of 1e-9
 * (the chain never stores a float) and the metric the verifier measured, in parts per billion.
 */
export const Verdict = enumType([CRATE, 'Verdict'], {
  Accept: { index: 0, docs: ['Every assigned segment replayed within the threshold, and the metric reached.'] },
  Reject: {
    index: 1,
    fields: {
      segment: { type: u32, docs: ['The first assigned segment found wrong.'] },
      distance: { type: u64, docs: ['Its distance to the claimed checkpoint, in units of 1e-9.'] },
      metric: { type: u32, docs: ['The test-set metric measured, in parts per billion.'] },
    },
    docs: ['A segment did not replay within the threshold, or the metric was missed.'],
  },
});
export type Verdict = TypeOf<typeof Verdict>;

export const Assignment = struct([CRATE, 'Assignment'], {
  segments: { type: vec(u32), docs: ['The segments this verifier must replay, ascending.'] },
  commitment: { type: option(H256), docs: ['blake2_256(SCALE(verdict) ‖ salt), once committed.'] },
  verdict: { type: option(Verdict), docs: ['The revealed verdict.'] },
});
export type Assignment = TypeOf<typeof Assignment>;
