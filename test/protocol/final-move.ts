/**
 * The last move of a dispute over any operation: what the chain stores when the claimant must supply operands
 * (the pointed node's record, element, partial list and pointed partial) and the claimant's `supply_operands`
 * arguments, with the data scalars its program reads found by running the referee on a recording source. Used to
 * put a real in-memory dispute at its final move over a model other than the fixture's (the data-reading programs
 * in dispute-data.test.ts, the large models of bench/dispute.ts).
 */
import { u8aToHex } from '@polkadot/util';
import type { HexString } from '@polkadot/util/types';
import { storage as disputeStorage } from '../../pallets-spec/disputes/declaration.js';
import {
  MissingScalarError,
  RefereeError,
  elementProof,
  encodeTemplate,
  merkleRoot,
  outputLength,
  partialLeaf,
  partialResults,
  programInit,
  programLength,
  programStep,
  tensorRoot,
  type OpCall,
  type ScalarSource,
} from '../../offchain/referee/index.js';
import { Disputes } from '../../pallets-spec/disputes/index.js';
import { UNIT } from '../../pallets-spec/balances/declaration.js';
import { DisputeMoves, Run, f32bits } from './dispute-fixture.js';
import { ACCEPT, Flow, secretWith, solvers, whistleblower } from './flow.js';
import type { TestChain } from './harness.js';

const hex = (b: Uint8Array) => u8aToHex(b) as HexString;
const bytesOf = (v: Float32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();

/** A source over the real inputs that remembers every scalar read (the data the chain will need proven). */
function recording(inputs: readonly Float32Array[]): ScalarSource & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return {
    reads,
    get(input, index) {
      const value = inputs[input]?.[index];
      if (value === undefined) throw new MissingScalarError(input, index);
      if (!reads.some(([i, j]) => i === input && j === index)) reads.push([input, index]);
      return value;
    },
  };
}

function scalarProof(inputs: readonly Float32Array[], input: number, index: number) {
  const proof = elementProof(inputs[input] as Float32Array, index);
  return { input, index, chunk: bytesOf(proof.chunk), siblings: proof.proof.siblings.map(hex) };
}

/** The step, or undefined where the claimant's data leaves it undefined (the chain then rules against it). */
function stepOrUndefined<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (error instanceof RefereeError && !(error instanceof MissingScalarError)) return undefined;
    throw error;
  }
}

export interface FinalMoveOptions {
  /** The claimant's partial results (default: the true ones). */
  partials?: number[];
  /** The pointed partial (default: the last; none for an empty list). */
  a?: number;
}

/** The stored state and the claimant's arguments for the final move over element `element` of `call`. */
export function finalMoveOf(call: OpCall, inputs: Float32Array[], element: number, options: FinalMoveOptions = {}) {
  const partials = options.partials ?? partialResults(call, inputs, element);
  const value = partials.length === 0 ? programInit(call) : (partials[partials.length - 1] as number);
  const a = options.a ?? (partials.length === 0 ? undefined : partials.length - 1);
  const output = new Float32Array(Math.max(1, outputLength(call)));
  output[element] = value;
  const template = { call, inputs: inputs.map((_, index) => ({ kind: 'state' as const, index })) };
  const source = recording(inputs);
  const length = programLength(call, element, source);
  const step = a !== undefined && a < length ? stepOrUndefined(() => programStep(call, element, a, source)) : undefined;
  const operandRefs = step?.refs ?? [];
  const dataReads = source.reads.filter(([i, j]) => !operandRefs.some((r) => r.input === i && r.index === j));
  const previous = a === undefined ? undefined : a === 0 ? programInit(call) : (partials[a - 1] as number);
  return {
    stored: {
      node: {
        template: encodeTemplate(template),
        input_roots: inputs.map((t) => hex(tensorRoot(t))),
        output_root: hex(tensorRoot(output)),
      },
      element_value: f32bits(value),
      partials: { root: hex(merkleRoot(partials.map(partialLeaf))), count: partials.length },
      partial:
        a === undefined
          ? undefined
          : { claimed: f32bits(partials[a] as number), previous: f32bits(previous as number) },
      element,
      accumulation: a,
    },
    supply: {
      operands: operandRefs.map((r) => scalarProof(inputs, r.input, r.index)),
      data: dataReads.map(([input, index]) => scalarProof(inputs, input, index)),
    },
  };
}

export type FinalMove = ReturnType<typeof finalMoveOf>;

/** Replaces dispute `id`'s pointed node, element and partials (it must be waiting for `supply_operands`). */
export function patchFinalMove(chain: TestChain, id: bigint, { stored }: FinalMove): void {
  const result = chain.run((ctx) => {
    const dispute = disputeStorage.Disputes.get(ctx.state, id);
    if (dispute?.game.type !== 'Open') throw new Error('the dispute is not open');
    const path = { ...dispute.game.value.path, element: stored.element, accumulation: stored.accumulation };
    const game = { ...dispute.game, value: { ...dispute.game.value, path } };
    const { node, element_value, partials, partial } = stored;
    disputeStorage.Disputes.set(ctx.state, id, { ...dispute, node, element_value, partials, partial, game });
  });
  if (!result.ok) throw new Error(result.message);
}

/**
 * Dispute 0 over task 0 (the fixture's honest run, all verifiers accepting) played down to `supply_operands`:
 * step 13, node 0, element 37, partial 3. Patch it with `patchFinalMove` to judge another operation.
 */
export function disputeAtFinalMove(): Flow {
  const { secret } = secretWith(false);
  const run = new Run(20);
  const flow = new Flow()
    .register()
    .auction(
      [600n, 700n, 800n].map((p) => p * UNIT),
      secret,
    )
    .prove(solvers[0], run.stepRoot)
    .verdicts([ACCEPT, ACCEPT, ACCEPT])
    .revealSecret(solvers[0], secret)
    .at(31);
  const moves = new DisputeMoves(run, run);
  const play = (name: string, who: HexString, args: object) =>
    flow.at(flow.chain.blockNumber + 1).ok(Disputes, name, who, { dispute: 0n, ...args });
  flow.ok(Disputes, 'open_dispute', whistleblower, { task: 0n, segment: 1 });
  play('point_step', whistleblower, moves.pointStepArgs(13));
  play('commit_graph', solvers[0], moves.commitGraphArgs(13));
  play('point_node', whistleblower, moves.pointNodeArgs(13, 0));
  play('point_element', whistleblower, moves.pointElementArgs(13, 0, 37));
  play('commit_partials', solvers[0], moves.commitPartialsArgs(13, 0, 37));
  play('point_partial', whistleblower, moves.pointPartialArgs(13, 0, 37, 3));
  return flow;
}
