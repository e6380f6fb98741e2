/**
 * The dispute game (DESIGN.md §3.6) as a pure state machine over the declared `DisputeGame`:
 * step → graph node → element → accumulation step.
 *
 * A dispute is about the claimant's (the solver's) computation of one segment. Each phase narrows the disagreement
 * to one index of a list the claimant committed to with a Merkle root: the per-step state hashes (already in the
 * proof), the node records of the disputed step, the output elements of the disputed node, the partial results
 * of the disputed element. Because every list is committed as a root, the bisection of a phase needs no rounds of
 * halving: the challenger names the first disputed index directly and backs it with a Merkle proof (checked by the
 * caller), so each phase is at most two on-chain exchanges (claimant commits the list, challenger points into it).
 * The Element phase has no claimant move: its list is the pointed node's output tensor, already committed by its
 * root in the node record. The last exchange has the claimant supply the operands of the disputed accumulation
 * step, which the chain recomputes with the referee. Whoever must move and does not before the deadline loses.
 *
 * This module checks only turn, phase, deadline and index range; the caller checks Merkle proofs and runs the
 * referee, and feeds their results in.
 */
import { type BlockNumber, type Decision, accept, refuse } from '../tasks/decision.js';
import type { DisputeGame, DisputePath, DisputePhaseName, ExpectedMoveName, PartyName, Resolution } from './types.js';

export type { DisputeGame };
type OpenGame = Extract<DisputeGame, { type: 'Open' }>;

const NEXT_PHASE: Record<DisputePhaseName, DisputePhaseName | 'Arbitration'> = {
  Step: 'GraphNode',
  GraphNode: 'Element',
  Element: 'Accumulation',
  Accumulation: 'Arbitration',
};

const PATH_KEY: Record<DisputePhaseName, keyof DisputePath> = {
  Step: 'step',
  GraphNode: 'node',
  Element: 'element',
  Accumulation: 'accumulation',
};

export type DisputeError =
  | 'DisputeResolved'
  | 'NotYourTurn'
  | 'WrongDisputeMove'
  | 'DisputeDeadlinePassed'
  | 'IndexOutOfRange'
  | 'EmptyList'
  | 'DisputeDeadlineNotReached';

const unit = <T extends string>(type: T) => ({ type, value: undefined });
const EMPTY_PATH: DisputePath = { step: undefined, node: undefined, element: undefined, accumulation: undefined };

function open(
  phase: DisputePhaseName,
  expects: ExpectedMoveName,
  turn: PartyName,
  deadline: BlockNumber,
  path: DisputePath,
  range?: { first: number; last: number },
): DisputeGame {
  return {
    type: 'Open',
    value: { phase: unit(phase), expects: unit(expects), turn: unit(turn), deadline, range, path },
  };
}

/**
 * Opens a dispute over the steps `firstStep ..= lastStep` of one segment (the state before `firstStep` is the
 * agreed checkpoint). The per-step hashes are already committed by the proof, so the challenger moves first.
 */
export function openDispute(
  segment: { firstStep: number; lastStep: number },
  now: BlockNumber,
  window: number,
): DisputeGame {
  return open('Step', 'PointIndex', 'Challenger', now + window, EMPTY_PATH, {
    first: segment.firstStep,
    last: segment.lastStep,
  });
}

function onTurn(
  game: DisputeGame,
  party: PartyName,
  move: ExpectedMoveName,
  now: BlockNumber,
): Decision<OpenGame['value'], DisputeError> {
  if (game.type === 'Resolved') return refuse('DisputeResolved');
  if (game.value.turn.type !== party) return refuse('NotYourTurn');
  if (game.value.expects.type !== move) return refuse('WrongDisputeMove');
  if (now > game.value.deadline) return refuse('DisputeDeadlinePassed');
  return accept(game.value);
}

/**
 * The claimant commits (by root, stored by the caller) the `count` items of the current phase's list. Only an
 * element's partial results may be empty (a program of no steps, e.g. a max-pool gradient routed nowhere): the
 * claimant then goes straight on to supply the data that proves the program empty.
 */
