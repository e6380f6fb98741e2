/**
 * The moves of the step, graph-node and element phases (docs/dispute-protocol.md, phases 1–3). Each move checks
 * everything first (turn and deadline in phase-machine.ts, proofs in proofs.ts), then writes the dispute and emits
 * one event: a refused move changes nothing.
 */
import { type DispatchContext, ensure, fail } from '../framework/dispatch.js';
import { reserve } from '../balances/currency.js';
import { decided } from '../tasks/decision.js';
import { advanceTask, getTask } from '../tasks/lifecycle.js';
import type { AccountId, H256 } from '../types/primitives.js';
import { storage as proofStorage } from '../proofs/declaration.js';
import { segmentCountOf } from '../verification/selection.js';
import { equalBytes, leafHash, outputLength, stateCommitment } from '../../offchain/referee/index.js';
import { MAX_STATE_TENSORS, constants, errors, events, storage } from './declaration.js';
import { resolve } from './outcome.js';
import { commitList, convict, openDispute, pointIndex } from './phase-machine.js';
import {
  bitsOf,
  bytesOf,
  ensureLeaf,
  provenElement,
  recordLeafOf,
  templateOf,
  templatesAgree,
  tryTemplate,
} from './proofs.js';
import type { Dispute, DisputeGame, GraphCommitment, Inconsistency, NodeRecordProof, RecordLinkName } from './types.js';

const window = () => constants.ResponseBlocks.value;

export function getDispute(ctx: DispatchContext, id: bigint): Dispute {
  return storage.Disputes.get(ctx.state, id) ?? fail(errors.UnknownDispute);
}

function ensureParty(dispute: Dispute, who: AccountId, party: 'Claimant' | 'Challenger'): void {
  ensure(who === (party === 'Claimant' ? dispute.claimant : dispute.challenger), errors.NotAParty);
}

/** Stores a resolved dispute and settles it (outcome.ts). */
export function finish(ctx: DispatchContext, id: bigint, dispute: Dispute, game: DisputeGame): void {
  if (game.type !== 'Resolved') fail({ type: 'Corruption', value: undefined });
  const resolved = { ...dispute, game };
  storage.Disputes.set(ctx.state, id, resolved);
  resolve(ctx, id, resolved, game.value.winner.type);
}

/** Opens the game over `segment` (steps `segment·k + 1 ..= min((segment+1)·k, steps)`). */
export function openGame(ctx: DispatchContext, task: bigint, segment: number, challenger: AccountId, bond: bigint) {
  const info = getTask(ctx, task);
  const { steps, checkpoint_interval: k } = info.spec;
  ensure(segment < segmentCountOf(steps, k), errors.SegmentOutOfRange);
  const next = advanceTask(ctx, task, { kind: 'Challenged' });
  if (next.status.type !== 'Disputed') fail({ type: 'Corruption', value: undefined });
  const claimant = next.status.value.solver;
  if (bond > 0n) reserve(ctx, challenger, bond);
  const lastStep = Math.min((segment + 1) * k, steps);
  const game = openDispute({ firstStep: segment * k + 1, lastStep }, ctx.blockNumber, window());
  const id = storage.NextDisputeId.get(ctx.state);
  storage.NextDisputeId.set(ctx.state, id + 1n);
  const none = { states: undefined, graph: undefined, node: undefined, element_value: undefined };
  const dispute = { task, segment, claimant, challenger, bond, ...none, partials: undefined, partial: undefined, game };
  storage.Disputes.set(ctx.state, id, dispute);
  storage.OpenDisputes.set(ctx.state, task, id);
  ctx.emit(events.DisputeOpened({ dispute: id, task, segment, claimant, challenger, bond }));
}

export interface StepPointer {
  step: number;
  before: H256;
  before_siblings: H256[];
  after: H256;
  after_siblings: H256[];
}

