/**
 * Block lifecycle (frame_executive): initialize → Timestamp inherent → signed extrinsics → finalize. Each
 * dispatch runs in its own transactional layer: a failure discards its writes and events, leaving only the
 * nonce and the fee taken by the signed extensions.
 */
import { DispatchFailure, type Origin } from '../pallets-spec/framework/dispatch.js';
import { BLOCK_HASH_COUNT, events as systemEvents, storage as system } from '../pallets-spec/system/index.js';
import { events as paymentEvents, totalFee } from '../pallets-spec/transaction-payment/index.js';
import { storage as timestamp, MINIMUM_PERIOD } from '../pallets-spec/timestamp/index.js';
import type { DispatchError, DispatchInfo, H256 } from '../pallets-spec/types/primitives.js';
import { PALLETS, palletByName } from './construct.js';
import { BlockContext } from './context.js';
import {
  decodeExtrinsic,
  encodeUnsigned,
  ExtrinsicDecodeError,
  type DecodedExtrinsic,
  type RuntimeCallValue,
} from './extrinsic.js';
import type { Overlay } from './overlay.js';
import type { TransactionRejection } from './seam.js';
import { callInfo, checkSigned, rejection, undecodable } from './validity.js';

/** Starts block `number` on top of `parentHash`: System bookkeeping, then every pallet's `onInitialize`. */
export function initializeBlock(state: Overlay, number: number, parentHash: H256, runHooks = true): BlockContext {
  const ctx = new BlockContext(state, number, parentHash);
  system.Number.set(state, number);
  system.ParentHash.set(state, parentHash);
  system.BlockHash.set(state, number - 1, parentHash);
  if (runHooks) for (const p of PALLETS) p.hooks.onInitialize?.(ctx, number);
  return ctx;
}

/** Runs the call in a transactional layer; returns the error when it failed. */
function dispatch(ctx: BlockContext, call: RuntimeCallValue, origin: Origin): DispatchError | undefined {
  const decl = palletByName.get(call.type)!.calls[call.value.type];
  const mark = ctx.events.length;
  ctx.state.begin();
  try {
    decl.dispatch(ctx, origin, call.value.value as never);
    ctx.state.commit();
    return undefined;
  } catch (e) {
    ctx.state.rollback();
    ctx.events.length = mark;
    if (e instanceof DispatchFailure) return e.error;
    // A bug in dispatch logic must not stop the chain: the call fails like any other.
    return { type: 'Other', value: undefined };
  }
}

function recordOutcome(ctx: BlockContext, error: DispatchError | undefined, info: DispatchInfo): void {
  ctx.emit(
    error
      ? systemEvents.ExtrinsicFailed({ dispatch_error: error, dispatch_info: info })
      : systemEvents.ExtrinsicSuccess({ dispatch_info: info }),
  );
}

export type ApplyResult = { ok: true } | { ok: false; rejection: TransactionRejection };

/** The block's timestamp: what the author asked for, raised to the parent's plus `MinimumPeriod` if needed. */
export function blockTimestamp(ctx: BlockContext, requested: bigint): bigint {
  const previous = timestamp.Now.get(ctx.state);
  return previous > 0n && requested < previous + MINIMUM_PERIOD ? previous + MINIMUM_PERIOD : requested;
}

export function timestampInherent(now: bigint): Uint8Array {
  return encodeUnsigned({ type: 'Timestamp', value: { type: 'set', value: { now } } });
}

/** Applies the Timestamp inherent (extrinsic 0); throws when it fails, which makes the block invalid. */
function applyInherent(ctx: BlockContext, ext: DecodedExtrinsic): void {
  if (ext.signed || ext.call.type !== 'Timestamp' || ext.call.value.type !== 'set')
    throw new Error('extrinsic 0 must be the Timestamp.set inherent');
  ctx.phase = { type: 'ApplyExtrinsic', value: ctx.extrinsicCount };
  const info = callInfo(ext.call);
  const error = dispatch(ctx, ext.call, { type: 'None' });
  if (error) throw new Error(`Timestamp inherent failed: ${JSON.stringify(error)}`);
  recordOutcome(ctx, undefined, {
    weight: info.weight,
    class: { type: info.class, value: undefined },
    pays_fee: { type: 'No', value: undefined },
  });
  ctx.consume(info.class, info.weight, ext.encodedLength);
  ctx.extrinsicCount++;
}

/** Applies extrinsic bytes (with length prefix) to the block; a rejected one changes nothing. */
export function applyExtrinsic(ctx: BlockContext, bytes: Uint8Array): ApplyResult {
  let ext: DecodedExtrinsic;
  try {
    ext = decodeExtrinsic(bytes);
  } catch (e) {
    if (e instanceof ExtrinsicDecodeError) return { ok: false, rejection: undecodable(e) };
    throw e;
  }
  if (!ext.signed) {
    if (ctx.extrinsicCount === 0) {
      applyInherent(ctx, ext);
      return { ok: true };
    }
    return { ok: false, rejection: rejection('NoUnsignedValidator') };
  }
  ctx.phase = { type: 'ApplyExtrinsic', value: ctx.extrinsicCount };
  const checked = checkSigned(ctx, ext, 'block');
  if (!checked.ok) return checked;
  const error = dispatch(ctx, ext.call, { type: 'Signed', who: checked.who });
  ctx.emit(
    paymentEvents.TransactionFeePaid({ who: checked.who, actual_fee: totalFee(checked.fee), tip: ext.signed.tip }),
  );
  const info = checked.info;
  recordOutcome(ctx, error, {
    weight: info.weight,
    class: { type: info.class, value: undefined },
    pays_fee: { type: 'Yes', value: undefined },
  });
  ctx.consume(info.class, info.weight, ext.encodedLength);
  ctx.extrinsicCount++;
  return { ok: true };
}

/** Runs `onFinalize` hooks and writes the block's System records (events once, encoded in one go). */
export function finalizeBlock(ctx: BlockContext): void {
  ctx.phase = { type: 'Finalization', value: undefined };
  for (const p of PALLETS) p.hooks.onFinalize?.(ctx, ctx.blockNumber);
  const s = ctx.state;
  system.ExtrinsicCount.set(s, ctx.extrinsicCount);
  system.AllExtrinsicsLen.set(s, ctx.length);
  system.BlockWeight.set(s, {
    normal: ctx.consumed.Normal,
    operational: ctx.consumed.Operational,
    mandatory: ctx.consumed.Mandatory,
  });
  system.Events.set(s, ctx.events);
  system.EventCount.set(s, ctx.events.length);
  const toRemove = ctx.blockNumber - BLOCK_HASH_COUNT - 1;
  if (toRemove > 0) system.BlockHash.remove(s, toRemove);
}
