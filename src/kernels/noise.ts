import type { PixelArray } from '../core/image.ts';
import type { PixelDraws } from './draws.ts';
import { defineKernel } from './table.ts';
import { noiseU8Wasm } from './wasm/noise.ts';

/** The ziggurat's tables (random/normal.ts), with which the WebAssembly twin draws the same normal values. */
export interface ZigguratTables {
  readonly width: Float64Array;
  readonly inner: Uint32Array;
  readonly density: Float64Array;
}

/**
 * One image's standard normal values, in order: the reference reads them, the WebAssembly twin makes the same values
 * from the same words itself (the random layer's ziggurat sampler, started at the image's noise stream, provides both).
 */
export interface NormalDraws {
  /** Writes the next `count` values to `out[0 … count − 1]`. */
  fill(out: Float64Array, count: number): void;
  /** The words the values are made from, read from their start, `blockWords` per {@link PixelDraws.fillUint32}. */
  readonly words: PixelDraws;
  readonly blockWords: number;
  readonly ziggurat: ZigguratTables;
}

/** One image's Gaussian noise: values per group of `step` values, mean and standard deviation in the image's units. */
export interface NoiseJob {
  readonly src: PixelArray;
  readonly out: PixelArray;
  readonly step: number;
  readonly mean: number;
  readonly sd: number;
  readonly normals: NormalDraws;
}

/**
 * AdditiveGaussianNoise's pixels: adds `mean + sd · z` to each group of `step` values of `src` (one normal value z per
 * group, so `step` = channels shares one value per pixel), into `out` (same length, may not be `src`). uint8 rounds
 * the noise to the nearest integer (halves up) and saturates to 0–255; float32 is not clipped.
 */
export const addNoise = defineKernel({
  name: 'addNoise',
  reference: addNoiseLoop,
  wasm: ({ src, out, step, mean, sd, normals }: NoiseJob) =>
    noiseU8Wasm({
      src: src as Uint8Array,
      out: out as Uint8Array,
      step,
      mean,
      sd,
      noise: normals.words,
      blockWords: normals.blockWords,
      ziggurat: normals.ziggurat,
    }),
  when: ({ src, out }) => src instanceof Uint8Array && out instanceof Uint8Array,
  condition: 'uint8',
});

// One buffer of values for every image: a kernel call runs one image at a time.
let values = new Float64Array(0);

function addNoiseLoop({ src, out: dst, step, mean, sd, normals }: NoiseJob): void {
  const u8 = src instanceof Uint8Array;
  const block = normals.blockWords;
  if (values.length !== block) values = new Float64Array(block);
  const normalsOut = values;
  const count = src.length / step;
  for (let first = 0; first < count; first += block) {
    const m = Math.min(block, count - first);
    normals.fill(normalsOut, m);
    for (let k = 0, base = first * step; k < m; k++, base += step) {
      const z = mean + sd * normalsOut[k];
      if (u8) {
        const add = Math.round(z);
        for (let c = 0; c < step; c++) {
          const v = src[base + c] + add;
          dst[base + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      } else {
        for (let c = 0; c < step; c++) dst[base + c] = src[base + c] + z;
      }
    }
  }
}
