/**
 * Block limits and database weights (frame_system::limits). The weights are estimates for this TypeScript
 * runtime: 1 ref_time unit = 1 picosecond, as in Substrate (10¹² per second of execution).
 */
import { option, struct, u32, u64, type TypeOf } from '../types/dsl.js';
import { Weight } from '../types/primitives.js';
import { weight } from '../framework/dispatch.js';

const perClass = <T>(inner: import('../types/dsl.js').Type<T>) =>
  struct(
    ['frame_support', 'dispatch', 'PerDispatchClass'],
    { normal: inner, operational: inner, mandatory: inner },
    { params: [{ name: 'T', type: inner }] },
  );

const WeightsPerClass = struct(['frame_system', 'limits', 'WeightsPerClass'], {
  base_extrinsic: Weight,
  max_extrinsic: option(Weight),
  max_total: option(Weight),
  reserved: option(Weight),
});

export const BlockWeightsType = struct(['frame_system', 'limits', 'BlockWeights'], {
  base_block: Weight,
  max_block: Weight,
  per_class: perClass(WeightsPerClass),
});
export const BlockLengthType = struct(['frame_system', 'limits', 'BlockLength'], { max: perClass(u32) });
export const RuntimeDbWeightType = struct(['sp_weights', 'RuntimeDbWeight'], { read: u64, write: u64 });
export const ConsumedWeightType = perClass(Weight);
export type ConsumedWeight = TypeOf<typeof ConsumedWeightType>;

/** Weight every extrinsic costs before its call: decoding, signature check, fee and nonce handling. */
export const EXTRINSIC_BASE_WEIGHT = weight(50_000_000);
/** Two seconds of execution per block, 75% of it for normal extrinsics. */
export const MAX_BLOCK_WEIGHT = weight(2_000_000_000_000, 5 * 1024 * 1024);
export const NORMAL_RATIO_PERCENT = 75n;
export const MAX_NORMAL_WEIGHT = weight(
  (MAX_BLOCK_WEIGHT.ref_time * NORMAL_RATIO_PERCENT) / 100n,
  (MAX_BLOCK_WEIGHT.proof_size * NORMAL_RATIO_PERCENT) / 100n,
);
/** 5 MiB per block, 75% of it for normal extrinsics. */
export const MAX_BLOCK_LENGTH = 5 * 1024 * 1024;
export const MAX_NORMAL_LENGTH = (MAX_BLOCK_LENGTH * 3) / 4;

export const BLOCK_WEIGHTS: TypeOf<typeof BlockWeightsType> = {
  base_block: weight(5_000_000_000),
  max_block: MAX_BLOCK_WEIGHT,
  per_class: {
    normal: {
      base_extrinsic: EXTRINSIC_BASE_WEIGHT,
      max_extrinsic: MAX_NORMAL_WEIGHT,
      max_total: MAX_NORMAL_WEIGHT,
      reserved: weight(0),
    },
    operational: {
      base_extrinsic: EXTRINSIC_BASE_WEIGHT,
      max_extrinsic: MAX_BLOCK_WEIGHT,
      max_total: MAX_BLOCK_WEIGHT,
      reserved: weight(500_000_000_000),
    },
    mandatory: {
      base_extrinsic: EXTRINSIC_BASE_WEIGHT,
      max_extrinsic: undefined,
      max_total: undefined,
      reserved: undefined,
    },
  },
};
export const BLOCK_LENGTH: TypeOf<typeof BlockLengthType> = {
  max: { normal: MAX_NORMAL_LENGTH, operational: MAX_BLOCK_LENGTH, mandatory: MAX_BLOCK_LENGTH },
};
/** Reads and writes hit an in-memory overlay backed by LevelDB; these are estimates, in picoseconds. */
export const DB_WEIGHT = { read: 2_000_000n, write: 10_000_000n };
