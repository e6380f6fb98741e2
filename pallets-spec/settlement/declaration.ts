/**
 * Settlement (pallet index 46): when a task's challenge window closes, pay the solver the auction price and the
 * verifiers their fee, fund the jackpot, refund the submitter the rest, and record the final model hash.
 */
import { constant, palletBuilder } from '../framework/pallet.js';
import { u32, vec } from '../types/dsl.js';
import { AccountId, Balance, H256 } from '../types/primitives.js';
import { protocolParams } from '../../chain-config/protocol-params.js';
import { TaskId } from '../tasks/types.js';
import { JACKPOT_ACCOUNT } from './jackpot.js';

export const pallet = palletBuilder({
  name: 'Settlement',
  index: 46,
  crate: 'pallet_veritrain_settlement',
  docs: ['Pays out tasks whose proof stood, and records their final model hash.'],
});

export const constants = pallet.constants({
  JackpotAccount: constant(AccountId, JACKPOT_ACCOUNT, 'The keyless account holding the forced-error jackpot.'),
  BurnShare: constant(
    u32,
    () => protocolParams().slashing.burnShare.perbill,
    'Share (Perbill) of every dispute slash burned.',
  ),
  JackpotShareOfSlash: constant(
    u32,
    () => protocolParams().slashing.jackpotShare.perbill,
    'Share (Perbill) of every dispute slash paid into the jackpot.',
  ),
});

export const storage = pallet.storage({
  FinalModels: pallet.map(TaskId, 'Twox64Concat', H256, { docs: ['The final model hash of every settled task.'] }),
});

export const events = pallet.events({
  TaskSettled: {
    index: 0,
    fields: {
      task: TaskId,
      solver: AccountId,
      price: Balance,
      verifiers: vec(AccountId),
      per_verifier: Balance,
      jackpot: Balance,
      submitter_refund: Balance,
      final_model_hash: H256,
    },
    docs: ['A task was paid out: `price + per_verifier × verifiers + jackpot + submitter_refund = budget + fee`.'],
  },
});

export const errors = pallet.errors({
  NoProof: { index: 0, docs: ['The task has no proof to settle.'] },
});
