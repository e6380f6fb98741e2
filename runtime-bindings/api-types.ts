/** SCALE types of the runtime APIs' inputs and outputs (sp_runtime::transaction_validity, sp_core, …). */
import {
  bool,
  bytes,
  enumType,
  option,
  result,
  struct,
  u32,
  u64,
  u8,
  vec,
  type TypeOf,
} from '../pallets-spec/types/dsl.js';
import { newtype } from '../pallets-spec/types/dsl.js';

const tv = (name: string) => ['sp_runtime', 'transaction_validity', name];

export const OpaqueMetadata = newtype(['sp_core', 'OpaqueMetadata'], bytes);

export const TransactionSource = enumType(tv('TransactionSource'), {
  InBlock: { index: 0 },
  Local: { index: 1 },
  External: { index: 2 },
});

export const InvalidTransaction = enumType(tv('InvalidTransaction'), {
  Call: { index: 0 },
  Payment: { index: 1 },
  Future: { index: 2 },
  Stale: { index: 3 },
  BadProof: { index: 4 },
  AncientBirthBlock: { index: 5 },
  ExhaustsResources: { index: 6 },
  Custom: { index: 7, value: u8 },
  BadMandatory: { index: 8 },
  MandatoryValidation: { index: 9 },
  BadSigner: { index: 10 },
  IndeterminateImplicit: { index: 11 },
  UnknownOrigin: { index: 12 },
});
export const UnknownTransaction = enumType(tv('UnknownTransaction'), {
  CannotLookup: { index: 0 },
  NoUnsignedValidator: { index: 1 },
  Custom: { index: 2, value: u8 },
});
export const TransactionValidityError = enumType(tv('TransactionValidityError'), {
  Invalid: { index: 0, value: InvalidTransaction },
  Unknown: { index: 1, value: UnknownTransaction },
});
export const ValidTransaction = struct(tv('ValidTransaction'), {
  priority: u64,
  requires: vec(bytes),
  provides: vec(bytes),
  longevity: u64,
  propagate: bool,
});
export const TransactionValidity = result(ValidTransaction, TransactionValidityError);
export type TransactionValidityValue = TypeOf<typeof TransactionValidity>;

export const OptionOpaqueMetadata = option(OpaqueMetadata);
export const MetadataVersions = vec(u32);
