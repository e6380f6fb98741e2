/**
 * A real MNIST dispute played through a real node: a solver trains a small MLP on MNIST digits and tampers with one
 * step; the task goes through the protocol to `Challengeable` on a `veritrain node --dev`; a whistleblower that
 * trained honestly disputes the segment, and both parties play every phase with `@polkadot/api`, each move's
 * arguments produced by the engine from the parties' own traces (the claimant's published over the trace wire
 * format). The honest challenger wins on chain, and the events show each phase.
 */
import { strict as assert } from 'node:assert';
import type { KeyringPair } from '@polkadot/keyring/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import * as tf from '@tensorflow/tfjs-core';
import type { EventRecord } from '@polkadot/types/interfaces';
import { decodeTemplate, f32 } from '../../offchain/referee/index.js';
import {
  FsArtifactStore,
  loadCheckpoint,
  loadStepHashes,
  openSession,
  train,
  type Fault,
  type ProofManifest,
  type TaskSession,
  type TaskSpec,
} from '../../offchain/engine/index.js';
import {
  Challenger,
  Claimant,
  commitGraphArgs,
  commitPartialsArgs,
  decodeTrace,
  encodeTrace,
  firstDisputedStep,
  graphCommitment,
  pointElementArgs,
  pointNodeArgs,
  pointPartialArgs,
  pointStepArgs,
  proveInconsistencyArgs,
  stepMove,
  supplyOperandsArgs,
  traceStep,
  type GraphCommitment,
} from '../../offchain/engine/dispute/index.js';
import { driveToChallengeable, type ChallengeableTask } from '../protocol-node/support/challengeable.js';
import { ProtocolDriver } from '../protocol-node/support/driver.js';
import { bigField, boolField, eventsNamed, field, theEvent } from '../protocol-node/support/events.js';
import { ProtocolSession } from '../protocol-node/support/session.js';
import { exampleSpec, tempDir } from '../engine/helpers.js';

const STEPS = 4;
const INTERVAL = 2;
const SEGMENT = 1; // leaves 2 ..= 4
const TAMPERED_STEP = 2; // 0-based: the state after 2 steps is agreed, the state after 3 is not

/** A small MLP on real MNIST digits: 784-16-10, SGD, batch 32, four steps, a checkpoint every two. */
const spec: TaskSpec = exampleSpec('mnist-mlp', {
  model: {
    inputShape: [28, 28, 1],
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: 16 },
      { type: 'relu' },
      { type: 'dense', units: 10 },
      { type: 'softmax' },
    ],
  },
  steps: STEPS,
  checkpointInterval: INTERVAL,
});

function changeOne(output: tf.Tensor, index: number, change: (v: number) => number): tf.Tensor {
  const values = Float32Array.from(output.dataSync() as Float32Array);
  values[index] = change(values[index] as number);
  return tf.tensor(values, output.shape, 'float32');
}

/**
 * One hidden pre-activation made positive (so it passes the relu and changes the step): the dispute bisects it down
 * to the last accumulation step of its dot product.
 */
const forwardAltered: Fault = {
  step: TAMPERED_STEP,
  override: (node, output) => (node.index === 1 ? changeOne(output, 3, (v) => f32(Math.abs(v) + 0.5)) : undefined),
};

/** The learning rate of the update nodes changed for one step. */
const otherLearningRate: Fault = {
  step: TAMPERED_STEP,
  rewrite: (nodes) =>
    nodes.map((n) =>
      n.call.op === 'SgdUpdate'
        ? { ...n, call: { op: 'SgdUpdate', attrs: { ...n.call.attrs, learningRate: f32(0.2) } } }
        : n,
    ),
};

/** A task as both parties prepare it: its spec, an engine session, and the graph commitment the task carries. */
interface Setup {
  spec: TaskSpec;
  session: TaskSession;
  task: GraphCommitment;
}

interface Run {
  setup: Setup;
  manifest: ProofManifest;
  store: FsArtifactStore;
  hashes: Uint8Array[];
}

