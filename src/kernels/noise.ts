import type { PixelArray } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import type { PixelDraws } from './draws.ts';
import { DRAW_CHUNK, nextDrawChunk } from './mask.ts';
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

/**
 * Turns `count` uint32 draws into noise values (`values[j]` from `words[j]`), in the image's units: how
 * {@link addDrawnNoise} gets Laplace or Poisson noise.
 */
export type NoiseValues = (words: Uint32Array, values: Float64Array, count: number) => void;

/** One image's noise made from per-pixel uint32 draws (see {@link addDrawnNoise}). */
export interface DrawnNoiseJob {
  readonly src: PixelArray;
  readonly out: PixelArray;
  /** One noise value per `step` values: the channel count shares one per pixel, 1 gives one per value. */
  readonly step: number;
  /** The image's draws, read from their start, {@link DRAW_CHUNK} words per {@link PixelDraws.fillUint32}. */
  readonly draws: PixelDraws;
  readonly values: NoiseValues;
}

/**
 * AdditiveLaplaceNoise's and AdditivePoissonNoise's pixels: adds one noise value per group of `step` values of
 * `src` into `out` (same length, may be `src`). uint8 rounds the noise half to even (numpy's `round`, as imgaug's
 * `add_elementwise`) and saturates to 0–255; float32 is not clipped. No WebAssembly twin.
 */
export const addDrawnNoise = defineKernel({ name: 'addDrawnNoise', reference: addDrawnNoiseLoop });

let drawnValues = new Float64Array(0);

function addDrawnNoiseLoop({ src, out: dst, step, draws, values }: DrawnNoiseJob): void {
  if (drawnValues.length !== DRAW_CHUNK) drawnValues = new Float64Array(DRAW_CHUNK);
  const noise = drawnValues;
  const u8 = src instanceof Uint8Array;
  const count = src.length / step;
  const stream = draws.restart();
  for (let first = 0; first < count; first += DRAW_CHUNK) {
    const m = Math.min(DRAW_CHUNK, count - first);
    values(nextDrawChunk(stream, m), noise, m);
    for (let k = 0, base = first * step; k < m; k++, base += step) {
      if (u8) {
        const add = roundHalfEven(noise[k]);
        for (let c = 0; c < step; c++) {
          const v = src[base + c] + add;
          dst[base + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      } else {
        for (let c = 0; c < step; c++) dst[base + c] = src[base + c] + noise[k];
      }
    }
  }
}

const TWO_POW_M32 = 1 / 4294967296;

/**
 * Laplace noise with mean `loc` and scale `scale` (density e^(−|x − loc|/scale) / 2·scale), by inversion: a draw u in
 * (0, 1) gives loc + scale·ln(2u) below ½ and loc − scale·ln(2(1 − u)) above. With 32-bit draws the largest value
 * is loc ± 22.2·scale (one draw in 2³² reaches it).
 */
export function laplaceValues(loc: number, scale: number): NoiseValues {
  return (words, values, count) => {
    for (let j = 0; j < count; j++) {
      const u = (words[j] + 0.5) * TWO_POW_M32;
      values[j] = u < 0.5 ? loc + scale * Math.log(2 * u) : loc - scale * Math.log(2 * (1 - u));
    }
  };
}

/**
 * Poisson noise with mean `lam`, with a random sign (imgaug's `RandomSign(Poisson(lam))`), multiplied by `unit`:
 * a draw's lowest bit is the sign and its 31 other bits a uniform u, and the value is the least k with
 * P(X ≤ k) > u (inversion through the cumulative table, found by bisection). `lam` is at most 1e4.
 */
export function poissonValues(lam: number, unit: number): NoiseValues {
  const last = poissonTable(lam) - 1;
  const cdf = poissonCdf;
  return (words, values, count) => {
    for (let j = 0; j < count; j++) {
      const w = words[j];
      const u = ((w >>> 1) + 0.5) * (2 * TWO_POW_M32);
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      values[j] = (w & 1) === 1 ? lo * unit : -lo * unit;
    }
  };
}

// The table of the image being noised (one image at a time), grown as larger lam need it.
let poissonCdf = new Float64Array(1024);

/**
 * Writes P(X ≤ k) for X ~ Poisson(lam), k = 0 … lam + 12·√lam + 12, to `poissonCdf` and returns the entry count (the
 * rest of the mass, below 1e−20, goes to the last entry, which is 1). The terms are summed in log space, so large
 * `lam` (whose e^−lam underflows) works too.
 */
function poissonTable(lam: number): number {
  const n = lam > 0 ? Math.ceil(lam + 12 * Math.sqrt(lam) + 12) + 1 : 1;
  if (poissonCdf.length < n) poissonCdf = new Float64Array(n);
  const cdf = poissonCdf;
  const logLam = Math.log(lam);
  let logFactorial = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) logFactorial += Math.log(k);
    sum += Math.exp(k * logLam - lam - logFactorial);
    cdf[k] = sum;
  }
  cdf[n - 1] = 1;
  return n;
}
