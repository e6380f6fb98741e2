/**
 * TransactionPayment (pallet_transaction_payment, index 6): the fee of a signed extrinsic is
 *   base fee (weight fee of the extrinsic base weight) + length fee (per byte) + weight fee × NextFeeMultiplier
 * plus the tip. Fees and tips are withdrawn before dispatch and **burned** (total issuance goes down): the seam
 * gives the runtime no block author to pay, and burning keeps "issuance = genesis − burned" easy to audit.
 */
import { newtype, u128, u8, enumType, option, struct, type TypeOf } from '../types/dsl.js';
import { AccountId, Balance, DispatchClass, Weight } from '../types/primitives.js';
import { constant, palletBuilder } from '../framework/pallet.js';
import { EXTRINSIC_BASE_WEIGHT } from '../system/limits.js';

const p = palletBuilder({
  name: 'TransactionPayment',
  index: 6,
  crate: 'pallet_transaction_payment',
  docs: ['Transaction fees: length fee, weight fee and tip, all burned.'],
});

/** Units per byte of the encoded extrinsic (10⁻⁶ VRT). */
export const TRANSACTION_BYTE_FEE = 1_000_000n;
/** Units per unit of ref_time (1 ref_time = 1 ps): a 100 µs extrinsic costs 10⁻⁴ VRT. */
export const WEIGHT_FEE_PER_REF_TIME = 1n;
export const OPERATIONAL_FEE_MULTIPLIER = 5;
/** `FixedU128` one (10¹⁸). */
export const FIXED_ONE = 10n ** 18n;

export const FixedU128 = newtype(['sp_arithmetic', 'fixed_point', 'FixedU128'], u128, { typeName: 'Multiplier' });

export const constants = p.constants({
  OperationalFeeMultiplier: constant(
    u8,
    OPERATIONAL_FEE_MULTIPLIER,
    'A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their `priority`.',
  ),
  TransactionByteFee: constant(Balance, TRANSACTION_BYTE_FEE, 'The fee per byte of an encoded extrinsic.'),
  WeightFeePerRefTime: constant(
    Balance,
    WEIGHT_FEE_PER_REF_TIME,
    'The fee per unit of `ref_time` weight, before the multiplier.',
  ),
});

export const Releases = enumType(['pallet_transaction_payment', 'Releases'], {
  V1Ancient: { index: 0 },
  V2: { index: 1 },
});

export const storage = p.storage({
  NextFeeMultiplier: p.valueWithDefault(FixedU128, {
    default: FIXED_ONE,
    docs: ['The multiplier applied to the weight fee; fixed at one on this chain.'],
  }),
  StorageVersion: p.valueWithDefault(Releases, {
    default: { type: 'V2', value: undefined } as TypeOf<typeof Releases>,
    docs: ['Storage version of the pallet.'],
  }),
});

export const events = p.events({
  TransactionFeePaid: {
    index: 0,
    fields: { who: AccountId, actual_fee: Balance, tip: Balance },
    docs: [
      'A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,',
      'has been paid by `who`.',
    ],
  },
});

export const InclusionFee = struct(['pallet_transaction_payment', 'types', 'InclusionFee'], {
  base_fee: Balance,
  len_fee: Balance,
  adjusted_weight_fee: Balance,
});
export const FeeDetails = struct(['pallet_transaction_payment', 'types', 'FeeDetails'], {
  inclusion_fee: option(InclusionFee),
  tip: Balance,
});
export type FeeDetails = TypeOf<typeof FeeDetails>;
export const RuntimeDispatchInfo = struct(['pallet_transaction_payment', 'types', 'RuntimeDispatchInfo'], {
  weight: Weight,
  class: DispatchClass,
  partial_fee: Balance,
});

const weightToFee = (w: Weight): bigint => w.ref_time * WEIGHT_FEE_PER_REF_TIME;

/** The fee breakdown of an extrinsic of `len` bytes whose call weighs `callWeight` (without the base weight). */
export function computeFeeDetails(
  len: number,
  callWeight: Weight,
  tip: bigint,
  multiplier: bigint = FIXED_ONE,
): FeeDetails {
  return {
    inclusion_fee: {
      base_fee: weightToFee(EXTRINSIC_BASE_WEIGHT),
      len_fee: BigInt(len) * TRANSACTION_BYTE_FEE,
      adjusted_weight_fee: (weightToFee(callWeight) * multiplier) / FIXED_ONE,
    },
    tip,
  };
}

export function totalFee(d: FeeDetails): bigint {
  const i = d.inclusion_fee;
  return (i ? i.base_fee + i.len_fee + i.adjusted_weight_fee : 0n) + d.tip;
}

export const TransactionPayment = p.finish({ constants, storage, events });