describe('an MNIST dispute through a real node', function () {
  this.timeout(120_000);
  const tmp = tempDir('engine-chain');
  let chain: ProtocolSession;
  let driver: ProtocolDriver;
  let mlp: Setup;
  let honest: Run;

  async function prepare(taskSpec: TaskSpec): Promise<Setup> {
    const session = await openSession(taskSpec, new FsArtifactStore(`${tmp.dir}/data`));
    return { spec: taskSpec, session, task: graphCommitment(taskSpec) };
  }

  async function run(name: string, faults: Fault[] = [], setup = mlp): Promise<Run> {
    const store = new FsArtifactStore(`${tmp.dir}/${name}`);
    const manifest = (await train(setup.spec, store, { faults, evaluate: false })).manifest as ProofManifest;
    return { setup, manifest, store, hashes: await loadStepHashes(store, manifest) };
  }

  /** The task on chain with the solver's real commitments, up to `Challengeable`; verifiers accept (lazily). */
  function challengeable(solver: Run): Promise<ChallengeableTask> {
    const { spec, task } = solver.setup;
    return driveToChallengeable(driver, {
      spec: {
        spec_hash: solver.manifest.taskHash as `0x${string}`,
        dataset_hash: spec.data.train as `0x${string}`,
        test_set_hash: spec.data.test as `0x${string}`,
        steps: STEPS,
        checkpoint_interval: INTERVAL,
        graph_root: u8aToHex(task.root),
        graph_nodes: task.count,
      },
      proof: {
        checkpoint_root: solver.manifest.checkpointRoot as `0x${string}`,
        step_root: solver.manifest.stepRoot as `0x${string}`,
        final_model_hash: solver.manifest.finalModelHash as `0x${string}`,
      },
    });
  }

  /** Sends one dispute move and returns its `disputes.*` events. */
  async function move(who: KeyringPair, call: string, dispute: bigint, args: object): Promise<EventRecord[]> {
    const tx = (chain.api.tx.disputes as unknown as Record<string, (...a: unknown[]) => never>)[call];
    assert.ok(tx, `the node has no disputes.${call}`);
    const outcome = await chain.ok(who, tx(dispute, ...Object.values(args)));
    return outcome.events.filter(({ event }) => event.section === 'disputes');
  }

  /** Who plays which trace: the solver's run and fault (the claimant), the whistleblower's (the challenger). */
  interface Sides {
    solver: Run;
    solverFault?: Fault;
    whistleblower: Run;
    whistleblowerFault?: Fault;
  }

  /**
   * Opens the dispute and plays the step phase and commit_graph: returns the dispute id, both parties, and the
   * events so far. The claimant's trace reaches the challenger as bytes (what it would publish on NATS).
   */
  async function openAndCommit(t: ChallengeableTask, sides: Sides) {
    const { solver, whistleblower } = sides;
    const events: EventRecord[] = [];
    const wb = t.whistleblower.pair;
    const opened = await move(wb, 'openDispute', t.task, { segment: SEGMENT });
    events.push(...opened);
    const dispute = bigField(theEvent(opened, 'disputes.DisputeOpened'), 'dispute');

    const segment = [SEGMENT * INTERVAL, (SEGMENT + 1) * INTERVAL] as const;
    const step = firstDisputedStep(whistleblower.hashes, solver.hashes, ...segment);
    assert.equal(step, TAMPERED_STEP + 1);
    events.push(...(await move(wb, 'pointStep', dispute, pointStepArgs(stepMove(solver.hashes, step as number)))));

    // Both parties start from the solver's published checkpoint of the segment (the agreed state).
    const { session, task } = solver.setup;
    const start = await loadCheckpoint(solver.store, solver.manifest, SEGMENT, session);
    const claimant = new Claimant(traceStep(session, start.tensors, TAMPERED_STEP, sides.solverFault));
    events.push(...(await move(t.solver.pair, 'commitGraph', dispute, commitGraphArgs(claimant.commitGraph()))));
    const published = decodeTrace(encodeTrace(claimant.trace));
    const challenger = new Challenger(traceStep(session, start.tensors, TAMPERED_STEP, sides.whistleblowerFault), task);
    return { dispute, claimant, view: new Claimant(published).view(), challenger, events };
  }

  /** Plays a whole dispute the engine's way, every phase down to the chain's recomputation; returns its events. */
  async function playToRecomputation(t: ChallengeableTask, sides: Sides): Promise<EventRecord[]> {
    const wb = t.whistleblower.pair;
    const { dispute, claimant, view, challenger, events } = await openAndCommit(t, sides);
    const node = challenger.pointNode(view);
    if (node.kind !== 'node') assert.fail(`expected a node to point, got ${node.kind}`);
    events.push(...(await move(wb, 'pointNode', dispute, pointNodeArgs(node))));
    const element = challenger.pointElement(view, node.node.index);
    events.push(...(await move(wb, 'pointElement', dispute, pointElementArgs(element))));
    const partials = claimant.commitPartials(node.node.index, element.element);
    events.push(...(await move(t.solver.pair, 'commitPartials', dispute, commitPartialsArgs(partials))));
    const partial = challenger.pointPartial(view, node.node.index, element.element, partials.root);
    events.push(...(await move(wb, 'pointPartial', dispute, pointPartialArgs(partial))));
    const operands = claimant.supplyOperands(node.node.index, element.element, partial.partial);
    events.push(...(await move(t.solver.pair, 'supplyOperands', dispute, supplyOperandsArgs(operands))));
    return events;
  }

  before(async () => {
    chain = await ProtocolSession.open();
    driver = new ProtocolDriver(chain);
    mlp = await prepare(spec);
    honest = await run('honest');
  });
  after(async () => {
    await chain?.close();
    tmp.cleanup();
  });

  it('a tampered dot product: every phase on chain, the chain recomputes one step and the challenger wins', async () => {
    const solver = await run('forward', [forwardAltered]);
    const t = await challengeable(solver);
    const events = await playToRecomputation(t, { solver, solverFault: forwardAltered, whistleblower: honest });

    assert.deepEqual(
      events.map(({ event }) => event.method).filter((m) => m !== 'VerifierSlashed'),
      [
        'DisputeOpened',
        'StepPointed',
        'GraphCommitted',
        'NodePointed',
        'ElementPointed',
        'PartialsCommitted',
        'PartialPointed',
        'StepRecomputed',
        'DisputeResolved',
      ],
    );
    assert.equal(Number(field(theEvent(events, 'disputes.StepPointed'), 'step').toString()), TAMPERED_STEP + 1);
    assert.equal(Number(field(theEvent(events, 'disputes.NodePointed'), 'node').toString()), 1);
    assert.equal(Number(field(theEvent(events, 'disputes.ElementPointed'), 'element').toString()), 3);
    assert.equal(Number(field(theEvent(events, 'disputes.PartialPointed'), 'index').toString()), 783);
    assert.equal(boolField(theEvent(events, 'disputes.StepRecomputed'), 'claimant_honest'), false);
    const resolved = theEvent(events, 'disputes.DisputeResolved');
    assert.equal(field(resolved, 'winner').toString(), 'Challenger');
    assert.ok(bigField(resolved, 'loser_slashed') > 0n && bigField(resolved, 'winner_paid') > 0n);
    const slashed = eventsNamed(events, 'disputes.VerifierSlashed').map((e) => field(e, 'verifier').toHex());
    const accepting = t.verifiers.filter((v) => v.segments.includes(SEGMENT)).map((v) => v.actor.id);
    assert.deepEqual(slashed.sort(), accepting.sort(), 'every verifier that accepted the segment is slashed');
  });

  it('a learning rate changed for one step: an inconsistency proof against the task graph ends it at once', async () => {
    const solver = await run('lr', [otherLearningRate]);
    const t = await challengeable(solver);
    const { dispute, view, challenger, events } = await openAndCommit(t, {
      solver,
      solverFault: otherLearningRate,
      whistleblower: honest,
    });
    const inconsistency = challenger.pointNode(view);
    if (inconsistency.kind !== 'template') assert.fail(`expected a template inconsistency, got ${inconsistency.kind}`);
    events.push(
      ...(await move(t.whistleblower.pair, 'proveInconsistency', dispute, proveInconsistencyArgs(inconsistency))),
    );
    assert.deepEqual(
      events.map(({ event }) => event.method).filter((m) => m !== 'VerifierSlashed'),
      ['DisputeOpened', 'StepPointed', 'GraphCommitted', 'InconsistencyProven', 'DisputeResolved'],
    );
    const proven = theEvent(events, 'disputes.InconsistencyProven');
    assert.equal(field(proven, 'link').toString(), 'Template');
    assert.equal(field(theEvent(events, 'disputes.DisputeResolved'), 'winner').toString(), 'Challenger');
  });

  it('a whistleblower whose own run is wrong: the engine finds no partial to dispute, and pointing one loses', async () => {
    const wrong = await run('wrong-whistleblower', [forwardAltered]);
    const t = await challengeable(honest);
    const { dispute, claimant, view, challenger, events } = await openAndCommit(t, {
      solver: honest,
      whistleblower: wrong,
      whistleblowerFault: forwardAltered,
    });
    const wb = t.whistleblower.pair;
    const node = challenger.pointNode(view);
    if (node.kind !== 'node') assert.fail(`expected a node to point, got ${node.kind}`);
    events.push(...(await move(wb, 'pointNode', dispute, pointNodeArgs(node))));
    const element = challenger.pointElement(view, node.node.index);
    events.push(...(await move(wb, 'pointElement', dispute, pointElementArgs(element))));
    const partials = claimant.commitPartials(node.node.index, element.element);
    events.push(...(await move(t.solver.pair, 'commitPartials', dispute, commitPartialsArgs(partials))));
    assert.throws(() => challenger.pointPartial(view, node.node.index, element.element), /agree/);
    // A reckless challenger points the first partial anyway; the honest claimant's operands win it.
    const reckless = { partial: 0, disputed: claimant.provePartial(node.node.index, element.element, 0) };
    events.push(...(await move(wb, 'pointPartial', dispute, pointPartialArgs(reckless))));
    const operands = claimant.supplyOperands(node.node.index, element.element, 0);
    events.push(...(await move(t.solver.pair, 'supplyOperands', dispute, supplyOperandsArgs(operands))));
    assert.equal(boolField(theEvent(events, 'disputes.StepRecomputed'), 'claimant_honest'), true);
    const resolved = theEvent(events, 'disputes.DisputeResolved');
    assert.equal(field(resolved, 'winner').toString(), 'Claimant');
    const bond = (chain.api.consts.disputes.challengeBond as unknown as { toBigInt(): bigint }).toBigInt();
    assert.equal(bigField(resolved, 'loser_slashed'), bond, "the challenger's bond is what it loses");
    assert.deepEqual(eventsNamed(events, 'disputes.VerifierSlashed'), [], 'the accepting verifiers were right');
  });

  it("Adam: the pointed update carries its own step's size, accepted against the task's step-1 template", async () => {
    const adam = await prepare({ ...spec, optimizer: { type: 'adam', learningRate: 0.001 } });
    const nudged: Fault = {
      step: TAMPERED_STEP,
      override: (node, output) =>
        node.call.op === 'AdamParam' && node.inputs[0] === 'layers[1].kernel'
          ? changeOne(output, 5, (v) => f32(v + 1e-6))
          : undefined,
    };
    const solver = await run('adam-solver', [nudged], adam);
    const whistleblower = await run('adam-honest', [], adam);
    const t = await challengeable(solver);
    const events = await playToRecomputation(t, { solver, solverFault: nudged, whistleblower });
    const pointed = theEvent(events, 'disputes.NodePointed');
    const template = decodeTemplate(hexToU8a(field(pointed, 'template').toHex()));
    assert.equal(template.call.op, 'AdamParam');
    const taskTemplate = adam.task.templates[Number(field(pointed, 'node').toString())];
    assert.ok(template.call.op === 'AdamParam' && taskTemplate?.call.op === 'AdamParam');
    assert.notEqual(template.call.attrs.stepSize, taskTemplate.call.attrs.stepSize, "the record has step 3's size");
    assert.equal(boolField(theEvent(events, 'disputes.StepRecomputed'), 'claimant_honest'), false);
    assert.equal(field(theEvent(events, 'disputes.DisputeResolved'), 'winner').toString(), 'Challenger');
  });
});
