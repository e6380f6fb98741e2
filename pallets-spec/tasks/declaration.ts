/**
 * Tasks (pallet index 41): a submitter posts a training task with its budget and verification fee reserved; the
 * task then moves through the status machine of status.ts, driven by the other protocol pallets.
 * Constants, storage, events and errors here; calls in index.ts; helpers for other pallets in lifecycle.ts.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { u32 } from '../types/dsl.js';
import { AccountId, Balance, H256 } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId, TaskInfo, TaskStatus } from './types.js';

export const pallet = palletBuilder({
  name: 'Tasks',
  index: 41,
  crate: 'pallet_veritrain_tasks',
  docs: ["Training tasks: submission with escrow, cancellation before assignment, and each task's status."],
});

const params = () => protocolParams().tasks;
export const MAX_LOCATOR_LENGTH = 256;

export const constants = pallet.constants({
  MinimumVerificationFee: constant(
    Balance,
    () => params().minimumVerificationFee,
    'Least verification fee a task must carry.',
  ),
  MaxSteps: constant(u32, () => params().maxSteps, 'Most training steps a task may ask for.'),
  MaxAuctionRounds: constant(
    u32,
    () => params().maxAuctionRounds,
    'Auctions a task may go through before it fails and is refunded.',
  ),
  MaxLocatorLength: constant(u32, MAX_LOCATOR_LENGTH, 'Longest spec locator, in bytes.'),
});

export const storage = pallet.storage({
  NextTaskId: pallet.valueWithDefault(TaskId, { default: 0n, docs: ['The id the next submitted task gets.'] }),
  Tasks: pallet.map(TaskId, 'Twox64Concat', TaskInfo, { docs: ['Every task, by id: its spec, escrow and status.'] }),
});

export const events = pallet.events({
  TaskSubmitted: {
    index: 0,
    fields: {
      task: TaskId,
      submitter: AccountId,
      spec_hash: H256,
      budget: Balance,
      verification_fee: Balance,
      status: TaskStatus,
    },
    docs: ['A task was submitted; `budget + verification_fee` is reserved from the submitter. `status` opens bidding.'],
  },
  TaskStatusChanged: {
    index: 1,
    fields: { task: TaskId, status: TaskStatus },
    docs: ['A task moved to `status` (which carries the solver, price and deadlines that apply).'],
  },
  TaskRefunded: {
    index: 2,
    fields: { task: TaskId, submitter: AccountId, amount: Balance },
    docs: ['A failed, expired or cancelled task returned its escrow to the submitter.'],
  },
});

export const errors = pallet.errors({
  UnknownTask: { index: 0, docs: ['No task has this id.'] },
  NotSubmitter: { index: 1, docs: ["Only the task's submitter may do this."] },
  WrongTaskPhase: { index: 2, docs: ['The task is not in a status that allows this.'] },
  NotTheSolver: { index: 3, docs: ["Only the task's assigned solver may do this."] },
  TaskDeadlinePassed: { index: 4, docs: ['The deadline for this action has passed.'] },
  TaskDeadlineNotReached: { index: 5, docs: ['This can only happen once the current window has closed.'] },
  LocatorTooLong: { index: 6, docs: ['The spec locator is longer than `MaxLocatorLength`.'] },
  InvalidSchedule: {
    index: 7,
    docs: ['Steps must be positive and at most `MaxSteps`; the checkpoint interval positive and at most the steps.'],
  },
  TargetMetricOutOfRange: { index: 8, docs: ['The target metric is in parts per billion: at most 1_000_000_000.'] },
  VerificationFeeTooLow: { index: 9, docs: ['The verification fee is below `MinimumVerificationFee`.'] },
  ZeroBudget: { index: 10, docs: ['The budget must be positive.'] },
  EmptyGraph: { index: 11, docs: ['The step graph must have at least one node (`graph_nodes`).'] },
});
