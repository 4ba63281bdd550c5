/**
 * ElasticTransformation's displacement fields in WebAssembly (wasm/elastic.c): both noise planes blurred, times
 * alpha, cropped, with the same operations in the same order as the TypeScript loops in kernels/elastic.ts
 * (which stay the reference and the fallback), so the same values.
 */
import type { ElasticFieldsJob } from '../elastic.ts';
import { allocate, heapViews, totalBytes } from './arena.ts';
import type { RemapExports } from './remap.ts';
import { type SamplingJob, layOutSampling, runSampler } from './sampling.ts';
import { type Exports, wasmFamily } from './simd.ts';
import { WASM } from './warp.wasm.ts';

/** The warp family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('warp', WASM);

interface ElasticExports extends Exports {
  elastic_fields(
    noise: number,
    h: number,
    w: number,
    pad: number,
    k: number,
    r: number,
    alpha: number,
    tx: number,
    ty: number,
    dx: number,
    dy: number,
  ): void;
}

/** Images whose fields need more of the module's memory than this are left to TypeScript (memory never shrinks). */
const MAX_BYTES = 16 << 20;

/**
 * Blurs the two padded noise planes of the job with its half kernel, multiplies by its alpha and writes the h × w
 * centres to its `dx` and `dy`. Returns false, having written nothing, when the WebAssembly kernels are unavailable
 * or the image is too large.
 */
export function elasticFieldsWasm({ noise, h, w, pad, kernel, alpha32, dx, dy }: ElasticFieldsJob): boolean {
  const exports = family.active() as ElasticExports | null;
  if (exports === null) return false;
  const r = kernel.length - 1;
  const sizes = {
    noise: 4 * noise.length,
    kernel: 4 * kernel.length,
    tx: 4 * (h + 2 * r) * w,
    ty: 4 * (h + 2 * r) * w,
    dx: 4 * h * w,
    dy: 4 * h * w,
  };
  if (totalBytes(sizes) > MAX_BYTES) return false;
  const at = allocate(exports, sizes);
  const { f32 } = heapViews(exports);
  f32.set(noise, at.noise >> 2);
  f32.set(kernel, at.kernel >> 2);
  exports.elastic_fields(at.noise, h, w, pad, at.kernel, r, alpha32, at.tx, at.ty, at.dx, at.dy);
  dx.set(f32.subarray(at.dx >> 2, (at.dx >> 2) + h * w));
  dy.set(f32.subarray(at.dy >> 2, (at.dy >> 2) + h * w));
  return true;
}

interface FusedExports extends ElasticExports, RemapExports {
  elastic_noise(seed: number, out: number, n: number): void;
  elastic_maps(dx: number, dy: number, h: number, w: number, scale: number, mapX: number, mapY: number): void;
}

/** The inputs of {@link elasticU8Wasm}: one uint8 image (output of the same size), its border tables and its draw. */
export interface ElasticJob extends SamplingJob {
  /** The padding of the noise planes and the half kernel (taps 0 … r; [1] for no blur). */
  readonly pad: number;
  readonly kernel: Float32Array;
  readonly alpha32: number;
  /** Writes the xoshiro128** state the noise starts from (RandomStream.nextXoshiroSeed) to `u32[at … at + 3]`. */
  readonly seed: (u32: Uint32Array, at: number) => void;
  readonly order: 1 | 3;
  readonly wtab: Int32Array;
}

/**
 * ElasticTransformation on one uint8 image, bilinear or bicubic, with everything in the module's memory: the noise
 * (elastic_noise, the words of fillUint32), the fields (elastic_fields), the maps (elastic_maps) and the sampling
 * (remap_u8), each the TypeScript steps' values. Returns false, having written nothing to `job.out`, when the
 * WebAssembly kernels are unavailable, the image is too large, or a tap falls outside the border tables.
 */
export function elasticU8Wasm(job: ElasticJob): boolean {
  const exports = family.active() as FusedExports | null;
  if (exports === null) return false;
  const { sh: h, sw: w, pad, kernel } = job;
  const r = kernel.length - 1;
  const count = h * w;
  const noiseN = 2 * (h + 2 * pad) * (w + 2 * pad);
  const layout = layOutSampling(exports, job, {
    seed: 16,
    wtab: job.order === 3 ? 4 * job.wtab.length : 0,
    noise: 4 * noiseN,
    kernel: 4 * kernel.length,
    blurX: 4 * (h + 2 * r) * w,
    blurY: 4 * (h + 2 * r) * w,
    dx: 4 * count,
    dy: 4 * count,
    mapX: 4 * count,
    mapY: 4 * count,
  });
  if (layout === undefined) return false;
  const at = layout.own;
  const { i32, u32, f32 } = heapViews(exports);
  job.seed(u32, at.seed >> 2);
  if (job.order === 3) i32.set(job.wtab, at.wtab >> 2);
  exports.elastic_noise(at.seed, at.noise, noiseN);
  f32.set(kernel, at.kernel >> 2);
  exports.elastic_fields(at.noise, h, w, pad, at.kernel, r, job.alpha32, at.blurX, at.blurY, at.dx, at.dy);
  exports.elastic_maps(at.dx, at.dy, h, w, 32, at.mapX, at.mapY);
  return runSampler(exports, exports.remap_u8, job, layout, at.mapX, at.mapY, job.order, at.wtab);
}
