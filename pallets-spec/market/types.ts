/** The market pallet's SCALE types, declared once. */
import { option, struct, u32, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, H256 } from '../types/primitives.js';

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
  assignment_randomness: {
    type: H256,
    docs: ['Randomness fixed when the auction closed: tie-break, and with the secret, the forced-error decision.'],
  },
});
export type Award = TypeOf<typeof Award>;
