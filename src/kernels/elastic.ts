import { argumentError } from '../core/errors.ts';
import type { Image, PixelArray } from '../core/image.ts';
import type { BorderMode } from './border.ts';
import type { PixelDraws } from './draws.ts';
import { gaussianKernelF32, gaussianKernelSize } from './gaussian-kernel.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { type WarpAffineOptions, type WarpOrder, cubicWeightsU8, remap, samplingJob } from './warp-affine.ts';
import { elasticFieldsWasm, elasticU8Wasm } from './wasm/elastic.ts';

/** One image's elastic warp as ElasticTransformation draws it; the displacement fields are made from `noise`. */
export interface ElasticWarp {
  /** The strength: pixels per unit of blurred noise. */
  readonly alpha: number;
  /** The standard deviation of the noise's Gaussian blur, in pixels (≤ 0.001: no blur). */
  readonly sigma: number;
  readonly order: WarpOrder;
  readonly cval: number;
  readonly mode: BorderMode;
  /** The uniform noise's draws, read from their start on every call. */
  readonly noise: PixelDraws;
}

/** imgaug's `blur_gaussian_` leaves its input unchanged for sigma ≤ 0.001 (its `eps`). */
const MIN_SIGMA = 0.001;

/** 1.5 · 2^52: adding and subtracting it rounds a double below 2^51 in magnitude to an integer, half to even. */
const ROUND_MAGIC = 6755399441055744;

/**
 * The border imgaug pads each displacement field with before blurring it: the blur's kernel size
 * (imgaug's `_compute_gaussian_blur_ksize`, made odd), which is 5 for sigma ≤ 0.001 too.
 * @example elasticPadding(5) // 13
 */
export function elasticPadding(sigma: number): number {
  return gaussianKernelSize(sigma);
}

/**
 * imgaug 0.4.0's `_generate_shift_maps` given its uniform noise: blurs each of the two noise planes with OpenCV's
 * float Gaussian (kernel size {@link elasticPadding}, BORDER_REFLECT_101; no blur for sigma ≤ 0.001), multiplies by
 * `alpha` in float32 and crops the padding, writing height × width values to `dx` and `dy`.
 *
 * `noise` holds the two planes one after the other, each (height + 2p) × (width + 2p) with p = elasticPadding(sigma),
 * row-major: the x plane first, as imgaug slices its `(2·h_pad, w_pad)` draw. The cropped region never reaches the
 * planes' borders (p exceeds the kernel's radius), so only the rows and columns it reads are filtered. Sums are in
 * float32 like OpenCV's, in another order (each pair of taps at distance i added before its multiplication), so values
 * agree with OpenCV's `GaussianBlur` to within float32 rounding: within 2^-22 · alpha on the test fixtures. Runs in
 * WebAssembly where available (wasm/elastic.c, the same float32 operations in the same order, so the same values).
 *
 * @example generateShiftMaps(noise, 4, 5, 10, 2, dx, dy) // 4×5 fields, noise of 2 × 19 × 20 values (p = 7)
 */
export function generateShiftMaps(
  noise: Float32Array,
  height: number,
  width: number,
  alpha: number,
  sigma: number,
  dx: Float32Array,
  dy: Float32Array,
): void {
  const owner = 'generateShiftMaps';
  if (!Number.isInteger(height) || height < 0) throw argumentError(owner, 'height', 'an integer ≥ 0', height);
  if (!Number.isInteger(width) || width < 0) throw argumentError(owner, 'width', 'an integer ≥ 0', width);
  if (!Number.isFinite(alpha)) throw argumentError(owner, 'alpha', 'a finite number', alpha);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw argumentError(owner, 'sigma', 'a number ≥ 0', sigma);
  const pad = elasticPadding(sigma);
  const plane = (height + 2 * pad) * (width + 2 * pad);
  if (!(noise instanceof Float32Array) || noise.length !== 2 * plane) {
    throw argumentError(owner, 'noise', `a Float32Array of 2 × ${plane} values`, noise, 'type');
  }
  const size = height * width;
  if (!(dx instanceof Float32Array) || dx.length !== size) {
    throw argumentError(owner, 'dx', `a Float32Array of ${size} values (height × width)`, dx, 'type');
  }
  if (!(dy instanceof Float32Array) || dy.length !== size) {
    throw argumentError(owner, 'dy', `a Float32Array of ${size} values (height × width)`, dy, 'type');
  }
  if (size === 0) return;
  // numpy multiplies a float32 array by a Python float in float32: alpha is rounded first.
  const alpha32 = Math.fround(alpha);
  blurCropScaled({ noise, h: height, w: width, pad, kernel: kernelFor(sigma, pad), alpha32, dx, dy });
}

