/**
 * Where an element's program reads the data that decides its order (the labels the loss picks, the window maxima
 * max pooling's gradient routes through): every input known (the engine), or the few scalars a claimant proved (the
 * chain).
 */
import { RefereeError } from './rules.js';

export interface ScalarSource {
  /** The scalar, or a MissingScalarError when it is not known. */
  get(input: number, index: number): number;
}

/** A read of a scalar the caller did not supply: on chain, the claimant has not proven it (yet). */
export class MissingScalarError extends RefereeError {
  constructor(
    readonly input: number,
    readonly index: number,
  ) {
    super(`scalar ${index} of input ${input} was not supplied`);
  }
}

/** Every scalar of every input known (the engine's and the tests' case). */
export function denseScalars(inputs: readonly Float32Array[]): ScalarSource {
  return {
    get(input, index) {
      const value = inputs[input]?.[index];
      if (value === undefined) throw new MissingScalarError(input, index);
      return value;
    },
  };
}

/** A few proven scalars (the chain's case), keyed by input and flat index. */
export function sparseScalars(entries: ReadonlyArray<{ input: number; index: number; value: number }>): ScalarSource {
  const known = new Map<string, number>();
  for (const e of entries) known.set(`${e.input}:${e.index}`, e.value);
  return {
    get(input, index) {
      const value = known.get(`${input}:${index}`);
      if (value === undefined) throw new MissingScalarError(input, index);
      return value;
    },
  };
}