/** Phase 1: leaves t−1 (agreed) and t (disputed) of the proof's `step_root`, which has a leaf per step 0 ..= T. */
export function pointStep(ctx: DispatchContext, id: bigint, who: AccountId, args: StepPointer): void {
  const dispute = getDispute(ctx, id);
  ensureParty(dispute, who, 'Challenger');
  const { step } = args;
  const game = decided(pointIndex(dispute.game, 'Challenger', step, ctx.blockNumber, window()), errors);
  const proof = proofStorage.Proofs.get(ctx.state, dispute.task) ?? fail({ type: 'Corruption', value: undefined });
  const leafCount = getTask(ctx, dispute.task).spec.steps + 1;
  ensureLeaf(proof.step_root, leafHash(bytesOf(args.before)), { leafIndex: step - 1, leafCount }, args.before_siblings);
  ensureLeaf(proof.step_root, leafHash(bytesOf(args.after)), { leafIndex: step, leafCount }, args.after_siblings);
  const states = { before: args.before, after: args.after };
  storage.Disputes.set(ctx.state, id, { ...dispute, states, game });
  ctx.emit(events.StepPointed({ dispute: id, step, ...states, game }));
}

export interface GraphOpening {
  node_root: H256;
  node_count: number;
  layout_before: H256;
  roots_before: H256[];
  layout_after: H256;
  roots_after: H256[];
}

/** Phase 2, claimant: the step's node records by root, and both state commitments opened (linked to H_{t−1}, H_t). */
export function commitGraph(ctx: DispatchContext, id: bigint, who: AccountId, args: GraphOpening): void {
  const dispute = getDispute(ctx, id);
  ensureParty(dispute, who, 'Claimant');
  const { node_root, node_count, roots_before, roots_after } = args;
  const game = decided(commitList(dispute.game, 'Claimant', node_count, ctx.blockNumber, window()), errors);
  const states = dispute.states ?? fail(errors.WrongDisputeMove);
  ensure(node_count === getTask(ctx, dispute.task).spec.graph_nodes, errors.WrongNodeCount);
  ensure(Math.max(roots_before.length, roots_after.length) <= MAX_STATE_TENSORS, errors.TooManyStateTensors);
  const opens = (layout: H256, roots: H256[], commitment: H256) =>
    equalBytes(stateCommitment(bytesOf(layout), roots.map(bytesOf)), bytesOf(commitment));
  ensure(opens(args.layout_before, roots_before, states.before), errors.StateOpeningMismatch);
  ensure(opens(args.layout_after, roots_after, states.after), errors.StateOpeningMismatch);
  const graph: GraphCommitment = { node_root, node_count, roots_before, roots_after };
  storage.Disputes.set(ctx.state, id, { ...dispute, graph, game });
  ctx.emit(events.GraphCommitted({ dispute: id, ...graph, game }));
}

export interface NodePointer {
  node: number;
  record: NodeRecordProof;
  template_siblings: H256[];
  graph_template: Uint8Array | undefined;
}

/** The record at `node`, proven under the claimant's node root, and the task's template there, under `graph_root`. */
function provenRecord(ctx: DispatchContext, dispute: Dispute, pointer: NodePointer): GraphCommitment {
  const graph = dispute.graph ?? fail(errors.WrongDisputeMove);
  const { node, record } = pointer;
  ensure(node < graph.node_count, errors.IndexOutOfRange);
  const position = { leafIndex: node, leafCount: graph.node_count };
  ensureLeaf(graph.node_root, recordLeafOf(record), position, record.siblings);
  const { graph_root } = getTask(ctx, dispute.task).spec;
  const graphTemplate = pointer.graph_template ?? record.template;
  ensureLeaf(graph_root, leafHash(graphTemplate), position, pointer.template_siblings);
  return graph;
}

/** Phase 2, challenger: the first node whose output it disputes. The element phase's list is that output. */
export function pointNode(ctx: DispatchContext, id: bigint, who: AccountId, pointer: NodePointer): void {
  const dispute = getDispute(ctx, id);
  ensureParty(dispute, who, 'Challenger');
  provenRecord(ctx, dispute, pointer);
  const { node, record } = pointer;
  const template = templateOf(record.template);
  if (pointer.graph_template !== undefined) {
    ensure(templatesAgree(template, templateOf(pointer.graph_template)), errors.TemplateMismatch);
  }
  ensure(record.input_roots.length === template.inputs.length, errors.InputCountMismatch);
  const elements = outputLength(template.call);
  ensure(elements <= 0xffffffff, errors.MalformedTemplate);
  const game = decided(pointIndex(dispute.game, 'Challenger', node, ctx.blockNumber, window(), elements), errors);
  const pointed = { template: record.template, input_roots: record.input_roots, output_root: record.output_root };
  storage.Disputes.set(ctx.state, id, { ...dispute, node: pointed, game });
  ctx.emit(events.NodePointed({ dispute: id, node, ...pointed, game }));
}

