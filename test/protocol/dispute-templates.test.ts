import assert from 'node:assert/strict';
import { templatesAgree, tryTemplate } from '../../pallets-spec/disputes/proofs.js';
import { encodeTemplate, type NodeTemplate } from '../../offchain/referee/index.js';

const adam = (stepSize: number, epsilon = 1e-7): NodeTemplate => ({
  call: { op: 'AdamParam', attrs: { size: 10, stepSize, epsilon } },
  inputs: [
    { kind: 'state', index: 0 },
    { kind: 'node', index: 7 },
    { kind: 'node', index: 8 },
  ],
  writes: 0,
});
const sgd = (learningRate: number): NodeTemplate => ({
  call: { op: 'SgdUpdate', attrs: { size: 10, learningRate } },
  inputs: [
    { kind: 'state', index: 0 },
    { kind: 'node', index: 3 },
  ],
  writes: 0,
});

describe("protocol: a node record's template against the task's", () => {
  it("agrees only where the bytes do, except Adam's per-step stepSize", () => {
    assert.ok(templatesAgree(sgd(0.1), sgd(0.1)));
    assert.ok(!templatesAgree(sgd(0.1), sgd(0.2)), 'a learning rate is not the step size');
    assert.ok(templatesAgree(adam(0.001), adam(0.00093)), "Adam's step size varies with the step");
    assert.ok(!templatesAgree(adam(0.001, 1e-7), adam(0.001, 1e-8)), 'epsilon does not');
    assert.ok(!templatesAgree({ ...adam(0.001), writes: 1 }, adam(0.001)), 'nor the written slot');
    assert.ok(!templatesAgree(adam(0.001), { ...adam(0.001), inputs: adam(0.001).inputs.slice(0, 2) }));
  });

  it('decodes malformed bytes to undefined, never an exception', () => {
    const bytes = encodeTemplate(sgd(0.1));
    assert.deepEqual(tryTemplate(bytes), sgd(0.1));
    for (const bad of [
      bytes.slice(0, bytes.length - 1),
      Uint8Array.from([...bytes, 0]),
      Uint8Array.from([99]),
      new Uint8Array(),
    ])
      assert.equal(tryTemplate(bad), undefined);
  });
});
