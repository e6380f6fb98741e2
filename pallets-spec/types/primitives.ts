/**
 * Types shared by every pallet, with the Rust paths Polkadot clients special-case (DESIGN.md §5). Declared once;
 * pallets import them rather than redeclaring.
 */
import {
  bytes,
  compactU32,
  compactU64,
  compactU128,
  enumType,
  fixedHex,
  named,
  newtype,
  struct,
  u8,
  u32,
  u64,
  u128,
  type TypeOf,
} from './dsl.js';

export const AccountId = newtype(['sp_core', 'crypto', 'AccountId32'], fixedHex(32), { typeName: 'T::AccountId' });
export type AccountId = TypeOf<typeof AccountId>;

export const H256 = newtype(['primitive_types', 'H256'], fixedHex(32), { typeName: 'T::Hash' });
export type H256 = TypeOf<typeof H256>;
export const ZERO_HASH: H256 = `0x${'00'.repeat(32)}`;

/** Balances are u128 in the token's smallest unit (12 decimals). */
export const Balance = named(u128, { typeName: 'T::Balance' });
export const BlockNumber = named(u32, { typeName: 'BlockNumberFor<T>' });
export const Nonce = named(u32, { typeName: 'T::Nonce' });
export const Moment = named(u64, { typeName: 'T::Moment' });

export const Weight = struct(['sp_weights', 'weight_v2', 'Weight'], { ref_time: compactU64, proof_size: compactU64 });
export type Weight = TypeOf<typeof Weight>;

export const DispatchClass = enumType(['frame_support', 'dispatch', 'DispatchClass'], {
  Normal: { index: 0 },
  Operational: { index: 1 },
  Mandatory: { index: 2 },
});
export type DispatchClass = TypeOf<typeof DispatchClass>;

export const Pays = enumType(['frame_support', 'dispatch', 'Pays'], { Yes: { index: 0 }, No: { index: 1 } });

export const DispatchInfo = struct(['frame_support', 'dispatch', 'DispatchInfo'], {
  weight: Weight,
  class: DispatchClass,
  pays_fee: Pays,
});
export type DispatchInfo = TypeOf<typeof DispatchInfo>;

export const ModuleError = struct(['sp_runtime', 'ModuleError'], {
  index: { type: u8, docs: ['Module index, matching the metadata module index.'] },
  error: { type: fixedHex(4), docs: ['Module specific error value.'] },
});

export const TokenError = enumType(['sp_runtime', 'TokenError'], {
  FundsUnavailable: { index: 0, docs: ['Funds are unavailable.'] },
  OnlyProvider: { index: 1, docs: ['Some part of the balance gives the only provider reference to the account.'] },
  BelowMinimum: { index: 2, docs: ['Account cannot exist with the funds that would be given.'] },
  CannotCreate: { index: 3, docs: ['Account cannot be created.'] },
  UnknownAsset: { index: 4, docs: ['The asset in question is unknown.'] },
  Frozen: { index: 5, docs: ['Funds exist but are frozen.'] },
  Unsupported: { index: 6, docs: ['Operation is not supported by the asset.'] },
  CannotCreateHold: { index: 7, docs: ['Account cannot be created for recording amount on hold.'] },
  NotExpendable: { index: 8, docs: ['Account that is desired to remain would die.'] },
  Blocked: { index: 9, docs: ['Account cannot receive the assets.'] },
});

export const ArithmeticError = enumType(['sp_arithmetic', 'ArithmeticError'], {
  Underflow: { index: 0, docs: ['Underflow.'] },
  Overflow: { index: 1, docs: ['Overflow.'] },
  DivisionByZero: { index: 2, docs: ['Division by zero.'] },
});

export const TransactionalError = enumType(['sp_runtime', 'TransactionalError'], {
  LimitReached: { index: 0, docs: ['Too many transactional layers have been spawned.'] },
  NoLayer: { index: 1, docs: ['A transactional layer was expected, but does not exist.'] },
});

