/**
 * The step graph's operations written with plain tfjs ops, for tolerant mode on tfjs's own backends. Same math as
 * the `repro` kernels, but the backend picks the float order (and may fuse), so results differ in the last bits.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvAttrs, OpCall } from '../../referee/index.js';
import { EngineError } from '../errors.js';

type Pad = [[number, number], [number, number], [number, number], [number, number]];

function explicitPad(a: ConvAttrs): Pad {
  const bottom = Math.max((a.outHeight - 1) * a.strideHeight + a.filterHeight - a.inHeight - a.padTop, 0);
  const right = Math.max((a.outWidth - 1) * a.strideWidth + a.filterWidth - a.inWidth - a.padLeft, 0);
  return [
    [0, 0],
    [a.padTop, bottom],
    [a.padLeft, right],
    [0, 0],
  ];
}

/** Pooling takes 'valid' | 'same' (explicit padding is conv-only in tfjs). */
function poolPad(a: ConvAttrs): 'valid' | 'same' {
  const validOut = Math.floor((a.inHeight - a.filterHeight) / a.strideHeight) + 1;
  return a.padTop === 0 && a.padLeft === 0 && a.outHeight === validOut ? 'valid' : 'same';
}

function oneHot(labels: tf.Tensor, classes: number): tf.Tensor {
  return tf.oneHot(tf.cast(labels, 'int32') as tf.Tensor1D, classes);
}

export function runTfjsOp(call: OpCall, inputs: readonly tf.Tensor[]): tf.Tensor {
  const [a, b, c] = inputs as [tf.Tensor, tf.Tensor, tf.Tensor];
  switch (call.op) {
    case 'MatMul':
      return tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, call.attrs.transposeA, call.attrs.transposeB);
    case 'Conv2D': {
      const s = call.attrs;
      return tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [s.strideHeight, s.strideWidth], explicitPad(s));
    }
    case 'Conv2DBackpropInput': {
      const s = call.attrs;
      return tf.engine().runKernel('Conv2DBackpropInput', { dy: a, filter: b }, {
        strides: [s.strideHeight, s.strideWidth],
        pad: explicitPad(s),
        dataFormat: 'NHWC',
        inputShape: [s.batch, s.inHeight, s.inWidth, s.inChannels],
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    }
    case 'Conv2DBackpropFilter': {
      const s = call.attrs;
      return tf.engine().runKernel('Conv2DBackpropFilter', { x: a, dy: b }, {
        strides: [s.strideHeight, s.strideWidth],
        pad: explicitPad(s),
        dataFormat: 'NHWC',
        filterShape: [s.filterHeight, s.filterWidth, s.inChannels, s.outChannels],
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    }
    case 'MaxPool': {
      const s = call.attrs;
      return tf.maxPool(a as tf.Tensor4D, [s.filterHeight, s.filterWidth], [s.strideHeight, s.strideWidth], poolPad(s));
    }
    case 'MaxPoolGrad': {
      const s = call.attrs;
      const y = tf.maxPool(
        b as tf.Tensor4D,
        [s.filterHeight, s.filterWidth],
        [s.strideHeight, s.strideWidth],
        poolPad(s),
      );
      return tf.engine().runKernel('MaxPoolGrad', { dy: a, input: b, output: y }, {
        filterSize: [s.filterHeight, s.filterWidth],
        strides: [s.strideHeight, s.strideWidth],
        pad: poolPad(s),
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
    }
    case 'BiasAdd':
      return tf.add(a, b);
    case 'BiasGrad':
      return tf.sum(tf.reshape(a, [call.attrs.rows, call.attrs.cols]), 0);
    case 'Relu':
      return tf.relu(a);
    case 'ReluGrad':
      return tf.mul(a, tf.step(b));
    case 'Reshape':
      return tf.reshape(a, call.attrs.shape);
    case 'RowMax':
      return tf.max(a, 1);
    case 'Softmax':
      return tf.softmax(a);
    case 'CrossEntropyLoss': {
      const logp = tf.log(tf.maximum(a, 1e-30));
      return tf.neg(tf.mean(tf.sum(tf.mul(oneHot(b, call.attrs.cols), logp), 1)));
    }
    case 'CrossEntropyGrad':
      return tf.div(tf.sub(a, oneHot(b, call.attrs.cols)), call.attrs.rows);
    case 'SgdUpdate':
    case 'MomentumParam':
      return tf.sub(a, tf.mul(call.attrs.learningRate, b));
    case 'MomentumVelocity':
      return tf.add(tf.mul(call.attrs.momentum, a), b);
    case 'AdamMoment1':
      return tf.add(tf.mul(call.attrs.beta1, a), tf.mul(1 - call.attrs.beta1, b));
    case 'AdamMoment2':
      return tf.add(tf.mul(call.attrs.beta2, a), tf.mul(1 - call.attrs.beta2, tf.square(b)));
    case 'AdamParam':
      return tf.sub(a, tf.mul(call.attrs.stepSize, tf.div(b, tf.add(tf.sqrt(c), call.attrs.epsilon))));
    default:
      throw new EngineError(`operation ${(call as OpCall).op} has no tfjs form`);
  }
}
