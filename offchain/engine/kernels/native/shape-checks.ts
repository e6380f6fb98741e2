/**
 * Shape validation shared by every NumericCore implementation, so a wrong buffer length fails with a clear,
 * typed error before any loop reads out of bounds (a wasm core would otherwise read stale memory silently).
 */
import type { Conv2DShape, MatMulShape } from './contract.js';

export class KernelShapeError extends Error {
  override readonly name = 'KernelShapeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function requireCount(label: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new KernelShapeError(`${label} must be a non-negative integer, got ${value}`);
}

function requireLength(label: string, array: Float32Array, expected: number): void {
  if (array.length !== expected) {
    throw new KernelShapeError(`${label} has ${array.length} elements, the shape needs ${expected}`);
  }
}

export function checkMatMul(a: Float32Array, b: Float32Array, shape: MatMulShape): void {
  requireCount('matmul m', shape.m);
  requireCount('matmul k', shape.k);
  requireCount('matmul n', shape.n);
  requireLength('matmul A', a, shape.m * shape.k);
  requireLength('matmul B', b, shape.k * shape.n);
}

function checkConvShape(s: Conv2DShape): void {
  for (const key of [
    'batch',
    'inHeight',
    'inWidth',
    'inChannels',
    'filterHeight',
    'filterWidth',
    'outChannels',
    'padTop',
    'padLeft',
    'outHeight',
    'outWidth',
  ] as const) {
    requireCount(`conv2d ${key}`, s[key]);
  }
  for (const key of ['strideHeight', 'strideWidth'] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1)
      throw new KernelShapeError(`conv2d ${key} must be a positive integer, got ${s[key]}`);
  }
}

export const imageSize = (s: Conv2DShape): number => s.batch * s.inHeight * s.inWidth * s.inChannels;
export const filterSize = (s: Conv2DShape): number => s.filterHeight * s.filterWidth * s.inChannels * s.outChannels;
export const outputSize = (s: Conv2DShape): number => s.batch * s.outHeight * s.outWidth * s.outChannels;

export function checkConv2D(x: Float32Array, w: Float32Array, s: Conv2DShape): void {
  checkConvShape(s);
  requireLength('conv2d x', x, imageSize(s));
  requireLength('conv2d filter', w, filterSize(s));
}

export function checkConv2DBackpropInput(dy: Float32Array, w: Float32Array, s: Conv2DShape): void {
  checkConvShape(s);
  requireLength('conv2dBackpropInput dy', dy, outputSize(s));
  requireLength('conv2dBackpropInput filter', w, filterSize(s));
}

export function checkConv2DBackpropFilter(x: Float32Array, dy: Float32Array, s: Conv2DShape): void {
  checkConvShape(s);
  requireLength('conv2dBackpropFilter x', x, imageSize(s));
  requireLength('conv2dBackpropFilter dy', dy, outputSize(s));
}
