/**
 * The engine's side of a dispute: traces of one step, the task's graph commitment, node records and state
 * openings, and each party's on-chain moves (docs/dispute-protocol.md), plus the off-chain bisection and the
 * trace's wire format.
 */
export { traceStep, type StepTrace, type TraceNode } from './trace.js';
export {
  graphCommitment,
  graphTemplates,
  graphWiring,
  templateMatchesTask,
  templatesOf,
  type GraphCommitment,
} from './templates.js';
export {
  committedState,
  nodeRecords,
  openingAfter,
  openingBefore,
  provenRecord,
  recordTree,
  type ProvenRecord,
  type RecordTree,
  type StateOpening,
} from './records.js';
export { Claimant, programDataRefs, type ClaimantOptions } from './claimant.js';
export { Challenger, firstDisputedStep, stepMove } from './challenger.js';
export { judgeDisputedStep, judgeElement, type ElementVerdict } from './arbitrate-step.js';
export { encodeTrace, decodeTrace, TraceCodecError } from './trace-codec.js';
export * from './moves.js';
export * from './call-args.js';
export * from './bisect.js';