/** Which link the records break, or `undefined` when they keep it; refuses links that do not apply. */
function brokenLink(graph: GraphCommitment, pointer: NodePointer, link: Inconsistency): RecordLinkName | undefined {
  const { record } = pointer;
  if (link.type === 'Template') {
    if (pointer.graph_template === undefined) return undefined; // same bytes under both roots
    const task = templateOf(pointer.graph_template);
    const claimed = tryTemplate(record.template);
    const agrees =
      claimed !== undefined && templatesAgree(claimed, task) && claimed.inputs.length === record.input_roots.length;
    return agrees ? undefined : 'Template';
  }
  const template = templateOf(record.template);
  if (pointer.graph_template !== undefined) {
    ensure(templatesAgree(template, templateOf(pointer.graph_template)), errors.TemplateMismatch);
  }
  ensure(record.input_roots.length === template.inputs.length, errors.InputCountMismatch);
  if (link.type === 'WrittenSlot') {
    const slot = template.writes;
    const opened = slot === undefined ? undefined : graph.roots_after[slot];
    if (opened === undefined) fail(errors.LinkDoesNotApply);
    return opened === record.output_root ? undefined : 'WrittenSlot';
  }
  const source = template.inputs[link.value.input];
  const root = record.input_roots[link.value.input];
  if (link.type === 'StateInput') {
    const opened = source?.kind === 'state' ? graph.roots_before[source.index] : undefined;
    if (opened === undefined) fail(errors.LinkDoesNotApply);
    return opened === root ? undefined : 'StateInput';
  }
  const { producer } = link.value;
  if (source?.kind !== 'node' || source.index >= pointer.node) fail(errors.LinkDoesNotApply);
  const position = { leafIndex: source.index, leafCount: graph.node_count };
  ensureLeaf(graph.node_root, recordLeafOf(producer), position, producer.siblings);
  return producer.output_root === root ? undefined : 'NodeInput';
}

/** Phase 2, challenger: instead of pointing a node, proves the claimant's records inconsistent; the claimant loses. */
export function proveInconsistency(
  ctx: DispatchContext,
  id: bigint,
  who: AccountId,
  pointer: NodePointer & { link: Inconsistency },
): void {
  const dispute = getDispute(ctx, id);
  ensureParty(dispute, who, 'Challenger');
  const graph = provenRecord(ctx, dispute, pointer);
  const link = brokenLink(graph, pointer, pointer.link) ?? fail(errors.NoInconsistency);
  const reason = {
    type: 'Inconsistent' as const,
    value: { node: pointer.node, link: { type: link, value: undefined } },
  };
  const game = decided(convict(dispute.game, 'Challenger', reason, ctx.blockNumber), errors);
  ctx.emit(events.InconsistencyProven({ dispute: id, node: pointer.node, link: reason.value.link }));
  finish(ctx, id, dispute, game);
}

export interface ElementPointer {
  element: number;
  chunk: Uint8Array;
  siblings: H256[];
}

/** Phase 3, challenger: one disputed element of the pointed node's output, proven under its output root. */
export function pointElement(ctx: DispatchContext, id: bigint, who: AccountId, args: ElementPointer): void {
  const dispute = getDispute(ctx, id);
  ensureParty(dispute, who, 'Challenger');
  const node = dispute.node ?? fail(errors.WrongDisputeMove);
  const game = decided(pointIndex(dispute.game, 'Challenger', args.element, ctx.blockNumber, window()), errors);
  const length = outputLength(templateOf(node.template).call);
  const value = provenElement(node.output_root, length, args.element, args.chunk, args.siblings);
  const element_value = bitsOf(value);
  storage.Disputes.set(ctx.state, id, { ...dispute, element_value, game });
  ctx.emit(events.ElementPointed({ dispute: id, element: args.element, value: element_value, game }));
}
