/** Block header SCALE codec (sp_runtime::generic::Header<u32, BlakeTwo256>); its blake2-256 is the block hash. */
import { compactNumber } from '@polkadot-api/substrate-bindings';
import { u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { bytes, compactU32, enumType, fixedHex, tuple, vec } from '../pallets-spec/types/dsl.js';
import { H256 } from '../pallets-spec/types/primitives.js';
import type { Header } from './seam.js';
import { blake2_256, hexBytes } from './signature.js';

const engineItem = tuple(fixedHex(4), bytes);
export const DigestItem = enumType(['sp_runtime', 'generic', 'digest', 'DigestItem'], {
  Other: { index: 0, value: bytes },
  Consensus: { index: 4, value: engineItem },
  Seal: { index: 5, value: engineItem },
  PreRuntime: { index: 6, value: engineItem },
  RuntimeEnvironmentUpdated: { index: 8 },
});
const Digest = vec(DigestItem);

export function encodeHeader(h: Header): Uint8Array {
  return u8aConcat(
    hexToU8a(h.parentHash),
    compactNumber.enc(h.number),
    hexToU8a(h.stateRoot),
    hexToU8a(h.extrinsicsRoot),
    compactNumber.enc(h.digest.length),
    ...h.digest.map((d) => hexToU8a(d)),
  );
}

export function decodeHeader(data: Uint8Array): Header {
  let offset = 0;
  const hash = (): HexString => {
    const v = H256.codec.dec(data.subarray(offset, offset + 32));
    offset += 32;
    return v;
  };
  const parentHash = hash();
  const number = compactU32.codec.dec(data.subarray(offset));
  offset += compactNumber.enc(number).length;
  const stateRoot = hash();
  const extrinsicsRoot = hash();
  const digest = Digest.codec.dec(data.subarray(offset)).map((item) => u8aToHex(DigestItem.codec.enc(item)));
  return { parentHash, number, stateRoot, extrinsicsRoot, digest };
}

export const hashHeader = (h: Header): HexString => u8aToHex(blake2_256(encodeHeader(h)));

/** Extrinsics root: blake2-256 of the SCALE `Vec` of the block's extrinsics (not a trie; clients do not check it). */
export function extrinsicsRoot(extrinsics: HexString[]): HexString {
  return u8aToHex(blake2_256(u8aConcat(compactNumber.enc(extrinsics.length), ...extrinsics.map((e) => hexBytes(e)))));
}
