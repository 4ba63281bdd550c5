import { heapViews } from './arena.ts';
/**
 * warpPerspective on a uint8 image with bilinear interpolation in WebAssembly (wasm/warp.c,
 * warp_perspective_linear_u8): positions, runs and taps as warp-perspective.ts and warp-affine.ts's sampleRows compute
 * them, the same bytes; those stay the reference and the fallback.
 */
import { type SamplingJob, layOutSampling, runSampler } from './sampling.ts';
import { type Exports, wasmFamily } from './simd.ts';
import { WASM } from './warp.wasm.ts';

/** The warp family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('warp', WASM);

interface PerspectiveExports extends Exports {
  warp_perspective_linear_u8(src: number, dst: number, ...sizesMatrixAndTail: number[]): number;
}

/** The inputs of {@link warpPerspectiveLinearU8Wasm}: the image, its border tables, and the inverse matrix. */
export interface PerspectiveJob extends SamplingJob {
  /** The inverse matrix, row-major 3×3. */
  readonly inverse: Float64Array;
}

/**
 * Warps one image (see {@link PerspectiveJob}) into `job.out`. Returns false, having written nothing, when the
 * WebAssembly kernels are unavailable, the image is too large, or a position falls outside the border tables (a
 * near-singular matrix).
 */
export function warpPerspectiveLinearU8Wasm(job: PerspectiveJob): boolean {
  const exports = family.active() as PerspectiveExports | null;
  if (exports === null) return false;
  const layout = layOutSampling(exports, job, { inverse: 9 * 8 });
  if (layout === undefined) return false;
  heapViews(exports).f64.set(job.inverse.subarray(0, 9), layout.own.inverse >> 3);
  return runSampler(exports, exports.warp_perspective_linear_u8, job, layout, layout.own.inverse);
}
