import assert from 'node:assert/strict';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { bnToU8a } from '@polkadot/util';
import {
  MalformedCommitmentInputError,
  U128_MAX,
  bidCommitment,
  opensBid,
} from '../../pallets-spec/market/commitment.js';
import { bytes32 } from './helpers.js';

describe('protocol: bid commitments', () => {
  const salt = bytes32(7, 99);

  it('is blake2-256 of the SCALE u128 price followed by the salt', () => {
    const price = 123_456_789_012_345_678_901_234n;
    const expected = blake2AsU8a(new Uint8Array([...bnToU8a(price, { bitLength: 128, isLe: true }), ...salt]), 256);
    assert.deepEqual(bidCommitment(price, salt), expected);
  });

  it('opens only with the committed price and salt', () => {
    const commitment = bidCommitment(500n, salt);
    assert.equal(opensBid(commitment, 500n, salt), true);
    assert.equal(opensBid(commitment, 501n, salt), false);
    assert.equal(opensBid(commitment, 500n, bytes32(7, 100)), false);
    assert.equal(opensBid(commitment, 500n, salt.slice(0, 31)), false);
    assert.equal(opensBid(commitment, -1n, salt), false);
  });

  it('refuses salts that are not 32 bytes and prices outside u128', () => {
    assert.throws(() => bidCommitment(1n, new Uint8Array(16)), MalformedCommitmentInputError);
    assert.throws(() => bidCommitment(U128_MAX + 1n, salt), MalformedCommitmentInputError);
    assert.equal(bidCommitment(U128_MAX, salt).length, 32);
  });
});
