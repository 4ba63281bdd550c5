/**
 * AdditiveGaussianNoise's uint8 loop in WebAssembly (wasm/noise.c): the ziggurat of `random/normal.ts` fed by the
 * same xoshiro128** words as `RandomStream.fillUint32`, then the rounding and saturation of the augmenter. Here:
 * the tables and the image's seed words, one per block of words, taken from its noise draws as the
 * TypeScript sampler takes them. The same bytes as the TypeScript loops, which stay the reference.
 */
import { alignedLike, copySpan } from '../copy.ts';
import type { PixelDraws } from '../draws.ts';
import type { ZigguratTables } from '../noise.ts';
import { align16, heapViews, reserve } from './arena.ts';
import { WASM } from './noise.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The noise family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('noise', WASM);

interface NoiseExports extends Exports {
  noise_u8(
    src: number,
    dst: number,
    values: number,
    step: number,
    mean: number,
    sd: number,
    seeds: number,
    blocks: number,
    width: number,
    inner: number,
    density: number,
  ): number;
}

/**
 * One image's noise: mean and standard deviation in 0–255 units, values per group of `step` bytes, its words (read
 * from their start, `blockWords` per seed) and the ziggurat's tables.
 */
export interface NoiseJob {
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  readonly step: number;
  readonly mean: number;
  readonly sd: number;
  readonly noise: PixelDraws;
  readonly blockWords: number;
  readonly ziggurat: ZigguratTables;
}

/**
 * Adds the noise of one uint8 image in WebAssembly. Returns false, having written nothing useful, when the kernels
 * are unavailable or the image drew more slow values than its seeds cover (words for 3% more values than it has
 * and two blocks more; then the caller takes the TypeScript loops).
 */
export function noiseU8Wasm(job: NoiseJob): boolean {
  const exports = family.activeFor(job.src, job.out) as NoiseExports | null;
  if (exports === null) return false;
  const { src, out, step } = job;
  const values = src.length / step;
  const blocks = Math.ceil((values * 1.03) / job.blockWords) + 2;
  const tables = 8 * 128 + 4 * 128 + 8 * 128;
  // 8 bytes more for each of the source and the output, to place them at a shared buffer's alignment (copy.ts).
  const base = reserve(exports, tables + align16(16 * blocks) + 2 * (align16(src.length) + 8));
  const widthAt = base;
  const innerAt = widthAt + 8 * 128;
  const densityAt = innerAt + 4 * 128;
  const seedsAt = densityAt + 8 * 128;
  const srcAt = alignedLike(seedsAt + align16(16 * blocks), src);
  const dstAt = alignedLike(seedsAt + align16(16 * blocks) + align16(src.length) + 8, out);
  const { u8, u32, f64 } = heapViews(exports);
  f64.set(job.ziggurat.width, widthAt >> 3);
  u32.set(job.ziggurat.inner, innerAt >> 2);
  f64.set(job.ziggurat.density, densityAt >> 3);
  const stream = job.noise.restart();
  for (let b = 0; b < blocks; b++) stream.nextXoshiroSeed(u32, (seedsAt >> 2) + 4 * b);
  copySpan(u8, srcAt, src, 0, src.length);
  const ok = exports.noise_u8(
    srcAt,
    dstAt,
    values,
    step,
    job.mean,
    job.sd,
    seedsAt,
    blocks,
    widthAt,
    innerAt,
    densityAt,
  );
  if (ok === 0) return false;
  copySpan(out, 0, u8, dstAt, src.length);
  return true;
}
