/**
 * The engine's dispute moves as the arguments of the Disputes pallet's calls, in the shapes `@polkadot/api` takes
 * (hashes and byte strings as hex, float32 values as their bit patterns): `api.tx.disputes.<call>(dispute, …args)`.
 * Pure: no client here, so every worker (whistleblower, verifier, solver) sends the same bytes.
 */
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { encodeTemplate, equalBytes, float32Bits, type ElementProof, type MerkleProof } from '../../referee/index.js';
import type {
  CommitGraphMove,
  CommitPartialsMove,
  InconsistencyMove,
  InputScalar,
  NodePointer,
  PointElementMove,
  PointNodeMove,
  PointPartialMove,
  ProvenPartial,
  StepMove,
  SupplyOperandsMove,
} from './moves.js';
import type { ProvenRecord } from './records.js';

const hex = (bytes: Uint8Array): HexString => u8aToHex(bytes);
const siblings = (proof: MerkleProof): HexString[] => proof.siblings.map(hex);
const chunkBytes = (chunk: Float32Array) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);

export function pointStepArgs(move: StepMove) {
  return {
    step: move.step,
    before: hex(move.agreed.hash),
    before_siblings: siblings(move.agreed.proof),
    after: hex(move.disputed.hash),
    after_siblings: siblings(move.disputed.proof),
  };
}

export function commitGraphArgs(move: CommitGraphMove) {
  return {
    node_root: hex(move.root),
    node_count: move.count,
    layout_before: hex(move.before.layout),
    roots_before: move.before.roots.map(hex),
    layout_after: hex(move.after.layout),
    roots_after: move.after.roots.map(hex),
  };
}

function recordProofArgs(proven: ProvenRecord) {
  const { record, proof } = proven;
  return {
    template: hex(encodeTemplate(record.template)),
    input_roots: record.inputRoots.map(hex),
    output_root: hex(record.outputRoot),
    siblings: siblings(proof),
  };
}

/** `graph_template` is sent only when the record's template bytes are not the task's (Adam's step size, a lie). */
function nodePointerArgs({ node, template, templateProof }: NodePointer) {
  const taskBytes = encodeTemplate(template);
  const same = equalBytes(taskBytes, encodeTemplate(node.record.template));
  return {
    node: node.index,
    record: recordProofArgs(node),
    template_siblings: siblings(templateProof),
    graph_template: same ? null : hex(taskBytes),
  };
}

export const pointNodeArgs = (move: PointNodeMove) => nodePointerArgs(move);

export function proveInconsistencyArgs(move: InconsistencyMove) {
  const link =
    move.kind === 'stateInput'
      ? { StateInput: { input: move.input } }
      : move.kind === 'nodeInput'
        ? { NodeInput: { input: move.input, producer: recordProofArgs(move.source) } }
        : move.kind === 'writtenState'
          ? { WrittenSlot: null }
          : { Template: null };
  return { ...nodePointerArgs(move), link };
}

export function pointElementArgs(move: PointElementMove) {
  return { element: move.element, chunk: hex(chunkBytes(move.proof.chunk)), siblings: siblings(move.proof.proof) };
}

export function commitPartialsArgs(move: CommitPartialsMove) {
  return { root: hex(move.root), count: move.count, last_siblings: move.last ? siblings(move.last.proof) : [] };
}

const partialArgs = (p: ProvenPartial) => ({ value: float32Bits(p.value), siblings: siblings(p.proof) });

export function pointPartialArgs(move: PointPartialMove) {
  return {
    index: move.partial,
    partial: partialArgs(move.disputed),
    previous: move.agreed === undefined ? null : partialArgs(move.agreed),
  };
}

function scalarArgs(scalar: InputScalar) {
  const proof: ElementProof = scalar.proof;
  return {
    input: scalar.input,
    index: proof.index,
    chunk: hex(chunkBytes(proof.chunk)),
    siblings: siblings(proof.proof),
  };
}

export function supplyOperandsArgs(move: SupplyOperandsMove) {
  return { operands: move.operands.map(scalarArgs), data: move.data.map(scalarArgs) };
}
