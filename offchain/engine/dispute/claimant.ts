/**
 * The claimant's (solver's) side of a dispute: from its own trace of the disputed step, the arguments of
 * `commit_graph`, `commit_partials` and `supply_operands`, and the view of its published data a challenger reads.
 */
import {
  denseScalars,
  elementProof,
  merkleProof,
  merkleRoot,
  partialLeaf,
  programLength,
  programStep,
  type ElementRef,
  type NodeTemplate,
  type OpCall,
  type ScalarSource,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import { publishedPartials } from './bisect.js';
import type {
  ClaimantView,
  CommitGraphMove,
  CommitPartialsMove,
  InputScalar,
  ProvenPartial,
  SupplyOperandsMove,
} from './moves.js';
import { nodeRecords, openingAfter, openingBefore, recordTree, type RecordTree } from './records.js';
import type { StepTrace, TraceNode } from './trace.js';

export interface ClaimantOptions {
  /**
   * Templates to publish in the records instead of the executed ones: a cheater that ran another learning rate
   * but claims the task's (tests use it; an honest claimant publishes what it executed).
   */
  recordTemplates?: NodeTemplate[];
}

/**
 * The data scalars the chain needs to build step `partial` of an element's program (labels, window maxima): the
 * ones the referee's `programLength` and `programStep` read, recorded from the claimant's own inputs.
 */
export function programDataRefs(
  call: OpCall,
  inputs: readonly Float32Array[],
  element: number,
  partial: number,
): ElementRef[] {
  const dense = denseScalars(inputs);
  const reads = new Map<string, ElementRef>();
  const recording: ScalarSource = {
    get(input, index) {
      reads.set(`${input}:${index}`, { input, index });
      return dense.get(input, index);
    },
  };
  if (programLength(call, element, recording) > 0) programStep(call, element, partial, recording);
  return [...reads.values()];
}

export class Claimant {
  readonly tree: RecordTree;
  private readonly partialCache = new Map<string, number[]>();
  /** Merkle leaves of the published partial results, per element: hashed once for the commitment and every proof. */
  private readonly leafCache = new Map<string, Uint8Array[]>();

  constructor(
    readonly trace: StepTrace,
    options: ClaimantOptions = {},
  ) {
    const executed = nodeRecords(trace);
    const templates = options.recordTemplates;
    if (templates !== undefined && templates.length !== executed.length) {
      throw new EngineError(`${templates.length} templates for ${executed.length} nodes`);
    }
    this.tree = recordTree(
      templates === undefined ? executed : executed.map((r, i) => ({ ...r, template: templates[i] as NodeTemplate })),
    );
  }

  commitGraph(): CommitGraphMove {
    return {
      root: this.tree.root,
      count: this.tree.count,
      before: openingBefore(this.trace),
      after: openingAfter(this.trace),
    };
  }

  private node(index: number): TraceNode {
    const node = this.trace.nodes[index];
    if (node === undefined) throw new EngineError(`node ${index} does not exist in step ${this.trace.step}`);
    return node;
  }

  private inputs(node: number): Float32Array[] {
    return this.node(node).inputs.map((id) => this.trace.tensors.get(id) as Float32Array);
  }

  /** The partial results the claimant publishes for an element (the last is its committed value). */
  partials(node: number, element: number): number[] {
    const key = `${node}:${element}`;
    let partials = this.partialCache.get(key);
    if (partials === undefined) {
      const traced = this.node(node);
      // An empty program (a pooling gradient routed nowhere) has no partial results: the list is empty.
      const empty = programLength(traced.call, element, denseScalars(this.inputs(node))) === 0;
      partials = empty ? [] : publishedPartials(this.trace, traced, element);
      this.partialCache.set(key, partials);
    }
    return partials;
  }

  private partialLeaves(node: number, element: number): Uint8Array[] {
    const key = `${node}:${element}`;
    let leaves = this.leafCache.get(key);
    if (leaves === undefined) {
      leaves = this.partials(node, element).map(partialLeaf);
      this.leafCache.set(key, leaves);
    }
    return leaves;
  }

  provePartial(node: number, element: number, index: number): ProvenPartial {
    const partials = this.partials(node, element);
    const value = partials[index];
    if (value === undefined) throw new EngineError(`element ${element} of node ${node} has no partial ${index}`);
    return { value, proof: merkleProof(this.partialLeaves(node, element), index) };
  }

  commitPartials(node: number, element: number): CommitPartialsMove {
    const partials = this.partials(node, element);
    const root = merkleRoot(this.partialLeaves(node, element));
    if (partials.length === 0) return { root, count: 0 };
    return { root, count: partials.length, last: this.provePartial(node, element, partials.length - 1) };
  }

  /** The operands of scalar step `partial` of the element's program, and the data its program depends on. */
  supplyOperands(node: number, element: number, partial: number): SupplyOperandsMove {
    const call = (this.tree.records[node] as { template: NodeTemplate }).template.call;
    const inputs = this.inputs(node);
    const prove = (ref: ElementRef): InputScalar => ({
      input: ref.input,
      proof: elementProof(inputs[ref.input] as Float32Array, ref.index),
    });
    const data = programDataRefs(call, inputs, element, partial).map(prove);
    if (programLength(call, element, denseScalars(inputs)) === 0) return { operands: [], data };
    const step = programStep(call, element, partial, denseScalars(inputs));
    return { operands: step.refs.map(prove), data };
  }

  /** What the claimant publishes for the step, as the challenger reads it. */
  view(): ClaimantView {
    return {
      records: this.tree.records,
      commit: this.commitGraph(),
      output: (node) => this.trace.tensors.get(this.node(node).output) as Float32Array,
      partials: (node, element) => this.partials(node, element),
    };
  }
}
