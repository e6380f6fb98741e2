/**
 * `sp_runtime::generic::era::Era`: immortal (one zero byte) or mortal (two bytes packing period and phase).
 * Its SCALE form is special, so the codec is written against the Rust definition (era.rs) while the metadata
 * shows the same 256-variant enum Substrate emits.
 */
import { createCodec, createDecoder, u8 as u8Codec } from '@polkadot-api/substrate-bindings';
import { customVariant, u8, type VariantShape } from './dsl.js';

export type EraValue = { type: 'Immortal' } | { type: 'Mortal'; period: number; phase: number };

function encodeEra(era: EraValue): Uint8Array {
  if (era.type === 'Immortal') return new Uint8Array([0]);
  const quantizeFactor = Math.max(era.period >> 12, 1);
  const periodBits = Math.min(Math.max(Math.round(Math.log2(era.period)) - 1, 1), 15);
  const encoded = periodBits | (((era.phase / quantizeFactor) | 0) << 4);
  return new Uint8Array([encoded & 0xff, encoded >> 8]);
}

const decodeEra = createDecoder((input): EraValue => {
  const first = u8Codec.dec(input);
  if (first === 0) return { type: 'Immortal' };
  const encoded = first + (u8Codec.dec(input) << 8);
  const period = 2 << (encoded % (1 << 4));
  const quantizeFactor = Math.max(period >> 12, 1);
  const phase = (encoded >> 4) * quantizeFactor;
  return { type: 'Mortal', period, phase };
});

/** First block of the era's validity window, as `Era::birth(current)`. */
export function eraBirth(era: EraValue, current: number): number {
  if (era.type === 'Immortal') return 0;
  return Math.floor((Math.max(current, era.phase) - era.phase) / era.period) * era.period + era.phase;
}

/** First block at which the era is no longer valid, as `Era::death(current)`. */
export function eraDeath(era: EraValue, current: number): number {
  if (era.type === 'Immortal') return Number.MAX_SAFE_INTEGER;
  return eraBirth(era, current) + era.period;
}

const variants: VariantShape[] = [{ name: 'Immortal', index: 0, fields: [], docs: [] }];
for (let i = 1; i < 256; i++)
  variants.push({ name: `Mortal${i}`, index: i, fields: [{ type: u8, typeName: 'u8', docs: [] }], docs: [] });

export const Era = customVariant(['sp_runtime', 'generic', 'era', 'Era'], createCodec(encodeEra, decodeEra), variants);
