/** The market pallet's SCALE types, declared once. */
import { option, struct, u32, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, BlockNumber, H256 } from '../types/primitives.js';

const CRATE = 'pallet_veritrain_market';

export const Bid = struct([CRATE, 'Bid'], {
  commitment: { type: H256, docs: ['blake2_256(SCALE_u128(price) ‖ salt).'] },
  secret_commitment: {
    type: H256,
    docs: ["blake2 of the solver's 32-byte secret; revealed after verdicts, it decides forced errors."],
  },
  deposit: Balance,
  revealed_price: { type: option(Balance), docs: ['Set by a matching reveal.'] },
});
export type Bid = TypeOf<typeof Bid>;

export const Award = struct([CRATE, 'Award'], {
  solver: AccountId,
  price: Balance,
  auction_round: u32,
  secret_commitment: H256,
  randomness_anchor: {
    type: BlockNumber,
    docs: [
      'The block whose hash fixed `assignment_randomness`: the last block of the reveal window, whichever block',
      'closed the auction (a later one only when it was left unclosed for `System.BlockHashCount` blocks).',
    ],
  },
  assignment_randomness: {
    type: H256,
    docs: [
      'blake2("veritrain/assign", task, auction round, hash of `randomness_anchor`): tie-break, and with the',
      "winner's secret, the forced-error decision.",
    ],
  },
});
export type Award = TypeOf<typeof Award>;
