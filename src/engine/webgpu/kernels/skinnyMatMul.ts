import { WebGpuProgram } from './calls';

interface WebGpuUtil {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(layout: { x: number[] }, shape: number[], workgroupSize: [number, number, number]): [number, number, number];
}

/**
 * out[i, j] = sum over k of A(i, k) * B(k, j), one invocation per output, for products with very few rows (a batch
 * of 1-8 through a dense layer) or a very short inner dimension (the dense weight gradient x^T . dy of such a
 * batch). tfjs' tiled matmul pads both to its 32-wide tiles, doing up to 32x the work; here consecutive
 * invocations take consecutive j, so reads of B (and the writes) coalesce and A's few values stay in cache.
 */
export class SkinnyMatMulProgram implements WebGpuProgram {
  variableNames = ['A', 'B'];
  uniforms = 'inner : i32, outCols : i32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  shaderKey: string;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];

  constructor(
    rows: number,
    cols: number,
    private readonly transposeA: boolean,
    private readonly transposeB: boolean,
  ) {
    this.outputShape = [1, rows, cols];
    this.shaderKey = `alexnetSkinnyMatMul_${transposeA}_${transposeB}`;
    const util = (require('@tensorflow/tfjs-backend-webgpu') as { webgpu_util: WebGpuUtil }).webgpu_util;
    this.dispatchLayout = util.flatDispatchLayout(this.outputShape);
    this.dispatch = util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
  }

  getUserCode(): string {
    const a = this.transposeA ? 'getA(0, k, i)' : 'getA(0, i, k)';
    const b = this.transposeB ? 'getB(0, j, k)' : 'getB(0, k, j)';
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let i = index / uniforms.outCols;
          let j = index % uniforms.outCols;
          var acc = 0.0;
          for (var k = 0; k < uniforms.inner; k = k + 1) {
            acc = acc + ${a} * ${b};
          }
          setOutputAtIndex(index, acc);
        }
      }`;
  }
}
