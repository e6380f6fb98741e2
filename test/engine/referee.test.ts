/**
 * The referee's own definitions: exp/log built from basic IEEE arithmetic stay within an ulp of the true value,
 * Merkle proofs verify and reject what they should, and a scalar-step verdict needs valid proofs.
 */
import { strict as assert } from 'node:assert';
import {
  elementProof,
  expF32,
  f32,
  judgeElementTolerant,
  judgeScalarStep,
  leafHash,
  logF32,
  merkleProof,
  merkleRoot,
  elementProgram,
  recomputeElement,
  tensorRoot,
  verifyElementProof,
  verifyMerkleProof,
  adamStepSize,
  RefereeError,
  type OpCall,
} from '../../offchain/referee/index.js';
import { randomValues, SeededRandom } from './helpers.js';

function ulpOf(x: number): number {
  const a = Math.abs(f32(x));
  if (a === 0) return 2 ** -149;
  return Math.max(2 ** (Math.floor(Math.log2(a)) - 23), 2 ** -149);
}

describe('referee', () => {
  it('expF32 is within one float32 ulp of e^x across the float32 range', () => {
    const rng = new SeededRandom(1, 'exp');
    for (let i = 0; i < 20000; i++) {
      const x = f32((rng.nextUnit() * 2 - 1) * 100);
      const exact = Math.exp(x);
      const mine = expF32(x);
      if (exact > 3.4e38) assert.equal(mine, Infinity);
      else assert.ok(Math.abs(mine - exact) <= ulpOf(exact), `exp(${x}) = ${mine}, true ${exact}`);
    }
    assert.equal(expF32(0), 1);
    assert.equal(expF32(-Infinity), 0);
    assert.ok(Number.isNaN(expF32(NaN)));
  });

  it('logF32 is within one float32 ulp of ln x', () => {
    const rng = new SeededRandom(2, 'log');
    for (let i = 0; i < 20000; i++) {
      const x = f32(2 ** ((rng.nextUnit() * 2 - 1) * 120) * (1 + rng.nextUnit()));
      const exact = Math.log(x);
      assert.ok(Math.abs(logF32(x) - exact) <= ulpOf(exact), `log(${x}) = ${logF32(x)}, true ${exact}`);
    }
    assert.equal(logF32(1), 0);
    assert.equal(logF32(0), -Infinity);
    assert.ok(Number.isNaN(logF32(-1)));
  });

  it('Adam step sizes use repeated float32 products, not pow', () => {
    assert.equal(
      adamStepSize(f32(0.001), f32(0.9), f32(0.999), 1),
      f32(f32(0.001) * f32(f32(Math.sqrt(f32(1 - f32(0.999)))) / f32(1 - f32(0.9)))),
    );
  });

  it('Merkle proofs verify for every leaf of odd and even trees, and fail for a wrong leaf or index', () => {
    for (const count of [1, 2, 3, 5, 8, 13]) {
      const leaves = Array.from({ length: count }, (_, i) => leafHash(new Uint8Array([i, count])));
      const root = merkleRoot(leaves);
      for (let i = 0; i < count; i++) {
        const proof = merkleProof(leaves, i);
        assert.ok(verifyMerkleProof(root, leaves[i] as Uint8Array, proof));
        assert.ok(!verifyMerkleProof(root, leafHash(new Uint8Array([99])), proof));
        if (count > 1)
          assert.ok(!verifyMerkleProof(root, leaves[i] as Uint8Array, { ...proof, leafIndex: (i + 1) % count }));
      }
    }
  });

  it('element proofs of a committed tensor give back the element, and nothing for a forged chunk', () => {
    const values = randomValues(new SeededRandom(3, 'tensor'), 1000);
    const root = tensorRoot(values);
    for (const index of [0, 255, 256, 999]) {
      const proof = elementProof(values, index);
      assert.equal(verifyElementProof(root, proof), values[index]);
      const forged = { ...proof, chunk: proof.chunk.slice() };
      forged.chunk[index % 256] = 42;
      assert.equal(verifyElementProof(root, forged), undefined);
    }
  });

  it('a scalar-step verdict recomputes from proven operands and refuses unproven ones', () => {
    const rng = new SeededRandom(4, 'judge');
    const a = randomValues(rng, 6 * 5);
    const b = randomValues(rng, 5 * 4);
    const call: OpCall = { op: 'MatMul', attrs: { m: 6, k: 5, n: 4, transposeA: false, transposeB: false } };
    const program = elementProgram(call, [a, b], 9);
    const partials: number[] = [];
    let acc = program.init;
    for (const step of program.steps) {
      acc = f32(acc + f32((a[step.refs[0]?.index as number] as number) * (b[step.refs[1]?.index as number] as number)));
      partials.push(acc);
    }
    const claim = (claimed: number) => ({
      step: program.steps[3] as (typeof program.steps)[number],
      previous: partials[2] as number,
      inputRoots: [tensorRoot(a), tensorRoot(b)],
      operands: (program.steps[3]?.refs ?? []).map((r) => elementProof(r.input === 0 ? a : b, r.index)),
      claimed,
    });
    assert.equal(judgeScalarStep(claim(partials[3] as number)).claimantHonest, true);
    assert.equal(judgeScalarStep(claim(f32((partials[3] as number) + 1e-3))).claimantHonest, false);
    const bad = claim(partials[3] as number);
    assert.throws(() => judgeScalarStep({ ...bad, inputRoots: [tensorRoot(b), tensorRoot(a)] }), RefereeError);
    assert.equal(recomputeElement(call, [a, b], 9), partials[4]);
  });

  it('tolerant mode accepts a reordered sum within the bound and rejects a larger deviation', () => {
    const rng = new SeededRandom(5, 'tolerant');
    const k = 500;
    const a = randomValues(rng, k);
    const b = randomValues(rng, k);
    const call: OpCall = { op: 'MatMul', attrs: { m: 1, k, n: 1, transposeA: false, transposeB: false } };
    const program = elementProgram(call, [a, b], 0);
    let reversed = 0;
    for (let t = k - 1; t >= 0; t--) reversed = f32(reversed + f32((a[t] as number) * (b[t] as number)));
    let exact = 0;
    for (let t = 0; t < k; t++) exact += (a[t] as number) * (b[t] as number);
    assert.equal(judgeElementTolerant(program, [a, b], reversed).claimantHonest, true);
    assert.equal(judgeElementTolerant(program, [a, b], f32(exact)).claimantHonest, true);
    assert.equal(
      judgeElementTolerant(program, [a, b], f32(exact + 0.05 * Math.abs(exact) + 0.01)).claimantHonest,
      false,
    );
  });
});
