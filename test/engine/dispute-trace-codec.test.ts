/**
 * A step trace survives its wire format (for NATS) bit for bit, and a decoded trace is checked, never trusted:
 * malformed bytes fail with a message naming the problem, and altered values change the recomputed roots.
 */
import { strict as assert } from 'node:assert';
import { equalBytes } from '../../offchain/referee/index.js';
import { FsArtifactStore, initialState, openSession, type TaskSession } from '../../offchain/engine/index.js';
import {
  Challenger,
  Claimant,
  TraceCodecError,
  decodeTrace,
  encodeTrace,
  graphCommitment,
  nodeRecords,
  traceStep,
  type StepTrace,
} from '../../offchain/engine/dispute/index.js';
import { exampleSpec, tempDir } from './helpers.js';

/** Rewrites the JSON header of an encoded trace (the tensors stay as they are). */
function withHeader(bytes: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Record<string, unknown>;
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + bytes.length - 4 - length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(bytes.subarray(4 + length), 4 + json.length);
  return out;
}

type Node = { call: { attrs: Record<string, unknown>; op: string }; inputs: string[] };
const nodesOf = (header: Record<string, unknown>) => header.nodes as Node[];

describe('step trace wire format', function () {
  const tmp = tempDir('trace-codec');
  const spec = exampleSpec('mnist-mlp', { steps: 2, checkpointInterval: 1 });
  let session: TaskSession;
  let trace: StepTrace;
  let bytes: Uint8Array;

  before(async () => {
    session = await openSession(spec, new FsArtifactStore(tmp.dir));
    trace = traceStep(session, initialState(session.graph, spec.seed), 0);
    bytes = encodeTrace(trace);
  });
  after(() => tmp.cleanup());

  it('round-trips every tensor, node and root, and the decoded trace yields the same moves', () => {
    const decoded = decodeTrace(bytes);
    assert.equal(decoded.step, trace.step);
    assert.deepEqual(decoded.layout, trace.layout);
    assert.deepEqual(decoded.nextState, trace.nextState);
    assert.deepEqual(decoded.nodes, trace.nodes);
    assert.deepEqual([...decoded.tensors.keys()], [...trace.tensors.keys()]);
    for (const [id, values] of trace.tensors) assert.deepEqual(decoded.tensors.get(id), values);
    for (const [id, root] of trace.roots) assert.ok(equalBytes(decoded.roots.get(id) as Uint8Array, root), id);
    assert.deepEqual(nodeRecords(decoded), nodeRecords(trace));
    const challenger = new Challenger(trace, graphCommitment(spec));
    assert.equal(challenger.findInconsistency(new Claimant(decoded).view()), undefined);
  });

  it('recomputes roots from the values: a flipped bit changes the root of that tensor', () => {
    const altered = bytes.slice();
    altered[altered.length - 2] ^= 0x01; // inside the last tensor's last value
    const decoded = decodeTrace(altered);
    const lastId = [...trace.tensors.keys()].at(-1) as string;
    assert.ok(!equalBytes(decoded.roots.get(lastId) as Uint8Array, trace.roots.get(lastId) as Uint8Array));
  });

  const bad: Array<[string, () => Uint8Array, RegExp]> = [
    ['fewer than 4 bytes', () => new Uint8Array(2), /at least 4 bytes/],
    ['a header longer than the trace', () => bytes.slice(0, 64), /header claims \d+ bytes/],
    [
      'a truncated tensor section',
      () => bytes.slice(0, bytes.length - 4),
      /lists \d+ bytes of tensors; the trace carries/,
    ],
    ['a header that is not JSON', () => Uint8Array.from([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]), /not UTF-8 JSON/],
    [
      'an unknown operation',
      () => withHeader(bytes, (h) => ((nodesOf(h)[1] as Node).call.op = 'Gemm')),
      /invalid trace header: nodes\[1\]\.call\.op must be one of MatMul, Conv2D/,
    ],
    [
      'a missing attribute',
      () => withHeader(bytes, (h) => delete (nodesOf(h)[1] as Node).call.attrs.k),
      /nodes\[1\]\.call \(MatMul\): MatMul\.k must be a non-negative integer/,
    ],
    [
      'an input the trace does not carry',
      () => withHeader(bytes, (h) => ((nodesOf(h)[2] as Node).inputs[0] = '%99')),
      /nodes\[2\]\.inputs\[0\] names tensor %99/,
    ],
    ['a wrong version', () => withHeader(bytes, (h) => (h.version = 2)), /version must be 1/],
    ['a node out of place', () => withHeader(bytes, (h) => nodesOf(h).reverse()), /nodes\[0\]\.index must be 0/],
  ];
  for (const [what, make, message] of bad) {
    it(`rejects ${what} with a clear TraceCodecError`, () => {
      assert.throws(
        () => decodeTrace(make()),
        (error: unknown) => error instanceof TraceCodecError && message.test(error.message),
      );
    });
  }
});
