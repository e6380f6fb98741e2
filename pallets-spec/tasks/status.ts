/**
 * A task's life (DESIGN.md §3) as a status machine over the declared `TaskStatus`. Every status that waits on
 * someone carries the last block at which that someone may act; `advance` refuses transitions the current status
 * does not allow, and deadline transitions (a missed proof, a closed window) before their block.
 */
import { type AccountKey, type BlockNumber, type Decision, accept, refuse } from './decision.js';
import type { FailureReason, TaskStatus } from './types.js';
import type { ProtocolParams } from '../../chain-config/protocol-params.js';

export type { TaskStatus };

export type TaskEvent =
  | { kind: 'Cancel' }
  | { kind: 'Awarded'; solver: AccountKey; price: bigint }
  | { kind: 'NoValidBid' }
  | { kind: 'ProofSubmitted'; by: AccountKey }
  | { kind: 'ProofDeadlinePassed' }
  | { kind: 'SelectionRevealed'; by: AccountKey }
  | { kind: 'SelectionDeadlinePassed' }
  | { kind: 'VerdictsClosed' }
  | { kind: 'SecretRevealed'; by: AccountKey; forcedError: boolean }
  | { kind: 'SecretDeadlinePassed' }
  | { kind: 'Challenged' }
  | { kind: 'DisputeResolved'; solverWon: boolean }
  /** `rejected`: a rejection verdict still stands (the solver did not dispute it), so the proof did not stand. */
  | { kind: 'ChallengeWindowClosed'; rejected: boolean };

export type TaskStatusError = 'WrongTaskPhase' | 'NotTheSolver' | 'TaskDeadlinePassed' | 'TaskDeadlineNotReached';

export type Timing = Pick<ProtocolParams, 'market' | 'proofs' | 'verification' | 'disputes'> & {
  tasks: Pick<ProtocolParams['tasks'], 'maxAuctionRounds'>;
};

type Running = { auction_round: number; proof_round: number; solver: AccountKey; price: bigint };

export function biddingStatus(auctionRound: number, now: BlockNumber, p: Timing): TaskStatus {
  const commit_end = now + p.market.commitBlocks;
  return {
    type: 'Bidding',
    value: { auction_round: auctionRound, commit_end, reveal_end: commit_end + p.market.revealBlocks },
  };
}

/** After a failure of the solver: a fresh auction while rounds remain, otherwise the task fails (and is refunded). */
function retryOrFail(auctionRound: number, reason: FailureReason, now: BlockNumber, p: Timing): TaskStatus {
  return auctionRound + 1 < p.tasks.maxAuctionRounds
    ? biddingStatus(auctionRound + 1, now, p)
    : { type: 'Failed', value: { reason: { type: reason, value: undefined } } };
}

function running(v: Running): Running {
  return { auction_round: v.auction_round, proof_round: v.proof_round, solver: v.solver, price: v.price };
}

export function advance(
  status: TaskStatus,
  event: TaskEvent,
  now: BlockNumber,
  p: Timing,
): Decision<TaskStatus, TaskStatusError> {
  const wrong = refuse('WrongTaskPhase' as const);
  switch (event.kind) {
    case 'Cancel':
      return status.type === 'Bidding' ? accept({ type: 'Cancelled', value: undefined }) : wrong;
    case 'Awarded':
    case 'NoValidBid': {
      if (status.type !== 'Bidding') return wrong;
      if (now < status.value.reveal_end) return refuse('TaskDeadlineNotReached');
      if (event.kind === 'NoValidBid')
        return accept({ type: 'Failed', value: { reason: { type: 'NoBids', value: undefined } } });
      const auction_round = status.value.auction_round;
      return accept({
        type: 'Proving',
        value: {
          auction_round,
          proof_round: 0,
          solver: event.solver,
          price: event.price,
          deadline: now + p.proofs.proofBlocks,
        },
      });
    }
    case 'ProofSubmitted': {
      if (status.type !== 'Proving') return wrong;
      if (event.by !== status.value.solver) return refuse('NotTheSolver');
      if (now > status.value.deadline) return refuse('TaskDeadlinePassed');
      const reveal_from = now + p.proofs.selectionDelay;
      return accept({
        type: 'AwaitingSelection',
        value: { ...running(status.value), reveal_from, deadline: reveal_from + p.proofs.selectionRevealBlocks },
      });
    }
    case 'ProofDeadlinePassed':
      if (status.type !== 'Proving') return wrong;
      if (now <= status.value.deadline) return refuse('TaskDeadlineNotReached');
      return accept(retryOrFail(status.value.auction_round, 'ProofMissed', now, p));
    case 'SelectionRevealed': {
      if (status.type !== 'AwaitingSelection') return wrong;
      if (event.by !== status.value.solver) return refuse('NotTheSolver');
      if (now < status.value.reveal_from) return refuse('TaskDeadlineNotReached');
      if (now > status.value.deadline) return refuse('TaskDeadlinePassed');
      const commit_end = now + p.verification.verdictCommitBlocks;
      return accept({
        type: 'Verifying',
        value: { ...running(status.value), commit_end, reveal_end: commit_end + p.verification.verdictRevealBlocks },
      });
    }
    case 'SelectionDeadlinePassed':
      if (status.type !== 'AwaitingSelection') return wrong;
      if (now <= status.value.deadline) return refuse('TaskDeadlineNotReached');
      return accept(retryOrFail(status.value.auction_round, 'SelectionWithheld', now, p));
    case 'VerdictsClosed':
      if (status.type !== 'Verifying') return wrong;
      if (now < status.value.reveal_end) return refuse('TaskDeadlineNotReached');
      return accept({
        type: 'AwaitingSecret',
        value: { ...running(status.value), deadline: now + p.verification.secretRevealBlocks },
      });
    case 'SecretRevealed': {
      if (status.type !== 'AwaitingSecret') return wrong;
      if (event.by !== status.value.solver) return refuse('NotTheSolver');
      if (now > status.value.deadline) return refuse('TaskDeadlinePassed');
      const base = running(status.value);
      // A forced error is not the solver's fault: it proves again, honestly this time, at the same price.
      return event.forcedError
        ? accept({
            type: 'Proving',
            value: { ...base, proof_round: base.proof_round + 1, deadline: now + p.proofs.proofBlocks },
          })
        : accept({ type: 'Challengeable', value: { ...base, until: now + p.disputes.challengeBlocks } });
    }
    case 'SecretDeadlinePassed':
      if (status.type !== 'AwaitingSecret') return wrong;
      if (now <= status.value.deadline) return refuse('TaskDeadlineNotReached');
      return accept(retryOrFail(status.value.auction_round, 'SecretWithheld', now, p));
    case 'Challenged':
      if (status.type !== 'Challengeable') return wrong;
      if (now > status.value.until) return refuse('TaskDeadlinePassed');
      return accept({ type: 'Disputed', value: running(status.value) });
    case 'DisputeResolved':
      if (status.type !== 'Disputed') return wrong;
      return event.solverWon
        ? accept({
            type: 'Challengeable',
            value: { ...running(status.value), until: now + p.disputes.challengeBlocks },
          })
        : accept(retryOrFail(status.value.auction_round, 'SolverLostDispute', now, p));
    case 'ChallengeWindowClosed':
      if (status.type !== 'Challengeable') return wrong;
      if (now <= status.value.until) return refuse('TaskDeadlineNotReached');
      return event.rejected
        ? accept(retryOrFail(status.value.auction_round, 'RejectionUndisputed', now, p))
        : accept({ type: 'Settled', value: { solver: status.value.solver, price: status.value.price } });
  }
}
