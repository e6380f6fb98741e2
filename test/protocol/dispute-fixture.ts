/**
 * A tiny training run built with the referee alone (no tfjs), for dispute tests in memory and through a real node:
 * each step computes g = xᵀ·y (MatMul, reduced over the batch) and w ← w − lr·g (SgdUpdate writing state slot 0).
 * A claimant's run may cheat (one partial result of one element, or its node records); the honest challenger finds
 * every first disagreement by comparing with the honest run. Each `*Args` method gives a call's arguments exactly
 * as `Disputes.<call>` takes them (hex for H256, bytes for Vec<u8>), for the in-memory harness and @polkadot/api.
 */
import { u8aToHex } from '@polkadot/util';
import {
  applyRule,
  elementProgram,
  elementProof,
  encodeTemplate,
  layoutHash,
  leafHash,
  merkleProof,
  merkleRoot,
  partialLeaf,
  partialResults,
  recomputeElement,
  recordLeaf,
  stateCommitment,
  templateLeaf,
  tensorRoot,
  type NodeRecord,
  type NodeTemplate,
  type OpCall,
} from '../../offchain/referee/index.js';
import { xorshift } from './helpers.js';

type Hex = `0x${string}`;
const hex = (b: Uint8Array) => u8aToHex(b) as Hex;
const bytesOf = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();

export const FEATURES = 20;
export const OUTPUTS = 16;
export const BATCH = 8;
const LR = 0.125;
const GRAD: OpCall = {
  op: 'MatMul',
  attrs: { m: FEATURES, k: BATCH, n: OUTPUTS, transposeA: true, transposeB: false },
};
const SGD: OpCall = { op: 'SgdUpdate', attrs: { size: FEATURES * OUTPUTS, learningRate: LR } };
export const TEMPLATES: NodeTemplate[] = [
  {
    call: GRAD,
    inputs: [
      { kind: 'batch', index: 0 },
      { kind: 'batch', index: 1 },
    ],
  },
  {
    call: SGD,
    inputs: [
      { kind: 'state', index: 0 },
      { kind: 'node', index: 0 },
    ],
    writes: 0,
  },
];
const SGD_TEMPLATE = TEMPLATES[1] as NodeTemplate;
const TEMPLATE_LEAVES = TEMPLATES.map(templateLeaf);
export const GRAPH_ROOT = hex(merkleRoot(TEMPLATE_LEAVES));
export const GRAPH_NODES = TEMPLATES.length;
const LAYOUT = [{ name: 'w', shape: [FEATURES, OUTPUTS] }];

export type Cheat =
  | { kind: 'partial'; step: number; element: number; partial: number }
  | { kind: 'record'; step: number; link: 'StateInput' | 'NodeInput' | 'WrittenSlot' | 'Template' };

/** One executed step: each node's input and output tensors, the records the claimant publishes, its partials. */
interface StepTrace {
  inputs: Float32Array[][];
  outputs: Float32Array[];
  records: NodeRecord[];
  partials: Map<string, number[]>;
}

function batch(step: number): [Float32Array, Float32Array] {
  const next = xorshift(0xb00 + step);
  const draw = (n: number) => Float32Array.from({ length: n }, () => ((next() % 2001) - 1000) / 1024);
  return [draw(BATCH * FEATURES), draw(BATCH * OUTPUTS)];
}

/** A training run of `steps` steps: the honest one, or a claimant's that cheats once. */
export class Run {
  readonly states: Float32Array[] = [];
  readonly hashes: Uint8Array[] = [];
  readonly traces: StepTrace[] = [];

