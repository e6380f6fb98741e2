/**
 * Honest replay gives distance 0; each tampered proof gives a non-zero distance, and the dispute narrows it to the
 * first differing step, graph node, element and partial result, where the referee decides against the tampered
 * side on one scalar step.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import { f32 } from '../../offchain/referee/index.js';
import {
  FsArtifactStore,
  loadCheckpoint,
  openSession,
  replaySegment,
  resolveStepDispute,
  runSegment,
  traceStep,
  train,
  type Fault,
  type GraphNode,
  type ProofManifest,
  type TaskSession,
  type TaskSpec,
} from '../../offchain/engine/index.js';
import { exampleSpec, tempDir } from './helpers.js';

const SEGMENT = 1; // steps 10 … 20
const spec: TaskSpec = exampleSpec('mnist-mlp', { steps: 30, checkpointInterval: 10 });

function changeElement(output: tf.Tensor, index: number, change: (v: number) => number): tf.Tensor {
  const values = Float32Array.from(output.dataSync() as Float32Array);
  values[index] = change(values[index] as number);
  return tf.tensor(values, output.shape, 'float32');
}

/** A fresh tensor with the same values (a state tensor must not appear twice in the next state). */
function copyOf(t: tf.Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t.dataSync() as Float32Array), t.shape, 'float32');
}

interface Tampered {
  manifest: ProofManifest;
  store: FsArtifactStore;
  fault: Fault;
}

