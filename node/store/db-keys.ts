/**
 * The database's key layout (one byte namespace, then the parts). Versioned state keys end with the block
 * number in big-endian, so "the value of K at block N" is the last entry at or before `s ‖ K ‖ N`.
 */
import { concatBytes, u32be } from './hex.js';

const NS_BLOCK = 0x62; // 'b' ‖ hash → block JSON
const NS_HEADER = 0x68; // 'h' ‖ hash → header JSON
const NS_NUMBER = 0x6e; // 'n' ‖ u32be(number) → hash
const NS_VERSIONED = 0x73; // 's' ‖ key ‖ u32be(number) → 0x01 ‖ value, or 0x00 when deleted at that block
const NS_LATEST = 0x6c; // 'l' ‖ key → value at the finalized head (loaded into memory at start)
const NS_META = 0x6d; // 'm' ‖ name → JSON

const one = (ns: number): Uint8Array => Uint8Array.of(ns);

export const dbKeys = {
  block: (hash: Uint8Array) => concatBytes(one(NS_BLOCK), hash),
  header: (hash: Uint8Array) => concatBytes(one(NS_HEADER), hash),
  number: (number: number) => concatBytes(one(NS_NUMBER), u32be(number)),
  versioned: (key: Uint8Array, number: number) => concatBytes(one(NS_VERSIONED), key, u32be(number)),
  versionedPrefix: (key: Uint8Array) => concatBytes(one(NS_VERSIONED), key),
  latest: (key: Uint8Array) => concatBytes(one(NS_LATEST), key),
  latestNamespace: one(NS_LATEST),
  latestNamespaceEnd: one(NS_LATEST + 1),
  versionedNamespace: one(NS_VERSIONED),
  meta: (name: 'finalized' | 'genesis' | 'chain') => concatBytes(one(NS_META), Buffer.from(name)),
};

export const VERSION_PRESENT = 0x01;
export const VERSION_DELETED = 0x00;
