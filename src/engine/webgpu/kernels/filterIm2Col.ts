import * as tf from '@tensorflow/tfjs-core';
import { WebGpuProgram } from './calls';

/** tfjs-backend-webgpu's dispatch helpers (exported by its Node bundle as webgpu_util). */
interface WebGpuUtil {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(layout: { x: number[] }, shape: number[], workgroupSize: [number, number, number]): [number, number, number];
}

/**
 * The patches of x that each filter weight meets, laid out for the filter gradient as a plain matmul:
 * out[s, k, r] = x[n, oy*sh - pt + kh, ox*sw - pl + kw, ci] (0 outside x), with k = (kh*KW + kw)*Cin + ci the row of
 * dW viewed as [KH*KW*Cin, Cout], and r = (n' * OH + oy) * OW + ox the output pixel of image
 * n = batchOffset + s*imagesPerSplit + n'. So dW = sum over s of out[s] x dy[s] (dy viewed as [S, R, Cout]): S
 * batched products (split-K over the images) keep the GPU busy when KH*KW*Cin x Cout alone gives few tiles.
 * Consecutive threads write consecutive r, so stores coalesce. Adapted from tfjs' Im2ColProgram (Apache-2.0).
 */
export class FilterIm2ColProgram implements WebGpuProgram {
  variableNames = ['x'];
  uniforms = 'pads : vec2<i32>, strides : vec2<i32>, outWidth : i32, outArea : i32, rows : i32, kRows : i32, kwc : i32, inChannels : i32, imagesPerSplit : i32, batchOffset : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  shaderKey = 'alexnetFilterIm2Col';
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(splits: number, kRows: number, rows: number) {
    this.outputShape = [splits, kRows, rows];
    const util = (require('@tensorflow/tfjs-backend-webgpu') as { webgpu_util: WebGpuUtil }).webgpu_util;
    this.dispatchLayout = util.flatDispatchLayout(this.outputShape);
    this.dispatch = util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let perSplit = uniforms.kRows * uniforms.rows;
          let s = index / perSplit;
          let k = (index % perSplit) / uniforms.rows;
          let r = index % uniforms.rows;
          let n = uniforms.batchOffset + s * uniforms.imagesPerSplit + r / uniforms.outArea;
          let pix = r % uniforms.outArea;
          let kh = k / uniforms.kwc;
          let kw = (k % uniforms.kwc) / uniforms.inChannels;
          let ci = k % uniforms.inChannels;
          let y = (pix / uniforms.outWidth) * uniforms.strides[0] - uniforms.pads[0] + kh;
          let x = (pix % uniforms.outWidth) * uniforms.strides[1] - uniforms.pads[1] + kw;
          var value = 0.0;
          if (y >= 0 && y < uniforms.xShape[1] && x >= 0 && x < uniforms.xShape[2]) {
            value = getX(n, y, x, ci);
          }
          setOutputAtIndex(index, value);
        }
      }`;
  }
}

export function im2colUniforms(info: tf.backend_util.Conv2DInfo, rows: number, imagesPerSplit: number, batchOffset: number): { type: string; data: number[] }[] {
  return [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.outWidth] },
    { type: 'int32', data: [info.outHeight * info.outWidth] },
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [info.filterHeight * info.filterWidth * info.inChannels] },
    { type: 'int32', data: [info.filterWidth * info.inChannels] },
    { type: 'int32', data: [info.inChannels] },
    { type: 'int32', data: [imagesPerSplit] },
    { type: 'int32', data: [batchOffset] },
  ];
}
