/**
 * What the other protocol pallets do with tasks: look one up, move it through the status machine (emitting the
 * status for auditors), and refund its escrow when it ends without a result.
 */
import { type DispatchContext, fail } from '../framework/dispatch.js';
import { unreserve } from '../balances/currency.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { settleFailure } from '../settlement/payouts.js';
import { decided } from './decision.js';
import { errors, events, storage } from './declaration.js';
import { type TaskEvent, advance } from './status.js';
import type { TaskInfo } from './types.js';

export function getTask(ctx: DispatchContext, task: bigint): TaskInfo {
  return storage.Tasks.get(ctx.state, task) ?? fail(errors.UnknownTask);
}

/** Applies `event` to the task's status (or fails with the status machine's error) and records the new status. */
export function advanceTask(ctx: DispatchContext, task: bigint, event: TaskEvent): TaskInfo {
  const info = getTask(ctx, task);
  const status = decided(advance(info.status, event, ctx.blockNumber, protocolParams()), errors);
  const next = { ...info, status };
  storage.Tasks.set(ctx.state, task, next);
  ctx.emit(events.TaskStatusChanged({ task, status }));
  if (status.type === 'Failed' || status.type === 'Cancelled') refundEscrow(ctx, task, next);
  return next;
}

function refundEscrow(ctx: DispatchContext, task: bigint, info: TaskInfo): void {
  const { submitterRefund } = settleFailure({ budget: info.budget, verificationFee: info.verification_fee });
  const missing = unreserve(ctx, info.submitter, submitterRefund);
  if (missing !== 0n) fail({ type: 'Corruption', value: undefined });
  ctx.emit(events.TaskRefunded({ task, submitter: info.submitter, amount: submitterRefund }));
}
