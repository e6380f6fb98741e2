/** Tasks (pallet index 41): the calls. */
import { call } from '../framework/pallet.js';
import { ensure, ensureSigned, weight } from '../framework/dispatch.js';
import { reserve } from '../balances/currency.js';
import { Balance } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { PERBILL_ONE } from '../settlement/shares.js';
import { refundAllBids } from '../market/book.js';
import { MAX_LOCATOR_LENGTH, constants, errors, events, pallet, storage } from './declaration.js';
import { advanceTask, getTask } from './lifecycle.js';
import { biddingStatus } from './status.js';
import { TaskId, TaskSpec } from './types.js';

export const calls = pallet.calls({
  submit: call({
    index: 0,
    args: { spec: TaskSpec, budget: Balance, verification_fee: Balance },
    docs: [
      'Submit a training task. `budget + verification_fee` is reserved from the caller; bidding opens at once.',
      'The solver is paid at most `budget` (the second-lowest bid); the verifiers share `verification_fee`.',
    ],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, { spec, budget, verification_fee }) {
      const submitter = ensureSigned(origin);
      ensure(spec.locator.length <= MAX_LOCATOR_LENGTH, errors.LocatorTooLong);
      const { steps, checkpoint_interval } = spec;
      ensure(steps > 0 && steps <= constants.MaxSteps.value, errors.InvalidSchedule);
      ensure(checkpoint_interval > 0 && checkpoint_interval <= steps, errors.InvalidSchedule);
      ensure(spec.target_metric <= PERBILL_ONE, errors.TargetMetricOutOfRange);
      ensure(spec.graph_nodes > 0, errors.EmptyGraph);
      ensure(verification_fee >= constants.MinimumVerificationFee.value, errors.VerificationFeeTooLow);
      ensure(budget > 0n, errors.ZeroBudget);
      reserve(ctx, submitter, budget + verification_fee);
      const task = storage.NextTaskId.get(ctx.state);
      storage.NextTaskId.set(ctx.state, task + 1n);
      const status = biddingStatus(0, ctx.blockNumber, protocolParams());
      storage.Tasks.set(ctx.state, task, {
        submitter,
        spec,
        budget,
        verification_fee,
        submitted_at: ctx.blockNumber,
        status,
      });
      ctx.emit(events.TaskSubmitted({ task, submitter, spec_hash: spec.spec_hash, budget, verification_fee, status }));
    },
  }),
  cancel: call({
    index: 1,
    args: { task: TaskId },
    docs: ['Cancel a task still in bidding: the escrow and every bid deposit are returned in full.'],
    weight: weight(60_000_000, 3_593),
    dispatch(ctx, origin, { task }) {
      const who = ensureSigned(origin);
      ensure(getTask(ctx, task).submitter === who, errors.NotSubmitter);
      refundAllBids(ctx, task);
      advanceTask(ctx, task, { kind: 'Cancel' });
    },
  }),
});

export { constants, errors, events, storage };
export const Tasks = pallet.finish({ constants, storage, events, errors, calls });
