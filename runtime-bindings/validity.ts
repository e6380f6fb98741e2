/**
 * The standard signed extensions' checks (CheckNonZeroSender … CheckMetadataHash), for pool validation and for
 * block building. In `block` mode they also take effect (nonce bumped, fee withdrawn and burned), in the layer
 * below the dispatch's, so a failing call still pays.
 */
import { u8aConcat } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { DispatchFailure } from '../pallets-spec/framework/dispatch.js';
import { eraBirth, eraDeath } from '../pallets-spec/types/era.js';
import { lookupAddress, type AccountId, type MultiSignature, type Weight } from '../pallets-spec/types/primitives.js';
import { storage as system } from '../pallets-spec/system/index.js';
import { EXTRINSIC_BASE_WEIGHT, MAX_NORMAL_LENGTH, MAX_NORMAL_WEIGHT } from '../pallets-spec/system/limits.js';
import { SIGNED_VERSIONS } from '../pallets-spec/system/version.js';
import { currency } from '../pallets-spec/balances/index.js';
import { computeFeeDetails, totalFee, type FeeDetails } from '../pallets-spec/transaction-payment/index.js';
import { palletByName } from './construct.js';
import type { BlockContext, ClassName } from './context.js';
import type { DecodedExtrinsic, RuntimeCallValue } from './extrinsic.js';
import type { TransactionRejection } from './seam.js';
import { blake2_256, hexBytes, verifySignature } from './signature.js';
import { metadataDigest } from './metadata.js';

const REJECT: Record<string, TransactionRejection> = {
  Call: { kind: 'invalid', variant: 'Call', message: 'Transaction call is not expected' },
  Payment: {
    kind: 'invalid',
    variant: 'Payment',
    message: 'Inability to pay some fees (e.g. account balance too low)',
  },
  Future: { kind: 'invalid', variant: 'Future', message: 'Transaction will be valid in the future' },
  Stale: { kind: 'invalid', variant: 'Stale', message: 'Transaction is outdated' },
  BadProof: { kind: 'invalid', variant: 'BadProof', message: 'Transaction has a bad signature' },
  AncientBirthBlock: {
    kind: 'invalid',
    variant: 'AncientBirthBlock',
    message: 'Transaction has an ancient birth block',
  },
  ExhaustsResources: {
    kind: 'invalid',
    variant: 'ExhaustsResources',
    message: 'Transaction would exhaust the block limits',
  },
  BadSigner: { kind: 'invalid', variant: 'BadSigner', message: 'Invalid signing address' },
  CannotLookup: {
    kind: 'unknown',
    variant: 'CannotLookup',
    message: 'Could not lookup information required to validate the transaction',
  },
  NoUnsignedValidator: {
    kind: 'unknown',
    variant: 'NoUnsignedValidator',
    message: 'Could not find an unsigned validator for the unsigned transaction',
  },
};
export const rejection = (variant: keyof typeof REJECT): TransactionRejection => REJECT[variant];
/** An extrinsic that does not decode: refused as an invalid `Call`, with the decoder's reason. */
export const undecodable = (e: Error): TransactionRejection => ({
  kind: 'invalid',
  variant: 'Call',
  message: `Could not decode: ${e.message}`,
});

const METADATA_HASH_NONE = new Uint8Array([0]);
const METADATA_HASH_SOME = new Uint8Array([1]);
const ZERO_ACCOUNT = `0x${'00'.repeat(32)}`;
const U64_MAX = (1n << 64n) - 1n;

export interface CallInfo {
  callWeight: Weight;
  weight: Weight;
  class: ClassName;
}

/** The declared weight and class of a call (plus the extrinsic base weight). */
export function callInfo(call: RuntimeCallValue): CallInfo {
  const decl = palletByName.get(call.type)?.calls[call.value.type];
  if (!decl) throw new Error(`no call ${call.type}.${call.value.type}`);
  const callWeight = typeof decl.weight === 'function' ? decl.weight(call.value.value as never) : decl.weight;
  return {
    callWeight,
    weight: {
      ref_time: callWeight.ref_time + EXTRINSIC_BASE_WEIGHT.ref_time,
      proof_size: callWeight.proof_size + EXTRINSIC_BASE_WEIGHT.proof_size,
    },
    class: decl.class ?? 'Normal',
  };
}

export interface Checked {
  ok: true;
  who: AccountId;
  info: CallInfo;
  fee: FeeDetails;
  priority: bigint;
  requires: HexString[];
  provides: HexString[];
  longevity: bigint;
}
export type CheckResult = Checked | { ok: false; rejection: TransactionRejection };

const nonceTag = (who: AccountId, nonce: number): HexString => {
  const le = nonce.toString(16).padStart(8, '0').match(/../g)!.reverse().join('');
  return `${who}${le}`;
};

