import { strict as assert } from 'node:assert';
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { Era, eraBirth, eraDeath, type EraValue } from '../../pallets-spec/types/era.js';

describe('Era codec (hand-checked against @polkadot/types)', () => {
  const registry = new TypeRegistry();

  it('encodes and decodes mortal eras exactly as @polkadot/types does, for many periods and blocks', () => {
    for (const period of [4, 8, 64, 256, 1024, 4096, 16384, 65536]) {
      for (const current of [0, 1, 7, 63, 64, 1000, 123_456, 9_999_999]) {
        // Round-trip through bytes: @polkadot/types keeps the unquantised phase in memory, the encoding quantises it.
        const theirs = registry.createType(
          'ExtrinsicEra',
          registry.createType('ExtrinsicEra', { current, period }).toU8a(),
        );
        const decoded = Era.codec.dec(theirs.toU8a()) as EraValue;
        assert.equal(decoded.type, 'Mortal');
        if (decoded.type !== 'Mortal') continue;
        assert.equal(decoded.period, theirs.asMortalEra.period.toNumber(), `period ${period} at ${current}`);
        assert.equal(decoded.phase, theirs.asMortalEra.phase.toNumber(), `phase ${period} at ${current}`);
        assert.equal(u8aToHex(Era.codec.enc(decoded)), theirs.toHex());
        assert.equal(eraBirth(decoded, current), Number(theirs.asMortalEra.birth(current)));
        assert.equal(eraDeath(decoded, current), Number(theirs.asMortalEra.death(current)));
      }
    }
  });

  it('encodes the immortal era as a single zero byte', () => {
    assert.equal(u8aToHex(Era.codec.enc({ type: 'Immortal' })), '0x00');
    assert.deepEqual(Era.codec.dec(new Uint8Array([0])), { type: 'Immortal' });
  });
});
