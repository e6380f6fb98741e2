/**
 * A step trace as bytes, for publishing on NATS: `u32 LE header length ‖ header (JSON) ‖ every tensor's float32
 * LE values, in the header's order`. Decoding checks the header with io-ts and the structure against itself, and
 * recomputes every tensor root from the values: the transport is never trusted.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  OP_NAMES,
  decodeTemplate,
  encodeTemplate,
  outputLength,
  tensorRoot,
  type OpCall,
} from '../../referee/index.js';
import { EngineError } from '../errors.js';
import { toHex } from '../hash.js';
import { NonNegativeInt, describeErrors, oneOf } from '../spec/codecs.js';
import type { StepTrace, TraceNode } from './trace.js';
import { sizeOf } from '../model/shapes.js';

export class TraceCodecError extends EngineError {
  override readonly name = 'TraceCodecError';
}

const TraceHeader = t.type(
  {
    version: t.literal(1),
    step: NonNegativeInt,
    layout: t.array(t.type({ name: t.string, shape: t.array(NonNegativeInt) }, 'an object'), 'a list'),
    nextState: t.array(t.string, 'a list of tensor ids'),
    nodes: t.array(
      t.type(
        {
          index: NonNegativeInt,
          phase: oneOf(['forward', 'backward', 'update'] as const),
          call: t.type({ op: oneOf(OP_NAMES), attrs: t.UnknownRecord }, 'an object'),
          inputs: t.array(t.string, 'a list of tensor ids'),
          output: t.string,
        },
        'an object',
      ),
      'a list',
    ),
    tensors: t.array(t.type({ id: t.string, length: NonNegativeInt }, 'an object'), 'a list'),
  },
  'an object',
);
type TraceHeader = t.TypeOf<typeof TraceHeader>;

const MAX_HEADER_BYTES = 16 << 20;

export function encodeTrace(trace: StepTrace): Uint8Array {
  const tensors = [...trace.tensors].map(([id, values]) => ({ id, values }));
  const header: TraceHeader = {
    version: 1,
    step: trace.step,
    layout: trace.layout.map((l) => ({ name: l.name, shape: l.shape.slice() })),
    nextState: trace.nextState,
    nodes: trace.nodes.map((n) => ({
      index: n.index,
      phase: n.phase,
      call: { op: n.call.op, attrs: { ...n.call.attrs } },
      inputs: n.inputs,
      output: n.output,
    })),
    tensors: tensors.map((x) => ({ id: x.id, length: x.values.length })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = tensors.reduce((n, x) => n + x.values.length * 4, 0);
  const out = new Uint8Array(4 + json.length + size);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  let offset = 4 + json.length;
  for (const { values } of tensors) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    offset += values.byteLength;
  }
  return out;
}

function readHeader(bytes: Uint8Array): { header: TraceHeader; body: number } {
  if (bytes.length < 4) throw new TraceCodecError(`a trace needs at least 4 bytes; got ${bytes.length}`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (length > MAX_HEADER_BYTES || 4 + length > bytes.length) {
    throw new TraceCodecError(`the trace header claims ${length} bytes; the trace has ${bytes.length - 4}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + length)));
  } catch (cause) {
    throw new TraceCodecError('the trace header is not UTF-8 JSON', { cause });
  }
  const result = TraceHeader.decode(parsed);
  if (isLeft(result)) throw new TraceCodecError(`invalid trace header: ${describeErrors(result.left).join('; ')}`);
  return { header: result.right, body: 4 + length };
}

/** The call re-read through the referee's template encoding: every attribute present and well-formed. */
function checkedCall(call: TraceHeader['nodes'][number]['call'], at: string): OpCall {
  try {
    return decodeTemplate(encodeTemplate({ call: call as unknown as OpCall, inputs: [] })).call;
  } catch (cause) {
    throw new TraceCodecError(`${at}.call (${call.op}): ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

function readTensors(header: TraceHeader, bytes: Uint8Array, body: number): Map<string, Float32Array> {
  const expected = header.tensors.reduce((n, x) => n + x.length * 4, 0);
  if (bytes.length - body !== expected) {
    throw new TraceCodecError(
      `the header lists ${expected} bytes of tensors; the trace carries ${bytes.length - body}`,
    );
  }
  const tensors = new Map<string, Float32Array>();
  let offset = body;
  for (const { id, length } of header.tensors) {
    if (tensors.has(id)) throw new TraceCodecError(`tensor ${id} appears twice`);
    // A copy: aligned, and independent of the message buffer.
    tensors.set(id, new Float32Array(bytes.slice(offset, offset + length * 4).buffer));
    offset += length * 4;
  }
  return tensors;
}

function requireTensor(tensors: Map<string, Float32Array>, id: string, length: number | undefined, at: string): void {
  const values = tensors.get(id);
  if (values === undefined) throw new TraceCodecError(`${at} names tensor ${id}, which the trace does not carry`);
  if (length !== undefined && values.length !== length) {
    throw new TraceCodecError(`${at}: tensor ${id} has ${values.length} elements, not ${length}`);
  }
}

/** Decodes and checks a trace; throws TraceCodecError naming the first problem. */
export function decodeTrace(bytes: Uint8Array): StepTrace {
  const { header, body } = readHeader(bytes);
  const tensors = readTensors(header, bytes, body);
  requireTensor(tensors, 'input', undefined, 'the batch');
  requireTensor(tensors, 'labels', undefined, 'the batch');
  header.layout.forEach((l, i) => requireTensor(tensors, l.name, sizeOf(l.shape), `layout[${i}]`));
  if (header.nextState.length !== header.layout.length) {
    throw new TraceCodecError(`nextState has ${header.nextState.length} ids for ${header.layout.length} state tensors`);
  }
  const nodes: TraceNode[] = header.nodes.map((n, i) => {
    const at = `nodes[${i}]`;
    if (n.index !== i) throw new TraceCodecError(`${at}.index must be ${i}`);
    if (n.output !== `%${i}`) throw new TraceCodecError(`${at}.output must be %${i}`);
    const call = checkedCall(n.call, at);
    n.inputs.forEach((id, k) => requireTensor(tensors, id, undefined, `${at}.inputs[${k}]`));
    requireTensor(tensors, n.output, outputLength(call), `${at}.output`);
    return { index: i, phase: n.phase, call, inputs: n.inputs, output: n.output, outputRoot: '0x' };
  });
  header.nextState.forEach((id, i) => {
    const shape = (header.layout[i] as { shape: number[] }).shape;
    requireTensor(tensors, id, sizeOf(shape), `nextState[${i}]`);
  });
  const roots = new Map<string, Uint8Array>();
  for (const [id, values] of tensors) roots.set(id, tensorRoot(values));
  for (const node of nodes) node.outputRoot = toHex(roots.get(node.output) as Uint8Array);
  return { step: header.step, layout: header.layout, nextState: header.nextState, nodes, tensors, roots };
}
