import { heapViews } from './arena.ts';
/**
 * remap on a uint8 image, bilinear or bicubic, in WebAssembly (wasm/warp.c, remap_u8): the same positions, runs and
 * taps as warp-affine.ts's remap and sampleRows, which stay the reference and the fallback, so the same bytes.
 */
import { type SamplingJob, layOutSampling, runSampler } from './sampling.ts';
import { type Exports, wasmFamily } from './simd.ts';
import { WASM } from './warp.wasm.ts';

/** The warp family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('warp', WASM);

/** remap_u8's signature: src, dst, sw, sh, cn, ow, oh, mapX, mapY, order, wtab, then the sampling tail. */
export interface RemapExports extends Exports {
  remap_u8(src: number, dst: number, ...rest: number[]): number;
}

/** The inputs of {@link remapU8Wasm}: the image, its border tables, the maps and the interpolation. */
export interface RemapJob extends SamplingJob {
  /** Source positions per output pixel, in 1/32 pixel. */
  readonly mapX: Int32Array;
  readonly mapY: Int32Array;
  readonly order: 1 | 3;
  /** The bicubic weights per 1/32 cell (16 per cell, in 1/32768); unused for bilinear. */
  readonly wtab: Int32Array;
}

/**
 * Remaps one image (see {@link RemapJob}) into `job.out`. Returns false, having written nothing, when the
 * WebAssembly kernels are unavailable, the image is too large, or a tap falls outside the border tables.
 */
export function remapU8Wasm(job: RemapJob): boolean {
  const exports = family.active() as RemapExports | null;
  if (exports === null) return false;
  const count = job.ow * job.oh;
  const layout = layOutSampling(exports, job, {
    wtab: job.order === 3 ? 4 * job.wtab.length : 0,
    mapX: 4 * count,
    mapY: 4 * count,
  });
  if (layout === undefined) return false;
  const at = layout.own;
  const { i32 } = heapViews(exports);
  if (job.order === 3) i32.set(job.wtab, at.wtab >> 2);
  i32.set(job.mapX.subarray(0, count), at.mapX >> 2);
  i32.set(job.mapY.subarray(0, count), at.mapY >> 2);
  return runSampler(exports, exports.remap_u8, job, layout, at.mapX, at.mapY, job.order, at.wtab);
}