export const DispatchError = enumType(['sp_runtime', 'DispatchError'], {
  Other: { index: 0, docs: ['Some error occurred.'] },
  CannotLookup: { index: 1, docs: ['Failed to lookup some data.'] },
  BadOrigin: { index: 2, docs: ['A bad origin.'] },
  Module: { index: 3, value: ModuleError, docs: ['A custom error in a module.'] },
  ConsumerRemaining: { index: 4, docs: ['At least one consumer is remaining so the account cannot be destroyed.'] },
  NoProviders: { index: 5, docs: ['There are no providers so the account cannot be created.'] },
  TooManyConsumers: { index: 6, docs: ['There are too many consumers so the account cannot be created.'] },
  Token: { index: 7, value: TokenError, docs: ['An error to do with tokens.'] },
  Arithmetic: { index: 8, value: ArithmeticError, docs: ['An arithmetic error.'] },
  Transactional: {
    index: 9,
    value: TransactionalError,
    docs: ['The number of transactional layers has been reached, or we are not in a layer.'],
  },
  Exhausted: {
    index: 10,
    docs: ['Resources exhausted, e.g. attempt to read/write data which is too large to manipulate.'],
  },
  Corruption: { index: 11, docs: ['The state is corrupt; this is generally not going to fix itself.'] },
  Unavailable: {
    index: 12,
    docs: ['Some resource (e.g. a preimage) is unavailable right now. This might fix itself later.'],
  },
  RootNotAllowed: { index: 13, docs: ['Root origin is not allowed.'] },
});
export type DispatchError = TypeOf<typeof DispatchError>;

/** `pallet_balances::types::AccountData`: what Balances keeps inside `System.Account`. */
export const AccountData = struct(['pallet_balances', 'types', 'AccountData'], {
  free: { type: Balance, docs: ['Non-reserved part of the balance which the account holder may be able to control.'] },
  reserved: { type: Balance, docs: ['Balance which is held: stakes, deposits and escrows (slashable).'] },
  frozen: { type: Balance, docs: ['The amount that `free + reserved` may not drop below when reducing the balance.'] },
  flags: { type: newtype(['pallet_balances', 'types', 'ExtraFlags'], u128), typeName: 'ExtraFlags' },
});
export type AccountData = TypeOf<typeof AccountData>;

/** `frame_system::AccountInfo`, exactly as Substrate lays it out. */
export const AccountInfo = struct(['frame_system', 'AccountInfo'], {
  nonce: { type: Nonce, docs: ['The number of transactions this account has sent.'] },
  consumers: {
    type: named(u32, { typeName: 'RefCount' }),
    docs: ["The number of other modules that currently depend on this account's existence."],
  },
  providers: {
    type: named(u32, { typeName: 'RefCount' }),
    docs: ['The number of other modules that allow this account to exist.'],
  },
  sufficients: {
    type: named(u32, { typeName: 'RefCount' }),
    docs: ['The number of modules that allow this account to exist for their own purposes only.'],
  },
  data: { type: AccountData, typeName: 'AccountData' },
});
export type AccountInfo = TypeOf<typeof AccountInfo>;

/** The `ExtraFlags` value Substrate writes for accounts of the current balances layout ("new logic" bit). */
export const NEW_LOGIC_FLAG = 1n << 127n;

export const MultiAddress = enumType(
  ['sp_runtime', 'multiaddress', 'MultiAddress'],
  {
    Id: { index: 0, value: AccountId, docs: ["It's an account ID (pubkey)."] },
    Index: { index: 1, value: { type: compactU32, typeName: 'AccountIndex' }, docs: ["It's an account index."] },
    Raw: { index: 2, value: bytes, docs: ["It's some arbitrary raw bytes."] },
    Address32: { index: 3, value: fixedHex(32), docs: ["It's a 32 byte representation."] },
    Address20: { index: 4, value: fixedHex(20), docs: ["It's a 20 byte representation."] },
  },
  {
    params: [
      { name: 'AccountId', type: AccountId },
      { name: 'AccountIndex', type: u32 },
    ],
    typeName: 'AccountIdLookupOf<T>',
  },
);
export type MultiAddress = TypeOf<typeof MultiAddress>;

/** Resolves an address to an account; `undefined` when it names no account (`DispatchError::CannotLookup`). */
export function lookupAddress(address: MultiAddress): AccountId | undefined {
  if (address.type === 'Id' || address.type === 'Address32') return address.value;
  return undefined;
}

const signatureOf = (crate: string, len: number) => newtype(['sp_core', crate, 'Signature'], fixedHex(len));
export const MultiSignature = enumType(['sp_runtime', 'MultiSignature'], {
  Ed25519: { index: 0, value: signatureOf('ed25519', 64) },
  Sr25519: { index: 1, value: signatureOf('sr25519', 64) },
  Ecdsa: { index: 2, value: signatureOf('ecdsa', 65) },
});
export type MultiSignature = TypeOf<typeof MultiSignature>;

export const compactBalance = named(compactU128, { typeName: 'T::Balance' });