export function commitList(
  game: DisputeGame,
  party: PartyName,
  count: number,
  now: BlockNumber,
  window: number,
): Decision<DisputeGame, DisputeError> {
  const checked = onTurn(game, party, 'CommitList', now);
  if (!checked.ok) return checked;
  const { phase, path } = checked.value;
  if (!Number.isInteger(count) || count < 0) return refuse('EmptyList');
  if (count === 0) {
    if (phase.type !== 'Accumulation') return refuse('EmptyList');
    return accept(open('Accumulation', 'SupplyOperands', 'Claimant', now + window, path));
  }
  return accept(open(phase.type, 'PointIndex', 'Challenger', now + window, path, { first: 0, last: count - 1 }));
}

/**
 * The challenger names the first disputed index of the current list; the dispute moves to the next phase. Out of
 * the graph-node phase the next list (the node's output elements) needs no commitment: `elements` is its length.
 */
export function pointIndex(
  game: DisputeGame,
  party: PartyName,
  index: number,
  now: BlockNumber,
  window: number,
  elements?: number,
): Decision<DisputeGame, DisputeError> {
  const checked = onTurn(game, party, 'PointIndex', now);
  if (!checked.ok) return checked;
  const { range, phase } = checked.value;
  if (range === undefined || !Number.isInteger(index) || index < range.first || index > range.last) {
    return refuse('IndexOutOfRange');
  }
  const path = { ...checked.value.path, [PATH_KEY[phase.type]]: index };
  const next = NEXT_PHASE[phase.type];
  if (next === 'Arbitration') return accept(open(phase.type, 'SupplyOperands', 'Claimant', now + window, path));
  if (next === 'Element') {
    if (elements === undefined || !Number.isInteger(elements) || elements < 1) return refuse('EmptyList');
    return accept(open(next, 'PointIndex', 'Challenger', now + window, path, { first: 0, last: elements - 1 }));
  }
  return accept(open(next, 'CommitList', 'Claimant', now + window, path));
}

const resolved = (winner: PartyName, reason: Resolution, path: DisputePath): DisputeGame => ({
  type: 'Resolved',
  value: { winner: unit(winner), reason, path },
});

/**
 * The claimant supplied the operands of the disputed accumulation step and the chain judged them (the referee):
 * `claimantWins` with `reason` (`Recomputed`, or a loss the claimant's own data caused).
 */
export function arbitrate(
  game: DisputeGame,
  party: PartyName,
  verdict: { claimantWins: boolean; reason: Resolution },
  now: BlockNumber,
): Decision<DisputeGame, DisputeError> {
  const checked = onTurn(game, party, 'SupplyOperands', now);
  if (!checked.ok) return checked;
  return accept(resolved(verdict.claimantWins ? 'Claimant' : 'Challenger', verdict.reason, checked.value.path));
}

/**
 * Instead of pointing a node, the challenger proved the claimant's node records inconsistent with each other, with
 * the opened state or with the task's graph: the claimant loses at once.
 */
export function convict(
  game: DisputeGame,
  party: PartyName,
  reason: Resolution,
  now: BlockNumber,
): Decision<DisputeGame, DisputeError> {
  const checked = onTurn(game, party, 'PointIndex', now);
  if (!checked.ok) return checked;
  if (checked.value.phase.type !== 'GraphNode') return refuse('WrongDisputeMove');
  return accept(resolved('Challenger', reason, checked.value.path));
}

/** Anyone may close a dispute whose party on turn let its deadline pass: that party loses. */
export function expire(game: DisputeGame, now: BlockNumber): Decision<DisputeGame, DisputeError> {
  if (game.type === 'Resolved') return refuse('DisputeResolved');
  if (now <= game.value.deadline) return refuse('DisputeDeadlineNotReached');
  const winner = game.value.turn.type === 'Claimant' ? 'Challenger' : 'Claimant';
  return accept(resolved(winner, unit('Timeout'), game.value.path));
}