/** The bytes the signer signed: `call ‖ extra ‖ additionalSigned`, hashed when longer than 256 bytes. */
function signedPayload(ext: DecodedExtrinsic, birthHash: HexString, genesisHash: HexString): Uint8Array {
  // CheckMetadataHash: mode 0 signs `None`, mode 1 signs `Some(metadata hash)`.
  const metadataHash =
    ext.signed!.metadataHashMode === 1 ? u8aConcat(METADATA_HASH_SOME, metadataDigest()) : METADATA_HASH_NONE;
  const payload = u8aConcat(
    ext.callBytes,
    ext.signed!.extra,
    SIGNED_VERSIONS,
    hexBytes(genesisHash),
    hexBytes(birthHash),
    metadataHash,
  );
  return payload.length > 256 ? blake2_256(payload) : payload;
}

/** What a signed extrinsic's signature must be checked against, or why it cannot be (before any signature check). */
export function signatureToCheck(
  ctx: BlockContext,
  ext: DecodedExtrinsic,
): { who: AccountId; signature: MultiSignature; payload: Uint8Array } | { rejection: TransactionRejection } {
  const s = ext.signed!;
  const who = lookupAddress(s.address);
  if (who === undefined) return { rejection: rejection('CannotLookup') };
  const birth = eraBirth(s.era, ctx.blockNumber);
  if (!system.BlockHash.contains(ctx.state, birth)) return { rejection: rejection('AncientBirthBlock') };
  const birthHash = system.BlockHash.get(ctx.state, birth);
  const genesisHash = system.BlockHash.get(ctx.state, 0);
  return { who, signature: s.signature, payload: signedPayload(ext, birthHash, genesisHash) };
}

/**
 * Runs the signed extensions on a signed extrinsic. `pool`: checks only (a future nonce is valid, with
 * `requires`). `block`: the nonce must be the account's, and nonce and fee are applied to `ctx.state`.
 */
export function checkSigned(ctx: BlockContext, ext: DecodedExtrinsic, mode: 'pool' | 'block'): CheckResult {
  const s = ext.signed!;
  const current = ctx.blockNumber;
  const toCheck = signatureToCheck(ctx, ext);
  if ('rejection' in toCheck) return { ok: false, rejection: toCheck.rejection };
  const { who } = toCheck;
  if (!verifySignature(toCheck.signature, toCheck.payload, who)) return { ok: false, rejection: rejection('BadProof') };
  if (who === ZERO_ACCOUNT) return { ok: false, rejection: rejection('BadSigner') };

  const account = system.Account.get(ctx.state, who);
  if (s.nonce < account.nonce) return { ok: false, rejection: rejection('Stale') };
  if (mode === 'block' && s.nonce > account.nonce) return { ok: false, rejection: rejection('Future') };
  if (account.providers === 0 && account.sufficients === 0) return { ok: false, rejection: rejection('Payment') };

  const info = callInfo(ext.call);
  if (info.class === 'Mandatory') return { ok: false, rejection: rejection('BadSigner') };
  if (ext.encodedLength > MAX_NORMAL_LENGTH || info.weight.ref_time > MAX_NORMAL_WEIGHT.ref_time) {
    return { ok: false, rejection: rejection('ExhaustsResources') };
  }
  if (mode === 'block') {
    const used = ctx.consumed[info.class];
    if (
      ctx.length + ext.encodedLength > MAX_NORMAL_LENGTH ||
      used.ref_time + info.weight.ref_time > MAX_NORMAL_WEIGHT.ref_time
    ) {
      return { ok: false, rejection: rejection('ExhaustsResources') };
    }
  }

  const fee = computeFeeDetails(ext.encodedLength, info.callWeight, s.tip);
  ctx.state.begin();
  try {
    system.Account.set(ctx.state, who, { ...account, nonce: account.nonce + 1 });
    currency.withdrawAndBurn(ctx, who, totalFee(fee), 'KeepAlive');
  } catch (e) {
    ctx.state.rollback();
    if (e instanceof DispatchFailure) return { ok: false, rejection: rejection('Payment') };
    throw e;
  }
  if (mode === 'block') ctx.state.commit();
  else ctx.state.rollback();

  const longevity = s.era.type === 'Immortal' ? U64_MAX : BigInt(eraDeath(s.era, current) - current);
  return {
    ok: true,
    who,
    info,
    fee,
    priority: s.tip > U64_MAX ? U64_MAX : s.tip,
    requires: s.nonce > account.nonce ? [nonceTag(who, s.nonce - 1)] : [],
    provides: [nonceTag(who, s.nonce)],
    longevity,
  };
}
