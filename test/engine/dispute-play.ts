/**
 * Plays the graph-node, element and accumulation phases of a dispute off chain between a challenger's and a
 * claimant's traces, checking every move the engine produces with the referee's own functions (as the chain does).
 */
import { strict as assert } from 'node:assert';
import {
  equalBytes,
  partialLeaf,
  recordLeaf,
  sameFloat32,
  templateLeaf,
  verifyElementProof,
  verifyMerkleProof,
  type NodeRecord,
} from '../../offchain/referee/index.js';
import {
  Challenger,
  Claimant,
  committedState,
  judgeElement,
  openingBefore,
  templateMatchesTask,
  type CommitGraphMove,
  type ElementVerdict,
  type GraphCommitment,
  type InconsistencyMove,
  type ProvenRecord,
  type StepTrace,
  type SupplyOperandsMove,
} from '../../offchain/engine/dispute/index.js';

export type Outcome =
  | { kind: 'inconsistent'; move: InconsistencyMove }
  /** `partial` is −1 for an empty program (nothing to point). */
  | { kind: 'recomputed'; node: number; element: number; partial: number; verdict: ElementVerdict; record: NodeRecord };

function checkRecord(commit: CommitGraphMove, proven: ProvenRecord): void {
  assert.equal(proven.proof.leafCount, commit.count);
  assert.equal(proven.proof.leafIndex, proven.index);
  assert.ok(verifyMerkleProof(commit.root, recordLeaf(proven.record), proven.proof), 'record proof');
}

/** Asserts that an inconsistency move proves what it claims against the claimant's commitment and the task. */
export function checkInconsistency(move: InconsistencyMove, commit: CommitGraphMove, task: GraphCommitment): void {
  checkRecord(commit, move.node);
  const { template, inputRoots, outputRoot } = move.node.record;
  switch (move.kind) {
    case 'stateInput': {
      const source = template.inputs[move.input];
      assert.equal(source?.kind, 'state');
      assert.ok(!equalBytes(inputRoots[move.input] as Uint8Array, commit.before.roots[source.index] as Uint8Array));
      break;
    }
    case 'nodeInput': {
      const source = template.inputs[move.input];
      assert.equal(source?.kind, 'node');
      assert.equal(move.source.index, source.index);
      checkRecord(commit, move.source);
      assert.ok(!equalBytes(inputRoots[move.input] as Uint8Array, move.source.record.outputRoot));
      break;
    }
    case 'writtenState':
      assert.notEqual(template.writes, undefined);
      assert.ok(!equalBytes(outputRoot, commit.after.roots[template.writes as number] as Uint8Array));
      break;
    case 'template':
      assert.ok(verifyMerkleProof(task.root, templateLeaf(move.template), move.templateProof), 'template proof');
      assert.equal(move.templateProof.leafIndex, move.node.index);
      assert.ok(!templateMatchesTask(template, move.template));
      break;
  }
}

/** Every supplied scalar is proven under the record's input root at its position. */
function checkScalars(record: NodeRecord, supply: SupplyOperandsMove): void {
  for (const scalar of [...supply.operands, ...supply.data]) {
    const root = record.inputRoots[scalar.input] as Uint8Array;
    assert.notEqual(verifyElementProof(root, scalar.proof), undefined, 'operand proof');
  }
}

/** Plays phases 2–4 and returns how the dispute ends; every proof along the way is verified. */
export function playStep(challengerTrace: StepTrace, claimant: Claimant, task: GraphCommitment): Outcome {
  const challenger = new Challenger(challengerTrace, task);
  const commit = claimant.commitGraph();
  assert.equal(commit.count, task.count, 'the claimant commits one record per graph node');
  assert.ok(
    equalBytes(committedState(commit.before), committedState(openingBefore(challengerTrace))),
    'the state before the step is agreed',
  );
  const view = claimant.view();
  const move = challenger.pointNode(view);
  if (move.kind !== 'node') {
    checkInconsistency(move, commit, task);
    return { kind: 'inconsistent', move };
  }
  const j = move.node.index;
  const record = move.node.record;
  checkRecord(commit, move.node);
  assert.ok(verifyMerkleProof(task.root, templateLeaf(move.template), move.templateProof), 'template proof');
  assert.ok(templateMatchesTask(record.template, move.template));

  const element = challenger.pointElement(view, j);
  const claimedValue = verifyElementProof(record.outputRoot, element.proof);
  assert.notEqual(claimedValue, undefined, 'element proof');
  const mine = challengerTrace.tensors.get(challengerTrace.nodes[j]?.output as string) as Float32Array;
  assert.ok(!sameFloat32(claimedValue as number, mine[element.element] as number), 'the pointed element differs');

  const partials = claimant.commitPartials(j, element.element);
  if (partials.count === 0) {
    // An empty program: no partial to point; the claimant proves the data that makes it empty.
    const supply = claimant.supplyOperands(j, element.element, 0);
    checkScalars(record, supply);
    const verdict = judgeElement(record, element.element, claimedValue as number, partials, undefined, supply);
    return { kind: 'recomputed', node: j, element: element.element, partial: -1, verdict, record };
  }
  const last = partials.last;
  assert.ok(last !== undefined && last.proof.leafIndex === partials.count - 1);
  assert.ok(verifyMerkleProof(partials.root, partialLeaf(last.value), last.proof), 'last partial proof');
  assert.ok(sameFloat32(last.value, claimedValue as number), 'the last partial is the element');

  const point = challenger.pointPartial(view, j, element.element, partials.root);
  assert.ok(verifyMerkleProof(partials.root, partialLeaf(point.disputed.value), point.disputed.proof));
  assert.equal(point.disputed.proof.leafIndex, point.partial);
  if (point.partial > 0) {
    const agreed = point.agreed;
    assert.ok(agreed !== undefined && agreed.proof.leafIndex === point.partial - 1);
    assert.ok(verifyMerkleProof(partials.root, partialLeaf(agreed.value), agreed.proof));
  }

  const supply = claimant.supplyOperands(j, element.element, point.partial);
  checkScalars(record, supply);
  const verdict = judgeElement(record, element.element, claimedValue as number, partials, point, supply);
  return { kind: 'recomputed', node: j, element: element.element, partial: point.partial, verdict, record };
}
