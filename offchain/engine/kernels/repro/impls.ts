/** The `repro` kernel set: one pure implementation per operation, in the order the referee documents. */
import type { Attrs, OpName } from '../../../referee/index.js';
import { conv2dBackpropFilterImpl, conv2dBackpropInputImpl, conv2dImpl, matMulImpl } from './heavy.js';
import { biasAddImpl, biasGradImpl, reluGradImpl, reluImpl, reshapeImpl } from './elementwise.js';
import {
  adamMoment1Impl,
  adamMoment2Impl,
  adamParamImpl,
  momentumParamImpl,
  momentumVelocityImpl,
  sgdUpdateImpl,
} from './optimizer.js';
import { maxPoolGradImpl, maxPoolImpl } from './pool.js';
import { crossEntropyGradImpl, crossEntropyLossImpl, rowMaxImpl, softmaxImpl } from './softmax.js';

/** `into`, when given, has the output's size and may receive the output (see KernelSet.run); the result is returned. */
export type KernelImpl<K extends OpName> = (
  inputs: Float32Array[],
  attrs: Attrs[K],
  into?: Float32Array,
) => Float32Array;

export const REPRO_IMPLS: { [K in OpName]: KernelImpl<K> } = {
  MatMul: matMulImpl,
  Conv2D: conv2dImpl,
  Conv2DBackpropInput: conv2dBackpropInputImpl,
  Conv2DBackpropFilter: conv2dBackpropFilterImpl,
  MaxPool: maxPoolImpl,
  MaxPoolGrad: maxPoolGradImpl,
  BiasAdd: biasAddImpl,
  BiasGrad: biasGradImpl,
  Relu: reluImpl,
  ReluGrad: reluGradImpl,
  Reshape: reshapeImpl,
  RowMax: rowMaxImpl,
  Softmax: softmaxImpl,
  CrossEntropyLoss: crossEntropyLossImpl,
  CrossEntropyGrad: crossEntropyGradImpl,
  SgdUpdate: sgdUpdateImpl,
  MomentumVelocity: momentumVelocityImpl,
  MomentumParam: momentumParamImpl,
  AdamMoment1: adamMoment1Impl,
  AdamMoment2: adamMoment2Impl,
  AdamParam: adamParamImpl,
};

/** Number of inputs each operation takes (its tfjs inputs are named in0, in1, …). */
export const INPUT_COUNT: Record<OpName, number> = {
  MatMul: 2,
  Conv2D: 2,
  Conv2DBackpropInput: 2,
  Conv2DBackpropFilter: 2,
  MaxPool: 1,
  MaxPoolGrad: 2,
  BiasAdd: 2,
  BiasGrad: 1,
  Relu: 1,
  ReluGrad: 2,
  Reshape: 1,
  RowMax: 1,
  Softmax: 2,
  CrossEntropyLoss: 2,
  CrossEntropyGrad: 2,
  SgdUpdate: 2,
  MomentumVelocity: 2,
  MomentumParam: 2,
  AdamMoment1: 2,
  AdamMoment2: 2,
  AdamParam: 3,
};