/** One image's displacement fields: both padded noise planes blurred, times alpha and cropped into `dx` and `dy`. */
export interface ElasticFieldsJob {
  /** The two noise planes, each (h + 2·pad) × (w + 2·pad). */
  readonly noise: Float32Array;
  readonly h: number;
  readonly w: number;
  readonly pad: number;
  /** The half kernel: taps 0 … r from the centre, r < pad. */
  readonly kernel: Float32Array;
  /** alpha rounded to float32, as numpy's float32 product rounds it. */
  readonly alpha32: number;
  /** The h × w fields. */
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

const blurCropScaled = defineKernel({
  name: 'elasticFields',
  reference: blurCropScaledLoops,
  wasm: elasticFieldsWasm,
});

/**
 * Both planes blurred, times alpha, cropped: the horizontal pass filters only the h + 2r rows and w columns the
 * vertical pass reads (float32, as OpenCV's row buffer), the vertical pass only the h × w output. The kernel is
 * symmetric, so each pair of taps at distance i shares one multiplication. Every operation is rounded to float32.
 */
function blurCropScaledLoops({ noise, h, w, pad, kernel, alpha32, dx, dy }: ElasticFieldsJob): void {
  const r = kernel.length - 1;
  const rows = h + 2 * r;
  const plane = (h + 2 * pad) * (w + 2 * pad);
  const tx = scratch.f32(ROWS_X, rows * w);
  const ty = scratch.f32(ROWS_Y, rows * w);
  for (let j = 0; j < rows; j++) blurRow(noise, (pad - r + j) * (w + 2 * pad) + pad, plane, w, kernel, tx, ty, j * w);
  for (let y = 0; y < h; y++) blurColumns(tx, ty, (y + r) * w, w, kernel, alpha32, dx, dy, y * w);
}

/** The horizontal pass over w pixels from `src` (x plane) and `src + plane` (y plane), into `tx` and `ty` at `dst`. */
function blurRow(
  noise: Float32Array,
  src: number,
  plane: number,
  w: number,
  kernel: Float32Array,
  tx: Float32Array,
  ty: Float32Array,
  dst: number,
): void {
  const f = Math.fround;
  const r = kernel.length - 1;
  const k0 = kernel[0];
  for (let x = 0; x < w; x++) {
    const a = src + x;
    const b = a + plane;
    let sx = f(k0 * noise[a]);
    let sy = f(k0 * noise[b]);
    for (let i = 1; i <= r; i++) {
      const ki = kernel[i];
      sx = f(sx + f(ki * f(noise[a - i] + noise[a + i])));
      sy = f(sy + f(ki * f(noise[b - i] + noise[b + i])));
    }
    tx[dst + x] = sx;
    ty[dst + x] = sy;
  }
}

/** The vertical pass for one output row: rows around `c` of `tx` and `ty`, times alpha, into `dx` and `dy` at `o`. */
function blurColumns(
  tx: Float32Array,
  ty: Float32Array,
  c: number,
  w: number,
  kernel: Float32Array,
  alpha32: number,
  dx: Float32Array,
  dy: Float32Array,
  o: number,
): void {
  const f = Math.fround;
  const r = kernel.length - 1;
  const k0 = kernel[0];
  for (let x = 0; x < w; x++) {
    const p = c + x;
    let sx = f(k0 * tx[p]);
    let sy = f(k0 * ty[p]);
    for (let i = 1, q = w; i <= r; i++, q += w) {
      const ki = kernel[i];
      sx = f(sx + f(ki * f(tx[p - q] + tx[p + q])));
      sy = f(sy + f(ki * f(ty[p - q] + ty[p + q])));
    }
    // numpy then multiplies by alpha in float32.
    dx[o + x] = sx * alpha32;
    dy[o + x] = sy * alpha32;
  }
}

let lastSigma = Number.NaN;
let lastKernel = new Float32Array(1);

/** The one-tap kernel [1]: sigma ≤ 0.001 leaves the noise unblurred, and blurring with it copies every value exactly. */
const NO_BLUR = Float32Array.of(1);

/** The half kernel (taps 0 … r from the centre) imgaug blurs the noise with for `sigma`: {@link NO_BLUR} or a Gaussian. */
function kernelFor(sigma: number, size: number): Float32Array {
  return sigma > MIN_SIGMA ? cachedKernel(sigma, size) : NO_BLUR;
}

/** The half kernel from its centre outwards (taps 0 … r) of OpenCV's float32 Gaussian; the last sigma's is kept. */
function cachedKernel(sigma: number, size: number): Float32Array {
  if (sigma !== lastSigma || lastKernel.length !== (size + 1) >> 1) {
    const r = (size - 1) >> 1;
    lastKernel = gaussianKernelF32(sigma, size).slice(r);
    lastSigma = sigma;
  }
  return lastKernel;
}

/**
 * imgaug 0.4.0's `_map_coordinates` with its OpenCV backend: output pixel (x, y) is read at (x − dx, y − dy), each
 * in float32, turned into OpenCV's fixed-point maps as `cv2.convertMaps(…, CV_16SC2)` does (1/32 pixel, rounded
 * half to even, whole part saturated to int16 by remap; whole pixels for nearest) and sampled by {@link remap}, which
 * reproduces `cv2.remap`. So, given the same fields, uint8 bytes are cv2's exactly. For uint8 a fractional `cval`
 * is truncated, as imgaug's `int(cval)`. `out` has the image's shape and may not share memory with it. Returns `out`.
 *
 * @example mapCoordinates(image, dx, dy, out, { order: 3, mode: 'constant', cval: 0 })
 */
export function mapCoordinates<A extends PixelArray>(
  image: Image<A>,
  dx: Float32Array,
  dy: Float32Array,
  out: Image<A>,
  options: WarpAffineOptions,
): Image<A> {
  const owner = 'mapCoordinates';
  const { height: h, width: w } = image;
  const size = h * w;
  if (!(dx instanceof Float32Array) || dx.length !== size) {
    throw argumentError(owner, 'dx', `a Float32Array of ${size} values (height × width)`, dx, 'type');
  }
  if (!(dy instanceof Float32Array) || dy.length !== size) {
    throw argumentError(owner, 'dy', `a Float32Array of ${size} values (height × width)`, dy, 'type');
  }
  if (out.height !== h || out.width !== w) {
    throw argumentError(owner, 'out', `an image of ${h} × ${w} (the input's size)`, `${out.height} × ${out.width}`);
  }
  const mapX = scratch.i32(MAP_X, size);
  const mapY = scratch.i32(MAP_Y, size);
  // convertMaps: cvRound(v · 32) (cvRound(v) for nearest), which rounds half to even and gives INT_MIN beyond int32
  // as x86's conversion does; remap saturates the whole part to int16 as OpenCV's maps do.
  const scale = options.order === 0 ? 1 : 32;
  for (let y = 0; y < h; y++) fixedMapRow(dx, dy, y, y * w, w, scale, mapX, mapY);
  const cval = image.data instanceof Uint8Array ? Math.trunc(options.cval) : options.cval;
  remap(image, mapX, mapY, out, { order: options.order, mode: options.mode, cval });
  return out;
}

/**
 * Row y of mapCoordinates' fixed-point maps (from index i0, w values). A function per row: a loop over the whole
 * image is compiled by V8 in its middle, before the code after the row ran, and bailed out there again and again
 * (see the word loops in kernels/lut.ts).
 */
function fixedMapRow(
  dx: Float32Array,
  dy: Float32Array,
  y: number,
  i0: number,
  w: number,
  scale: number,
  mapX: Int32Array,
  mapY: Int32Array,
): void {
  for (let x = 0, i = i0; x < w; x++, i++) {
    const sx = Math.fround(x - dx[i]) * scale;
    const sy = Math.fround(y - dy[i]) * scale;
    mapX[i] = sx > -2147483648.5 && sx < 2147483647.5 ? (sx + ROUND_MAGIC - ROUND_MAGIC) | 0 : -2147483648;
    mapY[i] = sy > -2147483648.5 && sy < 2147483647.5 ? (sy + ROUND_MAGIC - ROUND_MAGIC) | 0 : -2147483648;
  }
}

// Scratch reused across calls (apply runs synchronously): the blur's row buffers, the fields, the maps, the noise.
const scratch = new Scratch();
const [ROWS_X, FIELD_X, FIELD_Y, ROWS_Y, MAP_X, MAP_Y, NOISE] = [0, 1, 2, 3, 4, 5, 6];

/**
 * Fills `out` with uniform float32 values in [-1, 1) from `stream`, in bulk: numpy's float32 `random()` is
 * (u >>> 8) / 2^24, and ·2 − 1 of that is exact in float32. Philox seeds xoshiro128** once (`fillUint32`).
 */
function drawNoise(stream: PixelDraws, words: Uint32Array, out: Float32Array): void {
  stream.fillUint32(words);
  // `out` shares memory with `words`: each word is read before its slot is overwritten.
  for (let i = 0; i < words.length; i++) out[i] = ((words[i] >>> 8) - 8388608) * 1.1920928955078125e-7;
}

/**
 * The displacement fields of one image's draw (what the augmenter warps with): its noise stream, read from the
 * start, gives the two padded planes of uniform float32 noise in [-1, 1) (in steps of 2^-23, as numpy's float32
 * `random() · 2 − 1`), and
 * {@link generateShiftMaps} turns them into height × width fields in `dx` and `dy`.
 * @example shiftMapsOf(aug.drawParams(random, shape), shape.height, shape.width, dx, dy)
 */
export function shiftMapsOf(
  params: ElasticWarp,
  height: number,
  width: number,
  dx: Float32Array,
  dy: Float32Array,
): void {
  const pad = elasticPadding(params.sigma);
  const n = 2 * (height + 2 * pad) * (width + 2 * pad);
  // Drawn as words, read as floats, in the same memory.
  const words = scratch.u32(NOISE, n);
  const values = scratch.f32(NOISE, n);
  drawNoise(params.noise.restart(), words, values);
  generateShiftMaps(values, height, width, params.alpha, params.sigma, dx, dy);
}

/**
 * The whole warp of a uint8 image (bilinear or bicubic) in WebAssembly: the same noise, fields, maps and bytes as
 * shiftMapsOf + mapCoordinates, without moving the fields and maps in and out of the module. False when unavailable.
 */
function fusedWasm(image: Image, params: ElasticWarp, out: Image): boolean {
  const pad = elasticPadding(params.sigma);
  return elasticU8Wasm({
    // mapCoordinates truncates a uint8 cval; remap then saturates it.
    ...samplingJob(image, out, params.mode, Math.trunc(params.cval)),
    pad,
    kernel: kernelFor(params.sigma, pad),
    alpha32: Math.fround(params.alpha),
    seed: (u32, at) => params.noise.restart().nextXoshiroSeed(u32, at),
    order: params.order as 1 | 3,
    wtab: cubicWeightsU8(),
  });
}

/**
 * ElasticTransformation's pixels: warps `image` into `out` (same shape, not sharing its memory) along the
 * displacement fields of `warp` ({@link shiftMapsOf}), sampled as {@link mapCoordinates} does. alpha 0 (zero
 * fields) and empty images copy the input, which is what the warp would give.
 */
export function elasticWarp(image: Image, warp: ElasticWarp, out: Image): void {
  if (warp.alpha === 0 || image.height * image.width === 0) {
    out.data.set(image.data);
    return;
  }
  warpAlongFields(image, warp, out);
}

const warpAlongFields = defineKernel({
  name: 'elasticWarp',
  reference: (image: Image, warp: ElasticWarp, out: Image): void => {
    const { height: h, width: w } = image;
    const dx = scratch.f32(FIELD_X, h * w);
    const dy = scratch.f32(FIELD_Y, h * w);
    shiftMapsOf(warp, h, w, dx, dy);
    mapCoordinates(image, dx, dy, out, warp);
  },
  // The noise, fields, maps and sampling in the module's memory, none of them copied in or out.
  wasm: fusedWasm,
  when: (image, warp) => image.data instanceof Uint8Array && warp.order !== 0,
  condition: 'uint8, bilinear or bicubic',
});
