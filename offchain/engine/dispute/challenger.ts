/**
 * The challenger's (whistleblower's or verifier's) side of a dispute: from its own honest trace of the disputed
 * step and the claimant's published data, the arguments of the step, `point_node` (or an inconsistency proof),
 * `point_element` and `point_partial` moves.
 */
import {
  elementProof,
  equalBytes,
  float32Bits,
  leafHash,
  merkleProof,
  merkleRoot,
  partialLeaf,
  partialResults,
  tensorRoot,
  type NodeRecord,
  type TensorSource,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import { firstDifferingElement, firstDifferingHash } from './bisect.js';
import type {
  ClaimantView,
  InconsistencyMove,
  NodeMove,
  NodePointer,
  PointElementMove,
  PointPartialMove,
  ProvenHash,
  StepMove,
} from './moves.js';
import { nodeRecords, provenRecord, recordTree, type RecordTree } from './records.js';
import { templateMatchesTask, type GraphCommitment } from './templates.js';
import type { StepTrace } from './trace.js';

/**
 * The first step hash (leaf index t ≥ 1) where the claimant departs from the challenger's own hashes, within
 * leaves `from ..= to` (a segment); undefined when they agree there.
 */
export function firstDisputedStep(
  mine: readonly Uint8Array[],
  claimed: readonly Uint8Array[],
  from = 0,
  to = Math.max(mine.length, claimed.length) - 1,
): number | undefined {
  const t = firstDifferingHash(mine.slice(from, to + 1), claimed.slice(from, to + 1));
  if (t === undefined) return undefined;
  if (t === 0) throw new EngineError(`the parties disagree on the state at leaf ${from}, where the segment starts`);
  return from + t;
}

function provenHash(hashes: readonly Uint8Array[], index: number): ProvenHash {
  const hash = hashes[index];
  if (hash === undefined) throw new EngineError(`the step-hash list has no leaf ${index}`);
  return { hash, proof: merkleProof(hashes.map(leafHash), index) };
}

/** The step move over the claimant's step hashes (leaf t = the state after t steps). */
export function stepMove(claimed: readonly Uint8Array[], step: number): StepMove {
  if (!Number.isInteger(step) || step < 1) throw new EngineError(`step ${step} cannot be disputed (leaf 0 is agreed)`);
  return { step, agreed: provenHash(claimed, step - 1), disputed: provenHash(claimed, step) };
}

export class Challenger {
  private readonly mine: NodeRecord[];

  constructor(
    readonly trace: StepTrace,
    readonly task: GraphCommitment,
  ) {
    this.mine = nodeRecords(trace);
  }

  private claimantTree(claimant: ClaimantView): RecordTree {
    const tree = recordTree(claimant.records);
    if (!equalBytes(tree.root, claimant.commit.root) || tree.count !== claimant.commit.count) {
      throw new EngineError("the claimant's published records do not match the root it committed");
    }
    return tree;
  }

  /** The claimant's record at `j` and the task's template there, both with their proofs. */
  private pointer(tree: RecordTree, j: number): NodePointer {
    const template = this.task.templates[j];
    if (template === undefined) throw new EngineError(`the task's graph has no node ${j}`);
    return { node: provenRecord(tree, j), template, templateProof: merkleProof(this.task.leaves, j) };
  }

  /** The first record that contradicts the claimant's openings, its other records or the task; else undefined. */
  findInconsistency(claimant: ClaimantView): InconsistencyMove | undefined {
    const tree = this.claimantTree(claimant);
    const { before, after } = claimant.commit;
    for (let j = 0; j < tree.count; j++) {
      const record = tree.records[j] as NodeRecord;
      const at = (): NodePointer => this.pointer(tree, j);
      const task = this.task.templates[j];
      if (task !== undefined && !templateMatchesTask(record.template, task)) return { kind: 'template', ...at() };
      for (let input = 0; input < record.template.inputs.length; input++) {
        const source = record.template.inputs[input] as TensorSource;
        const root = record.inputRoots[input] as Uint8Array;
        if (source.kind === 'state' && !sameRoot(root, before.roots[source.index])) {
          return { kind: 'stateInput', input, ...at() };
        }
        if (source.kind === 'node' && !sameRoot(root, tree.records[source.index]?.outputRoot)) {
          return { kind: 'nodeInput', input, source: provenRecord(tree, source.index), ...at() };
        }
      }
      const slot = record.template.writes;
      if (slot !== undefined && !sameRoot(record.outputRoot, after.roots[slot]))
        return { kind: 'writtenState', ...at() };
    }
    return undefined;
  }

  /** An inconsistency proof when there is one (it wins at once), else the first node whose output differs. */
  pointNode(claimant: ClaimantView): NodeMove {
    const inconsistency = this.findInconsistency(claimant);
    if (inconsistency !== undefined) return inconsistency;
    const tree = this.claimantTree(claimant);
    for (let j = 0; j < tree.count; j++) {
      const theirs = tree.records[j] as NodeRecord;
      const mine = this.mine[j];
      if (mine !== undefined && equalBytes(mine.outputRoot, theirs.outputRoot)) continue;
      return { kind: 'node', ...this.pointer(tree, j) };
    }
    throw new EngineError("the claimant's records agree with the challenger's: nothing to dispute in this step");
  }

  /** The first element of node `node`'s output where the claimant departs, proven in the claimant's tensor. */
  pointElement(claimant: ClaimantView, node: number): PointElementMove {
    const theirs = claimant.output(node);
    const record = claimant.records[node];
    if (record === undefined || !equalBytes(tensorRoot(theirs), record.outputRoot)) {
      throw new EngineError(`the claimant's published output of node ${node} does not match its record`);
    }
    const mine = this.trace.tensors.get(this.trace.nodes[node]?.output ?? '') as Float32Array;
    const element = firstDifferingElement(mine, theirs);
    if (element === undefined) throw new EngineError(`node ${node}'s outputs agree`);
    return { element, proof: elementProof(theirs, element) };
  }

  /** The honest partial results of an element, from the challenger's (agreed) inputs. */
  honestPartials(node: number, element: number): number[] {
    const traced = this.trace.nodes[node];
    if (traced === undefined) throw new EngineError(`node ${node} does not exist`);
    const inputs = traced.inputs.map((id) => this.trace.tensors.get(id) as Float32Array);
    return partialResults(traced.call, inputs, element);
  }

  /**
   * The first partial result where the claimant's published list departs from the honest one. `committed` (the
   * root the claimant posted on chain) is checked against the published list when given.
   */
  pointPartial(claimant: ClaimantView, node: number, element: number, committed?: Uint8Array): PointPartialMove {
    const honest = this.honestPartials(node, element);
    const theirs = claimant.partials(node, element);
    const leaves = theirs.map(partialLeaf);
    if (committed !== undefined && !equalBytes(merkleRoot(leaves), committed)) {
      throw new EngineError(`the claimant's published partials of element ${element} do not match its committed root`);
    }
    const n = Math.min(honest.length, theirs.length);
    let partial = 0;
    while (partial < n && float32Bits(honest[partial] as number) === float32Bits(theirs[partial] as number)) partial++;
    if (partial === n) throw new EngineError(`the partial results of element ${element} of node ${node} agree`);
    const proven = (index: number) => ({ value: theirs[index] as number, proof: merkleProof(leaves, index) });
    return partial === 0
      ? { partial, disputed: proven(0) }
      : { partial, disputed: proven(partial), agreed: proven(partial - 1) };
  }
}

function sameRoot(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && equalBytes(a, b);
}
