/**
 * The engine's side of an on-chain dispute, off chain: the task's graph commitment, node records and state
 * openings, and every move of both parties for honest and tampered traces of a real MNIST step. Each move's proofs
 * are verified with the referee's functions, and the referee's recomputation of the last step decides.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import {
  decodeTemplate,
  denseScalars,
  programLength,
  encodeTemplate,
  equalBytes,
  f32,
  leafHash,
  merkleRoot,
  verifyMerkleProof,
  MissingScalarError,
  templateLeaf,
} from '../../offchain/referee/index.js';
import {
  FsArtifactStore,
  buildStepGraph,
  initialState,
  loadStepHashes,
  openSession,
  runSegment,
  train,
  type ProofManifest,
  type Fault,
  type GraphNode,
  type NamedTensor,
  type TaskSession,
  type TaskSpec,
} from '../../offchain/engine/index.js';
import {
  Challenger,
  Claimant,
  committedState,
  firstDisputedStep,
  graphCommitment,
  openingAfter,
  pointNodeArgs,
  stepMove,
  templateMatchesTask,
  traceStep,
  judgeDisputedStep,
  judgeElement,
  type GraphCommitment,
  type StepTrace,
} from '../../offchain/engine/dispute/index.js';
import { nodesForStep } from '../../offchain/engine/model/optimizer.js';
import { playStep } from './dispute-play.js';
import { exampleSpec, tempDir } from './helpers.js';

const STEP = 3; // the disputed 0-based step: from the state after 3 steps to the state after 4

function changeElement(output: tf.Tensor, index: number, change: (v: number) => number): tf.Tensor {
  const values = Float32Array.from(output.dataSync() as Float32Array);
  values[index] = change(values[index] as number);
  return tf.tensor(values, output.shape, 'float32');
}

const weightNudged: Fault = {
  step: STEP,
  override: (node, output) =>
    node.phase === 'update' && node.inputs[0] === 'layers[1].kernel'
      ? changeElement(output, 5, (v) => f32(v + 1e-6))
      : undefined,
};
const otherLearningRate: Fault = {
  step: STEP,
  rewrite: (nodes: GraphNode[]) =>
    nodes.map((n) =>
      n.call.op === 'SgdUpdate'
        ? { ...n, call: { op: 'SgdUpdate', attrs: { ...n.call.attrs, learningRate: f32(0.11) } } }
        : n,
    ),
};
const stepSkipped: Fault = {
  step: STEP,
  override: (node, _output, inputs) =>
    node.phase === 'update'
      ? tf.tensor(Float32Array.from((inputs[0] as tf.Tensor).dataSync()), inputs[0]?.shape)
      : undefined,
};
const forwardAltered: Fault = {
  step: STEP,
  override: (node, output) => (node.index === 1 ? changeElement(output, 3, (v) => f32(v + 1e-3)) : undefined),
};

describe('dispute moves from traces (MNIST MLP, one step)', function () {
  const tmp = tempDir('dispute-party');
  const spec: TaskSpec = exampleSpec('mnist-mlp', { steps: 6, checkpointInterval: 3 });
  let session: TaskSession;
  let task: GraphCommitment;
  let agreed: NamedTensor[];
  let honest: StepTrace;

  /** The node move a challenger holding `trace` makes against the weight-nudging claimant. */
  const playedNode = (trace: StepTrace) => {
    const move = new Challenger(trace, task).pointNode(
      new Claimant(traceStep(session, agreed, STEP, weightNudged)).view(),
    );
    if (move.kind !== 'node') assert.fail(`expected a node move, got ${move.kind}`);
    return move;
  };

  before(async () => {
    session = await openSession(spec, new FsArtifactStore(tmp.dir));
    task = graphCommitment(spec);
    agreed = runSegment(session, initialState(session.graph, spec.seed), 0, STEP).state;
    honest = traceStep(session, agreed, STEP);
  });
  after(() => tmp.cleanup());

  describe('graph commitment', () => {
    it('has one template per graph node, wired to state slots, batch tensors and earlier nodes', () => {
      const graph = buildStepGraph(spec);
      assert.equal(task.count, graph.nodes.length);
      assert.ok(equalBytes(task.root, merkleRoot(task.templates.map(templateLeaf))));
      const first = task.templates.find((t) => t.call.op === 'MatMul');
      assert.deepEqual(first?.inputs, [
        { kind: 'node', index: 0 },
        { kind: 'state', index: 0 },
      ]);
      assert.deepEqual(task.templates[0]?.inputs, [{ kind: 'batch', index: 0 }]);
      const loss = task.templates.find((t) => t.call.op === 'CrossEntropyLoss');
      assert.deepEqual(loss?.inputs[1], { kind: 'batch', index: 1 });
      const writers = task.templates.filter((t) => t.writes !== undefined).map((t) => t.writes);
      assert.deepEqual(
        [...writers].sort(),
        graph.state.map((_, slot) => slot),
      );
      task.templates.forEach((t) => assert.deepEqual(decodeTemplate(encodeTemplate(t)), t));
    });

    it("changes with the task's hyper-parameters, and Adam's templates carry the first step's size", () => {
      const other = graphCommitment({ ...spec, optimizer: { type: 'sgd', learningRate: 0.11 } });
      assert.ok(!equalBytes(other.root, task.root));
      const adam = graphCommitment({ ...spec, optimizer: { type: 'adam', learningRate: 0.001 } });
      const param = adam.templates.find((t) => t.call.op === 'AdamParam');
      assert.ok(param !== undefined && param.call.op === 'AdamParam');
      const graph = buildStepGraph({ ...spec, optimizer: { type: 'adam', learningRate: 0.001 } });
      const stepOne = nodesForStep(graph, { type: 'adam', learningRate: 0.001 }, 0).find(
        (n) => n.call.op === 'AdamParam',
      );
      assert.deepEqual(param.call, stepOne?.call);
      assert.ok(param.call.attrs.stepSize > 0);
      const later = { ...param, call: { ...param.call, attrs: { ...param.call.attrs, stepSize: 0.5 } } };
      assert.ok(templateMatchesTask(later, param), 'any step size is accepted for AdamParam');
      const otherEpsilon = { ...param, call: { ...param.call, attrs: { ...param.call.attrs, epsilon: 0.5 } } };
      assert.ok(!templateMatchesTask(otherEpsilon, param), 'but nothing else');
    });
  });

  describe('step phase and state openings', () => {
    it("the openings reproduce the manifest's step hashes, and the step move proves them under step_root", async () => {
      const honestStore = new FsArtifactStore(`${tmp.dir}/honest`);
      const tamperedStore = new FsArtifactStore(`${tmp.dir}/tampered`);
      const honestRun = await train(spec, honestStore, { evaluate: false });
      const tamperedRun = await train(spec, tamperedStore, { evaluate: false, faults: [weightNudged] });
      const manifest = tamperedRun.manifest as ProofManifest;
      const mine = await loadStepHashes(honestStore, honestRun.manifest as ProofManifest);
      const claimed = await loadStepHashes(tamperedStore, manifest);
      assert.equal(claimed.length, spec.steps + 1, 'leaves 0 ..= T');
      const t = firstDisputedStep(mine, claimed, 3, 6);
      assert.equal(t, STEP + 1);
      const move = stepMove(claimed, t as number);
      const stepRoot = hexToU8a(manifest.stepRoot);
      assert.ok(verifyMerkleProof(stepRoot, leafHash(move.agreed.hash), move.agreed.proof));
      assert.ok(verifyMerkleProof(stepRoot, leafHash(move.disputed.hash), move.disputed.proof));
      assert.deepEqual([move.agreed.proof.leafIndex, move.disputed.proof.leafIndex], [STEP, STEP + 1]);
      const commit = new Claimant(traceStep(session, agreed, STEP, weightNudged)).commitGraph();
      assert.ok(equalBytes(committedState(commit.before), move.agreed.hash), 'H_{t-1} opened');
      assert.ok(equalBytes(committedState(commit.after), move.disputed.hash), 'H_t opened');
      assert.ok(equalBytes(committedState(openingAfter(honest)), mine[STEP + 1] as Uint8Array));
    });
  });

  describe('honest traces', () => {
    it('agree: the challenger finds nothing to dispute', () => {
      const again = traceStep(session, agreed, STEP);
      const challenger = new Challenger(honest, task);
      assert.equal(challenger.findInconsistency(new Claimant(again).view()), undefined);
      assert.throws(() => challenger.pointNode(new Claimant(again).view()), /nothing to dispute/);
    });

    it('a challenger whose own trace is wrong finds the partials right, and loses if it points anyway', () => {
      const claimant = new Claimant(honest);
      const challenger = new Challenger(traceStep(session, agreed, STEP, weightNudged), task);
      const view = claimant.view();
      const move = challenger.pointNode(view);
      assert.ok(move.kind === 'node');
      const { element } = challenger.pointElement(view, move.node.index);
      assert.throws(() => challenger.pointPartial(view, move.node.index, element), /agree/);
      const point = { partial: 0, disputed: claimant.provePartial(move.node.index, element, 0) };
      const supply = claimant.supplyOperands(move.node.index, element, 0);
      assert.equal(judgeDisputedStep(move.node.record, element, point, supply).claimantHonest, true);
    });

    it('supplies the labels a loss element reads, so the chain can build its program', () => {
      const claimant = new Claimant(honest);
      const node = honest.nodes.findIndex((n) => n.call.op === 'CrossEntropyLoss');
      const partials = claimant.partials(node, 0);
      const point = {
        partial: 3,
        disputed: claimant.provePartial(node, 0, 3),
        agreed: claimant.provePartial(node, 0, 2),
      };
      const supply = claimant.supplyOperands(node, 0, 3);
      assert.deepEqual(
        supply.data.map((d) => [d.input, d.proof.index]),
        [[1, 3]],
      );
      assert.equal(partials.length, spec.batchSize + 1);
      const record = claimant.tree.records[node];
      assert.ok(record !== undefined);
      assert.equal(judgeDisputedStep(record, 0, point, supply).claimantHonest, true);
      assert.throws(() => judgeDisputedStep(record, 0, point, { ...supply, data: [] }), MissingScalarError);
    });
  });

  describe('tampered claimants lose', () => {
    it('one weight changed by 1e-6: its update node, element 5, the referee recomputes the SGD step', () => {
      const outcome = playStep(honest, new Claimant(traceStep(session, agreed, STEP, weightNudged)), task);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(outcome.record.template.call.op, 'SgdUpdate');
      assert.equal(outcome.element, 5);
      assert.equal(outcome.partial, 0);
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it('another learning rate, published as executed: its records contradict the task template', () => {
      const outcome = playStep(honest, new Claimant(traceStep(session, agreed, STEP, otherLearningRate)), task);
      assert.ok(outcome.kind === 'inconsistent');
      assert.equal(outcome.move.kind, 'template');
      assert.equal(outcome.move.node.record.template.call.op, 'SgdUpdate');
    });

    it("another learning rate, published under the task's template: the referee recomputes with the task's rate", () => {
      const cheat = new Claimant(traceStep(session, agreed, STEP, otherLearningRate), {
        recordTemplates: task.templates,
      });
      const outcome = playStep(honest, cheat, task);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(outcome.record.template.call.op, 'SgdUpdate');
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it('a step skipped: the first update node, the referee recomputes the update', () => {
      const outcome = playStep(honest, new Claimant(traceStep(session, agreed, STEP, stepSkipped)), task);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(honest.nodes[outcome.node]?.phase, 'update');
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it('a forward result altered: the last of 784 accumulation steps of a dot product, proven from partial 782', () => {
      const outcome = playStep(honest, new Claimant(traceStep(session, agreed, STEP, forwardAltered)), task);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(outcome.record.template.call.op, 'MatMul');
      assert.equal(outcome.element, 3);
      assert.equal(outcome.partial, 783);
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it("Adam at step 2: the record carries that step's size, so point_node sends the task's template too", async () => {
      const optimizer = { type: 'adam' as const, learningRate: 0.001 };
      const adam: TaskSpec = { ...spec, optimizer };
      const adamSession = await openSession(adam, new FsArtifactStore(tmp.dir));
      const state = runSegment(adamSession, initialState(adamSession.graph, adam.seed), 0, 1).state;
      const nudged: Fault = {
        step: 1,
        override: (node, output) =>
          node.call.op === 'AdamParam' && node.inputs[0] === 'layers[1].kernel'
            ? changeElement(output, 5, (v) => f32(v + 1e-6))
            : undefined,
      };
      const adamTask = graphCommitment(adam);
      const claimant = new Claimant(traceStep(adamSession, state, 1, nudged));
      const outcome = playStep(traceStep(adamSession, state, 1), claimant, adamTask);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(outcome.record.template.call.op, 'AdamParam');
      assert.equal(outcome.verdict.claimantHonest, false);
      const move = new Challenger(traceStep(adamSession, state, 1), adamTask).pointNode(claimant.view());
      assert.ok(move.kind === 'node');
      assert.equal(pointNodeArgs(move).graph_template, u8aToHex(encodeTemplate(move.template)));
      assert.equal(pointNodeArgs(playedNode(honest)).graph_template, null, 'SGD templates are the same bytes');
    });

    it('an opened state root that no record wrote: an inconsistency proof ends the dispute', () => {
      const claimant = new Claimant(traceStep(session, agreed, STEP, weightNudged));
      const view = claimant.view();
      const after = view.commit.after.roots.slice();
      after[0] = new Uint8Array(32).fill(9);
      const forged = { ...view, commit: { ...view.commit, after: { ...view.commit.after, roots: after } } };
      const move = new Challenger(honest, task).pointNode(forged);
      assert.equal(move.kind, 'writtenState');
    });

    it('a record whose input is not the opened state: an inconsistency proof', () => {
      const claimant = new Claimant(traceStep(session, agreed, STEP));
      const view = claimant.view();
      const before = view.commit.before.roots.slice();
      before[1] = new Uint8Array(32).fill(7);
      const forged = { ...view, commit: { ...view.commit, before: { ...view.commit.before, roots: before } } };
      const move = new Challenger(honest, task).pointNode(forged);
      assert.equal(move.kind, 'stateInput');
    });
  });

  describe('max-pool gradients (CNN): programs ordered by the window maxima', () => {
    const cnn: TaskSpec = exampleSpec('mnist-cnn', { batchSize: 4, steps: 1, checkpointInterval: 1 });
    let cnnSession: TaskSession;
    let cnnTask: GraphCommitment;
    let start: NamedTensor[];
    let honestCnn: StepTrace;
    let node: number;
    let routed: number;
    let unrouted: number;

    const alter = (element: number, change: (v: number) => number): Fault => ({
      step: 0,
      override: (n, output) => (n.index === node ? changeElement(output, element, change) : undefined),
    });

    before(async () => {
      cnnSession = await openSession(cnn, new FsArtifactStore(tmp.dir));
      cnnTask = graphCommitment(cnn);
      start = initialState(cnnSession.graph, cnn.seed);
      honestCnn = traceStep(cnnSession, start, 0);
      const traced = honestCnn.nodes.find((n) => n.call.op === 'MaxPoolGrad');
      assert.ok(traced !== undefined);
      node = traced.index;
      const data = denseScalars(traced.inputs.map((id) => honestCnn.tensors.get(id) as Float32Array));
      const lengths = Array.from({ length: 64 }, (_, e) => programLength(traced.call, e, data));
      routed = lengths.indexOf(1);
      unrouted = lengths.indexOf(0);
      assert.ok(routed >= 0 && unrouted >= 0);
    });

    it("a routed element altered: the claimant proves the window's taps, and the referee rules against it", () => {
      const cheat = new Claimant(
        traceStep(
          cnnSession,
          start,
          0,
          alter(routed, (v) => f32(v + 1)),
        ),
      );
      const outcome = playStep(honestCnn, cheat, cnnTask);
      assert.ok(outcome.kind === 'recomputed');
      assert.equal(outcome.record.template.call.op, 'MaxPoolGrad');
      assert.deepEqual([outcome.node, outcome.element, outcome.partial], [node, routed, 0]);
      assert.equal(cheat.supplyOperands(node, routed, 0).data.length, 4, 'the 2×2 window covering it');
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it('an element no window routes to, given a value: an empty program, whose value must be 0', () => {
      const cheat = new Claimant(
        traceStep(
          cnnSession,
          start,
          0,
          alter(unrouted, () => 1),
        ),
      );
      const outcome = playStep(honestCnn, cheat, cnnTask);
      assert.ok(outcome.kind === 'recomputed');
      assert.deepEqual([outcome.element, outcome.partial], [unrouted, -1]);
      assert.equal(outcome.verdict.expected, 0);
      assert.equal(outcome.verdict.claimantHonest, false);
    });

    it('an honest empty program wins; a partial count that is not the program length loses', () => {
      const claimant = new Claimant(honestCnn);
      const record = claimant.tree.records[node];
      assert.ok(record !== undefined);
      const empty = claimant.supplyOperands(node, unrouted, 0);
      assert.equal(judgeElement(record, unrouted, 0, { count: 0 }, undefined, empty).claimantHonest, true);
      const supply = claimant.supplyOperands(node, routed, 0);
      const value = claimant.partials(node, routed)[0] as number;
      const wrongCount = judgeElement(record, routed, value, { count: 0 }, undefined, supply);
      assert.deepEqual([wrongCount.claimantHonest, wrongCount.reason], [false, 'programLength']);
    });
  });
});