describe('replay and disputes over tampered proofs (MLP, 30 steps, k = 10)', function () {
  const tmp = tempDir('tamper');
  let honest: { manifest: ProofManifest; store: FsArtifactStore };
  let session: TaskSession;

  async function tamperedRun(name: string, fault: Fault): Promise<Tampered> {
    const store = new FsArtifactStore(`${tmp.dir}/${name}`);
    const result = await train(spec, store, { faults: [fault], evaluate: false });
    return { manifest: result.manifest as ProofManifest, store, fault };
  }

  /** Replays the tampered segment, then plays the dispute for its first differing step. */
  async function dispute(t: Tampered) {
    const report = await replaySegment(spec, t.manifest, t.store, SEGMENT, { session });
    assert.ok(report.firstDifferingStep !== undefined || !report.hashesMatch);
    const start = await loadCheckpoint(t.store, t.manifest, SEGMENT, session);
    const disputedStep = (report.firstDifferingStep as number) - 1; // 0-based step whose result differs
    const agreed = runSegment(session, start.tensors, start.step, disputedStep).state;
    const challenger = traceStep(session, agreed, disputedStep);
    const claimant = traceStep(session, agreed, disputedStep, t.fault);
    const resolution = resolveStepDispute(challenger, claimant);
    assert.ok(resolution, 'the traces must differ');
    return { report, resolution };
  }

  before(async () => {
    const store = new FsArtifactStore(`${tmp.dir}/honest`);
    const result = await train(spec, store, { evaluate: false });
    honest = { manifest: result.manifest as ProofManifest, store };
    session = await openSession(spec, store);
  });
  after(() => tmp.cleanup());

  it('an honest segment replays at distance 0 with matching hashes', async () => {
    const report = await replaySegment(spec, honest.manifest, honest.store, SEGMENT, { session });
    assert.deepEqual(report.distances, { l2: 0, linf: 0, cosine: 0 });
    assert.equal(report.hashesMatch, true);
    assert.equal(report.verdict, 'accept');
  });

  it('one weight changed by 1e-6: caught at that step, its update node and element, referee rules against it', async () => {
    const isTarget = (node: GraphNode) => node.phase === 'update' && node.inputs[0] === 'layers[1].kernel';
    const t = await tamperedRun('weight', {
      step: 19,
      override: (node, output) => (isTarget(node) ? changeElement(output, 5, (v) => f32(v + 1e-6)) : undefined),
    });
    const { report, resolution } = await dispute(t);
    assert.ok(report.distances.l2 > 0 && report.distances.linf > 5e-7 && report.distances.linf < 2e-6);
    assert.equal(report.verdict, 'reject');
    assert.equal(report.firstDifferingStep, 20);
    assert.equal(resolution.step, 19);
    assert.equal(resolution.node.call.op, 'SgdUpdate');
    assert.equal(resolution.node.inputs[0], 'layers[1].kernel');
    assert.equal(resolution.element, 5);
    assert.equal(resolution.partial, 0);
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
    assert.equal(resolution.verdictOnChallenger.claimantHonest, true);
  });

  it('one step skipped: caught at the skipped step, first update node, referee rules against it', async () => {
    const t = await tamperedRun('skip', {
      step: 14,
      override: (node, _output, inputs) => (node.phase === 'update' ? copyOf(inputs[0] as tf.Tensor) : undefined),
    });
    const { report, resolution } = await dispute(t);
    assert.ok(report.distances.l2 > 0);
    assert.equal(report.firstDifferingStep, 15);
    assert.equal(resolution.node.phase, 'update');
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
    assert.equal(resolution.verdictOnChallenger.claimantHonest, true);
  });

  it("another learning rate for one step: caught at that step, referee recomputes with the spec's rate", async () => {
    const t = await tamperedRun('lr', {
      step: 12,
      rewrite: (nodes) =>
        nodes.map((n) =>
          n.call.op === 'SgdUpdate'
            ? { ...n, call: { op: 'SgdUpdate', attrs: { ...n.call.attrs, learningRate: f32(0.11) } } }
            : n,
        ),
    });
    const { report, resolution } = await dispute(t);
    assert.ok(report.distances.l2 > 0);
    assert.equal(report.firstDifferingStep, 13);
    assert.equal(resolution.node.call.op, 'SgdUpdate');
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
    assert.notEqual(resolution.verdictOnClaimant.expected, resolution.claimedValue);
  });

  it("a checkpoint copied from another run: caught at the segment's last step, referee rules against it", async () => {
    const other = await train({ ...spec, seed: spec.seed + 1 }, new FsArtifactStore(`${tmp.dir}/other`), {
      steps: 20,
      evaluate: false,
      proof: false,
    });
    const copied = new Map(other.finalState.map((t) => [t.name, t]));
    const stateOf = new Map(Object.entries(session.graph.nextState).map(([name, id]) => [id, name]));
    const t = await tamperedRun('copy', {
      step: 19,
      override: (node, output) => {
        const name = stateOf.get(node.output);
        const source = name === undefined ? undefined : copied.get(name);
        return source === undefined ? undefined : tf.tensor(source.values, output.shape, 'float32');
      },
    });
    const end = await loadCheckpoint(t.store, t.manifest, SEGMENT + 1, session);
    assert.deepEqual(
      end.tensors.map((x) => Array.from(x.values.subarray(0, 4))),
      other.finalState.map((x) => Array.from(x.values.subarray(0, 4))),
    );
    const { report, resolution } = await dispute(t);
    assert.ok(report.distances.l2 > 1 && report.distances.cosine > 0.01);
    assert.equal(report.firstDifferingStep, 20);
    assert.equal(resolution.node.phase, 'update');
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
  });

  it('a forward result altered: bisected to one accumulation step of a dot product', async () => {
    const t = await tamperedRun('forward', {
      step: 11,
      override: (node, output) => (node.index === 1 ? changeElement(output, 3, (v) => f32(v + 1e-3)) : undefined),
    });
    const { resolution } = await dispute(t);
    assert.equal(resolution.node.index, 1); // node 0 is the flatten
    assert.equal(resolution.node.call.op, 'MatMul');
    assert.equal(resolution.element, 3);
    assert.equal(resolution.partial, 783, 'the last of the 784 accumulation steps is where the claim departs');
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
    assert.equal(resolution.verdictOnChallenger.claimantHonest, true);
  });

  it('a CNN filter gradient altered: bisected to one accumulation step of Conv2DBackpropFilter', async () => {
    const cnn = exampleSpec('mnist-cnn', { steps: 4, checkpointInterval: 2 });
    const cnnSession = await openSession(cnn, honest.store);
    const isFilterGrad = (node: GraphNode) => node.call.op === 'Conv2DBackpropFilter' && node.inputs[0] === 'input';
    const fault: Fault = {
      step: 2,
      override: (node, output) =>
        isFilterGrad(node) ? changeElement(output, 7, (v) => f32(v * 1.5 + 1e-4)) : undefined,
    };
    const store = new FsArtifactStore(`${tmp.dir}/cnn`);
    const manifest = (await train(cnn, store, { faults: [fault], evaluate: false })).manifest as ProofManifest;
    const report = await replaySegment(cnn, manifest, store, 1, { session: cnnSession });
    assert.equal(report.firstDifferingStep, 3);
    const start = await loadCheckpoint(store, manifest, 1, cnnSession);
    const resolution = resolveStepDispute(
      traceStep(cnnSession, start.tensors, 2),
      traceStep(cnnSession, start.tensors, 2, fault),
    );
    assert.ok(resolution);
    assert.equal(resolution.node.call.op, 'Conv2DBackpropFilter');
    assert.equal(resolution.element, 7);
    assert.ok(resolution.partial > 0, 'a convolution window sums many products');
    assert.equal(resolution.verdictOnClaimant.claimantHonest, false);
    assert.equal(resolution.verdictOnChallenger.claimantHonest, true);
  });
});