  constructor(
    readonly steps: number,
    readonly cheat?: Cheat,
  ) {
    const init = xorshift(0x1217);
    let w = Float32Array.from({ length: FEATURES * OUTPUTS }, () => ((init() % 201) - 100) / 256);
    this.record(w, 0);
    for (let t = 1; t <= steps; t++) {
      const [x, y] = batch(t);
      const partials = new Map<string, number[]>();
      const g = new Float32Array(FEATURES * OUTPUTS);
      for (let e = 0; e < g.length; e++) {
        const list = partialResults(GRAD, [x, y], e);
        if (cheat?.kind === 'partial' && cheat.step === t && cheat.element === e) this.corrupt(list, [x, y], e);
        partials.set(`0:${e}`, list);
        g[e] = list[list.length - 1] as number;
      }
      const next = Float32Array.from(w, (_, e) => recomputeElement(SGD, [w, g], e));
      const honestNext = next.slice();
      if (cheat?.kind === 'record' && cheat.step === t) next[0] = (next[0] as number) + 1;
      const inputs = [
        [x, y],
        [w, g],
      ];
      const records: NodeRecord[] = [
        {
          template: TEMPLATES[0] as NodeTemplate,
          inputRoots: [tensorRoot(x), tensorRoot(y)],
          outputRoot: tensorRoot(g),
        },
        {
          template: TEMPLATES[1] as NodeTemplate,
          inputRoots: [tensorRoot(w), tensorRoot(g)],
          outputRoot: tensorRoot(next),
        },
      ];
      if (cheat?.kind === 'record' && cheat.step === t) {
        const garbage = tensorRoot(new Float32Array([cheat.step]));
        const r1 = records[1] as NodeRecord;
        if (cheat.link === 'WrittenSlot') r1.outputRoot = tensorRoot(honestNext);
        if (cheat.link === 'StateInput') r1.inputRoots[0] = garbage;
        if (cheat.link === 'NodeInput') r1.inputRoots[1] = garbage;
        const misread: OpCall = { op: 'SgdUpdate', attrs: { size: FEATURES * OUTPUTS, learningRate: 1 } };
        if (cheat.link === 'Template') r1.template = { ...SGD_TEMPLATE, call: misread };
      }
      this.traces[t] = { inputs, outputs: [g, next], records, partials };
      w = next;
      this.record(w, t);
    }
  }

  private record(w: Float32Array, t: number): void {
    this.states[t] = w;
    this.hashes[t] = stateCommitment(layoutHash(t, LAYOUT), [tensorRoot(w)]);
  }

  /** The cheat: one partial result off by one, every later partial recomputed from it (a consistent lie). */
  private corrupt(list: number[], inputs: Float32Array[], e: number): void {
    const at = (this.cheat as { partial: number }).partial;
    const steps = elementProgram(GRAD, inputs, e).steps;
    list[at] = Math.fround((list[at] as number) + 1);
    for (let a = at + 1; a < list.length; a++) {
      const step = steps[a] as (typeof steps)[number];
      const values = step.refs.map((r) => inputs[r.input]?.[r.index] as number);
      list[a] = applyRule(step.rule, list[a - 1] as number, values, step.consts);
    }
  }

  get stepRoot(): Hex {
    return hex(merkleRoot(this.hashes.map((h) => leafHash(h))));
  }

  trace(t: number): StepTrace {
    const trace = this.traces[t];
    if (trace === undefined) throw new Error(`no step ${t}`);
    return trace;
  }
}

const siblingsOf = (leaves: Uint8Array[], index: number) => merkleProof(leaves, index).siblings.map(hex);

function recordProof(trace: StepTrace, node: number) {
  const record = trace.records[node] as NodeRecord;
  return {
    template: encodeTemplate(record.template),
    input_roots: record.inputRoots.map(hex),
    output_root: hex(record.outputRoot),
    siblings: siblingsOf(trace.records.map(recordLeaf), node),
  };
}

/** The moves of a dispute over `claimant`'s run, as call arguments (without the `dispute` id). */
export class DisputeMoves {
  constructor(
    readonly claimant: Run,
    readonly honest = new Run(claimant.steps),
  ) {}

  /** The first step whose state hash differs from the honest run (in `first ..= last`). */
  firstBadStep(first = 1, last = this.claimant.steps): number {
    for (let t = first; t <= last; t++) if (hex(this.claimant.hashes[t]!) !== hex(this.honest.hashes[t]!)) return t;
    throw new Error('the claimant did not cheat in that range');
  }

  firstBadNode(t: number): number {
    const [c, h] = [this.claimant.trace(t), this.honest.trace(t)];
    return c.records.findIndex((r, j) => hex(r.outputRoot) !== hex(h.records[j]!.outputRoot));
  }

  firstBadElement(t: number, node: number): number {
    const [c, h] = [this.claimant.trace(t).outputs[node]!, this.honest.trace(t).outputs[node]!];
    return c.findIndex((v, e) => !Object.is(v, h[e]));
  }

