/** The disputes pallet's SCALE types, declared once: the phase machine (phase-machine.ts) works on these. */
import { enumType, option, struct, u32, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';
import { TaskId } from '../tasks/types.js';

const CRATE = 'pallet_veritrain_disputes';

export const DisputePhase = enumType([CRATE, 'DisputePhase'], {
  Step: { index: 0, docs: ['Find the first step of the segment whose state hash is disputed.'] },
  GraphNode: { index: 1, docs: ['Find the first operation of that step whose output differs, its inputs agreed.'] },
  Element: { index: 2, docs: ['Find one disputed output element of that operation.'] },
  Accumulation: {
    index: 3,
    docs: ['Find the first disputed partial result of that element; the chain recomputes it.'],
  },
});
export type DisputePhaseName = TypeOf<typeof DisputePhase>['type'];

export const Party = enumType([CRATE, 'Party'], {
  Claimant: { index: 0, docs: ['The solver, defending its computation.'] },
  Challenger: { index: 1, docs: ['Whoever disputes it (whistleblower or verifier).'] },
});
export type PartyName = TypeOf<typeof Party>['type'];

export const ExpectedMove = enumType([CRATE, 'ExpectedMove'], {
  CommitList: { index: 0, docs: ["The claimant commits the current phase's list (Merkle root and length)."] },
  PointIndex: { index: 1, docs: ['The challenger names the first disputed index of the list.'] },
  SupplyOperands: { index: 2, docs: ['The claimant supplies the operands of the disputed accumulation step.'] },
});
export type ExpectedMoveName = TypeOf<typeof ExpectedMove>['type'];

export const Resolution = enumType([CRATE, 'Resolution'], {
  Timeout: { index: 0, docs: ['The party on turn let its deadline pass.'] },
  Recomputed: { index: 1, docs: ['The chain recomputed the disputed step with the referee.'] },
});

export const DisputePath = struct([CRATE, 'DisputePath'], {
  step: option(u32),
  node: option(u32),
  element: option(u32),
  accumulation: option(u32),
});
export type DisputePath = TypeOf<typeof DisputePath>;

export const IndexRange = struct([CRATE, 'IndexRange'], { first: u32, last: u32 });

export const DisputeGame = enumType([CRATE, 'DisputeGame'], {
  Open: {
    index: 0,
    fields: {
      phase: DisputePhase,
      expects: ExpectedMove,
      turn: Party,
      deadline: { type: BlockNumber, docs: ['Last block at which the party on turn may still move.'] },
      range: { type: option(IndexRange), docs: ['Inclusive range the challenger may point into.'] },
      path: DisputePath,
    },
    docs: ['Waiting on `turn`.'],
  },
  Resolved: { index: 1, fields: { winner: Party, reason: Resolution, path: DisputePath }, docs: ['Decided.'] },
});
export type DisputeGame = TypeOf<typeof DisputeGame>;

export const Dispute = struct([CRATE, 'Dispute'], {
  task: TaskId,
  segment: u32,
  claimant: AccountId,
  challenger: AccountId,
  bond: { type: Balance, docs: ['Reserved from the challenger; lost if it loses.'] },
  list_root: { type: option(H256), docs: ['The Merkle root of the list the current phase points into.'] },
  game: DisputeGame,
});
export type Dispute = TypeOf<typeof Dispute>;
