/**
 * Timestamp (pallet_timestamp, index 1): the block author sets the time once per block with the `set` inherent;
 * it must grow by at least `MinimumPeriod` from block to block.
 */
import { bool } from '../types/dsl.js';
import { compactU64 } from '../types/dsl.js';
import { Moment } from '../types/primitives.js';
import { call, constant, palletBuilder } from '../framework/pallet.js';
import { ensure, ensureNone, weight } from '../framework/dispatch.js';

const p = palletBuilder({
  name: 'Timestamp',
  index: 1,
  crate: 'pallet_timestamp',
  docs: ['The time of the current block, set by its author; monotonic.'],
});

/** Milliseconds. Small, so instant-seal dev nodes can author blocks back to back. */
export const MINIMUM_PERIOD = 1n;

export const constants = p.constants({
  MinimumPeriod: constant(
    Moment,
    MINIMUM_PERIOD,
    'The minimum period between blocks.',
    '',
    "Each block's timestamp must be at least this much (milliseconds) after its parent's.",
  ),
});

export const storage = p.storage({
  Now: p.valueWithDefault(Moment, { default: 0n, docs: ['The current time for the current block.'] }),
  DidUpdate: p.valueWithDefault(bool, {
    default: false,
    docs: [
      'Whether the timestamp has been updated in this block.',
      '',
      'This value is updated to `true` upon successful submission of a timestamp by a node.',
      'It is then checked at the end of each block execution in the `on_finalize` hook.',
    ],
  }),
});

export const errors = p.errors({
  AlreadyUpdated: { index: 0, docs: ['The timestamp was already set in this block.'] },
  TooEarly: { index: 1, docs: ["The timestamp is less than `MinimumPeriod` after the previous block's."] },
});

export const calls = p.calls({
  set: call({
    index: 0,
    args: { now: { type: compactU64, typeName: 'T::Moment' } },
    docs: [
      'Set the current time.',
      '',
      'This call should be invoked exactly once per block. It will panic at the finalization',
      "phase, if this call hasn't been invoked by that time.",
      '',
      'The dispatch origin for this call must be _None_ (an inherent of the block author).',
    ],
    weight: weight(5_000_000, 1_493),
    class: 'Mandatory',
    dispatch: (ctx, origin, { now }) => {
      ensureNone(origin);
      ensure(!storage.DidUpdate.get(ctx.state), errors.AlreadyUpdated);
      const previous = storage.Now.get(ctx.state);
      ensure(previous === 0n || now >= previous + MINIMUM_PERIOD, errors.TooEarly);
      storage.Now.set(ctx.state, now);
      storage.DidUpdate.set(ctx.state, true);
    },
  }),
});

export const Timestamp = p.finish({
  constants,
  storage,
  errors,
  calls,
  hooks: {
    onFinalize: (ctx) => {
      if (!storage.DidUpdate.get(ctx.state)) throw new Error('Timestamp must be updated once in the block');
      storage.DidUpdate.kill(ctx.state);
    },
  },
});