  /** The first claimant partial that its own previous partial and the true operands do not give. */
  firstBadPartial(t: number, node: number, element: number): number {
    const list = this.partialsOf(t, node, element);
    const inputs = this.honest.trace(t).inputs[node]!;
    const program = elementProgram(TEMPLATES[node]!.call, inputs, element);
    return list.findIndex((p, a) => {
      const step = program.steps[a]!;
      const values = step.refs.map((r) => inputs[r.input]![r.index]!);
      const expected = applyRule(step.rule, a === 0 ? program.init : list[a - 1]!, values, step.consts);
      return !Object.is(Math.fround(expected), p);
    });
  }

  partialsOf(t: number, node: number, element: number): number[] {
    const trace = this.claimant.trace(t);
    return (
      trace.partials.get(`${node}:${element}`) ?? partialResults(TEMPLATES[node]!.call, trace.inputs[node]!, element)
    );
  }

  pointStepArgs(t: number) {
    const leaves = this.claimant.hashes.map((h) => leafHash(h));
    return {
      step: t,
      before: hex(this.claimant.hashes[t - 1]!),
      before_siblings: siblingsOf(leaves, t - 1),
      after: hex(this.claimant.hashes[t]!),
      after_siblings: siblingsOf(leaves, t),
    };
  }

  commitGraphArgs(t: number) {
    const trace = this.claimant.trace(t);
    return {
      node_root: hex(merkleRoot(trace.records.map(recordLeaf))),
      node_count: trace.records.length,
      layout_before: hex(layoutHash(t - 1, LAYOUT)),
      roots_before: [hex(tensorRoot(this.claimant.states[t - 1]!))],
      layout_after: hex(layoutHash(t, LAYOUT)),
      roots_after: [hex(tensorRoot(this.claimant.states[t]!))],
    };
  }

  /** `graph_template` is given only when the record's template bytes are not the task's. */
  pointNodeArgs(t: number, node: number) {
    const record = recordProof(this.claimant.trace(t), node);
    const graphTemplate = encodeTemplate(TEMPLATES[node] as NodeTemplate);
    const same = hex(graphTemplate) === hex(record.template);
    return {
      node,
      record,
      template_siblings: siblingsOf(TEMPLATE_LEAVES, node),
      graph_template: same ? undefined : graphTemplate,
    };
  }

  /** Proof that record `node` breaks `link`; NodeInput names input 1 of node 1 (produced by node 0). */
  inconsistencyArgs(t: number, link: 'StateInput' | 'NodeInput' | 'WrittenSlot' | 'Template', node = 1) {
    const trace = this.claimant.trace(t);
    const value =
      link === 'StateInput'
        ? { type: link, value: { input: 0 } }
        : link === 'NodeInput'
          ? { type: link, value: { input: 1, producer: recordProof(trace, 0) } }
          : { type: link, value: undefined };
    return { ...this.pointNodeArgs(t, node), link: value };
  }

  pointElementArgs(t: number, node: number, element: number) {
    const proof = elementProof(this.claimant.trace(t).outputs[node]!, element);
    return { element, chunk: bytesOf(proof.chunk), siblings: proof.proof.siblings.map(hex) };
  }

  commitPartialsArgs(t: number, node: number, element: number, list = this.partialsOf(t, node, element)) {
    const leaves = list.map(partialLeaf);
    return { root: hex(merkleRoot(leaves)), count: list.length, last_siblings: siblingsOf(leaves, list.length - 1) };
  }

  pointPartialArgs(t: number, node: number, element: number, a: number) {
    const list = this.partialsOf(t, node, element);
    const leaves = list.map(partialLeaf);
    const proofOf = (i: number) => ({ value: f32bits(list[i]!), siblings: siblingsOf(leaves, i) });
    return { index: a, partial: proofOf(a), previous: a === 0 ? undefined : proofOf(a - 1) };
  }

  /** The claimant's operands of step `a` (from its own input tensors, proven under its record's input roots). */
  supplyOperandsArgs(t: number, node: number, element: number, a: number) {
    const inputs = this.claimant.trace(t).inputs[node]!;
    const step = elementProgram(TEMPLATES[node]!.call, inputs, element).steps[a]!;
    const operands = step.refs.map((r) => {
      const proof = elementProof(inputs[r.input]!, r.index);
      return { input: r.input, index: r.index, chunk: bytesOf(proof.chunk), siblings: proof.proof.siblings.map(hex) };
    });
    return { operands, data: [] as typeof operands };
  }
}

export function f32bits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return view.getUint32(0, true);
}
