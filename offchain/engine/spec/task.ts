/**
 * The task spec, version 1: the declaration of what to train, decoded with io-ts at every boundary. The TypeScript
 * types are derived from the codecs (declared once).
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  Hash256,
  NonNegativeInt,
  NonNegativeNumber,
  PositiveInt,
  PositiveIntList,
  PositiveNumber,
  UnitInterval,
  Fraction,
  describeErrors,
  oneOf,
  tagged,
} from './codecs.js';

const Padding = oneOf(['valid', 'same'] as const);

const DenseLayer = t.intersection([
  t.type({ type: t.literal('dense'), units: PositiveInt }),
  t.partial({ init: oneOf(['glorotUniform', 'heUniform'] as const) }),
]);
const Conv2DLayer = t.intersection([
  t.type({ type: t.literal('conv2d'), filters: PositiveInt, kernelSize: PositiveInt }),
  t.partial({ strides: PositiveInt, padding: Padding, init: oneOf(['glorotUniform', 'heUniform'] as const) }),
]);
const MaxPoolLayer = t.intersection([
  t.type({ type: t.literal('maxPooling2d'), poolSize: PositiveInt }),
  t.partial({ strides: PositiveInt, padding: Padding }),
]);

export const Layer = tagged('type', {
  dense: DenseLayer,
  conv2d: Conv2DLayer,
  maxPooling2d: MaxPoolLayer,
  flatten: t.type({ type: t.literal('flatten') }),
  relu: t.type({ type: t.literal('relu') }),
  softmax: t.type({ type: t.literal('softmax') }),
});
export type Layer = t.TypeOf<typeof Layer>;

export const Optimizer = tagged('type', {
  sgd: t.type({ type: t.literal('sgd'), learningRate: PositiveNumber }),
  momentum: t.type({ type: t.literal('momentum'), learningRate: PositiveNumber, momentum: UnitInterval }),
  adam: t.intersection([
    t.type({ type: t.literal('adam'), learningRate: PositiveNumber }),
    t.partial({ beta1: UnitInterval, beta2: UnitInterval, epsilon: PositiveNumber }),
  ]),
});
export type Optimizer = t.TypeOf<typeof Optimizer>;

/** `repro` is the reproducible kernel set; the others are plain tfjs backends for tolerant mode. */
export const KERNEL_SETS = ['repro', 'cpu', 'wasm', 'tensorflow'] as const;
export const KernelSetName = oneOf(KERNEL_SETS);
export type KernelSetName = t.TypeOf<typeof KernelSetName>;

export const TaskSpec = t.intersection(
  [
    t.type(
      {
        version: t.literal(1),
        model: t.type({ inputShape: PositiveIntList, layers: t.array(Layer, 'a list of layers') }, 'an object'),
        optimizer: Optimizer,
        batchSize: PositiveInt,
        steps: PositiveInt,
        checkpointInterval: PositiveInt,
        seed: NonNegativeInt,
        data: t.type({ train: Hash256, test: Hash256 }, 'an object'),
        target: t.type({ metric: t.literal('testAccuracy'), value: Fraction }, 'an object'),
      },
      'an object',
    ),
    t.partial(
      {
        name: t.string,
        kernelSet: KernelSetName,
        thresholds: t.partial(
          { l2: NonNegativeNumber, linf: NonNegativeNumber, cosine: NonNegativeNumber },
          'an object',
        ),
      },
      'an object',
    ),
  ],
  'an object',
);
export type TaskSpec = t.TypeOf<typeof TaskSpec>;

export class TaskSpecError extends Error {
  override readonly name = 'TaskSpecError';
  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid task spec: ${problems.join('; ')}`, options);
  }
}

/** Decodes a parsed JSON value into a TaskSpec, or throws a TaskSpecError naming every invalid field. */
export function decodeTaskSpec(value: unknown): TaskSpec {
  const result = TaskSpec.decode(value);
  if (isLeft(result)) throw new TaskSpecError(describeErrors(result.left));
  return result.right;
}

/** Parses JSON text and decodes it as a TaskSpec. */
export function parseTaskSpec(text: string): TaskSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new TaskSpecError([`not valid JSON (${(cause as Error).message})`], { cause });
  }
  return decodeTaskSpec(value);
}
