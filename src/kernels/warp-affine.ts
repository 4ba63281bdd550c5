import { argumentError } from '../core/errors.ts';
import { type Image, type PixelArray, type UniformBatch, sharesMemory } from '../core/image.ts';
import { type BorderMode, borderIndex, isBorderMode } from './border.ts';
import { copySpan } from './copy.ts';
import { remapU8Wasm } from './wasm/remap.ts';
import type { SamplingJob } from './wasm/sampling.ts';
import { type WarpLinearJob, warpLinearU8EachWasm, warpLinearU8Wasm } from './wasm/simd.ts';

/** Interpolation order, imgaug's numbering: 0 nearest, 1 bilinear, 3 bicubic. */
export type WarpOrder = 0 | 1 | 3;

/** How {@link warpAffine} samples the input. */
export interface WarpAffineOptions {
  /** 0 nearest, 1 bilinear, 3 bicubic (OpenCV's INTER_NEAREST, INTER_LINEAR, INTER_CUBIC). */
  readonly order: WarpOrder;
  /** How pixels outside the input are read (see `border.ts`). */
  readonly mode: BorderMode;
  /** The value read outside the input under `mode: 'constant'`, the same for every channel. */
  readonly cval: number;
}

// OpenCV's fixed-point constants (imgwarp.cpp): coordinates in 1/1024 pixel, interpolation tables in 1/32 pixel,
// table weights in 1/32768.
const AB_BITS = 10;
const AB_SCALE = 1 << AB_BITS;
const INTER_BITS = 5;
const INTER_TAB_SIZE = 1 << INTER_BITS;
const INTER_TAB_SIZE2 = INTER_TAB_SIZE * INTER_TAB_SIZE;
const COEF_SCALE = 1 << 15;
const COEF_ROUND = 1 << 14;

/** cvRound on x86-64: round half to even; out of int32 range (or NaN) gives INT_MIN, as `cvtsd2si` does. */
function cvRound(v: number): number {
  if (!(v >= -2147483648.5 && v < 2147483647.5)) return -2147483648;
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return r;
}

/** saturate_cast<short>: the warp stores integer source coordinates as int16. */
function toShort(v: number): number {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

// ---------------------------------------------------------------------------------------------------- tables

/** The 1/32-pixel weight tables, built once like OpenCV's initInterTab2D (float weights and 15-bit integers). */
interface Tables {
  readonly linearI: Int32Array;
  readonly linearF: Float64Array;
  readonly cubicI: Int32Array;
  readonly cubicF: Float64Array;
}

let tables: Tables | undefined;

function cubicCoeffs(x: number, out: Float64Array, at: number): void {
  // OpenCV's interpolateCubic with A = -0.75, evaluated in float32 step by step.
  const f = Math.fround;
  const A = -0.75;
  const x1 = f(x + 1);
  let t = f(f(A * x1) - 5 * A);
  t = f(f(t * x1) + 8 * A);
  const c0 = f(f(t * x1) - 4 * A);
  t = f(f((A + 2) * x) - (A + 3));
  const c1 = f(f(f(t * x) * x) + 1);
  const y = f(1 - x);
  t = f(f((A + 2) * y) - (A + 3));
  const c2 = f(f(f(t * y) * y) + 1);
  const c3 = f(f(f(1 - c0) - c1) - c2);
  out[at] = c0;
  out[at + 1] = c1;
  out[at + 2] = c2;
  out[at + 3] = c3;
}

function roundHalfEvenToShort(v: number): number {
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return toShort(r);
}

function build2D(ksize: number, oneD: Float64Array): { i: Int32Array; f: Float64Array } {
  const n = ksize * ksize;
  const itab = new Int32Array(INTER_TAB_SIZE2 * n);
  const ftab = new Float64Array(INTER_TAB_SIZE2 * n);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const base = (i * INTER_TAB_SIZE + j) * n;
      let isum = 0;
      for (let k1 = 0; k1 < ksize; k1++) {
        const vy = oneD[i * ksize + k1];
        for (let k2 = 0; k2 < ksize; k2++) {
          const v = Math.fround(vy * oneD[j * ksize + k2]);
          ftab[base + k1 * ksize + k2] = v;
          const w = roundHalfEvenToShort(v * COEF_SCALE);
          itab[base + k1 * ksize + k2] = w;
          isum += w;
        }
      }
      if (isum !== COEF_SCALE) {
        // OpenCV moves the rounding error onto the largest (or smallest) of the four entries starting at
        // (ksize/2, ksize/2). For ksize 2 that window runs past the cell into the next one, which is still all
        // zeros when this runs; reading `itab` before the next cell is filled reproduces that exactly.
        const diff = isum - COEF_SCALE;
        const h = ksize >> 1;
        let mk = base + h * ksize + h;
        let Mk = mk;
        for (let k1 = h; k1 < h + 2; k1++) {
          for (let k2 = h; k2 < h + 2; k2++) {
            const at = base + k1 * ksize + k2;
            const v = at < itab.length ? itab[at] : 0;
            if (v < itab[mk]) mk = at;
            else if (v > itab[Mk]) Mk = at;
          }
        }
        if (diff < 0) itab[Mk] -= diff;
        else itab[mk] -= diff;
      }
    }
  }
  return { i: itab, f: ftab };
}

/** OpenCV's bicubic uint8 weights: 16 per 1/32 × 1/32 cell (in 1/32768, summing to 32768), built once. */
export function cubicWeightsU8(): Int32Array {
  return getTables().cubicI;
}

function getTables(): Tables {
  if (tables) return tables;
  const lin1 = new Float64Array(INTER_TAB_SIZE * 2);
  const cub1 = new Float64Array(INTER_TAB_SIZE * 4);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    const x = i / INTER_TAB_SIZE;
    lin1[i * 2] = 1 - x;
    lin1[i * 2 + 1] = x;
    cubicCoeffs(x, cub1, i * 4);
  }
  const lin = build2D(2, lin1);
  const cub = build2D(4, cub1);
  tables = { linearI: lin.i, linearF: lin.f, cubicI: cub.i, cubicF: cub.f };
  return tables;
}

// ---------------------------------------------------------------------------------------------------- scratch

// Per-column parts of the source coordinates, reused across calls (kernels are synchronous). They depend only on
// the inverse matrix's first column, which a batch with a constant angle and scale shares: the last one is kept.
let colX = new Int32Array(64);
let colY = new Int32Array(64);
let colIa = Number.NaN;
let colId = Number.NaN;
let colFilled = 0;

function columns(ia: number, id: number, width: number): void {
  if (ia === colIa && id === colId && width <= colFilled) return;
  if (colX.length < width) {
    colX = new Int32Array(width);
    colY = new Int32Array(width);
  }
  const ax = colX;
  const ay = colY;
  for (let x = 0; x < width; x++) {
    ax[x] = cvRound(ia * x * AB_SCALE);
    ay[x] = cvRound(id * x * AB_SCALE);
  }
  colIa = ia;
  colId = id;
  colFilled = width;
}

const SHORT_MAX = 32767;

/**
 * A border table: the element offset read at every integer coordinate −off … n − 1 − off of an axis of `len` pixels
 * (borderIndex · step), or -1 for cval. It spans a few axis lengths around the axis; taps beyond it (near-singular
 * matrices) call borderIndex. Tables depend only on (len, step, mode), so the last few are kept.
 */
interface Axis {
  readonly table: Int32Array;
  readonly n: number;
  readonly off: number;
  readonly len: number;
  readonly step: number;
  readonly mode: BorderMode;
}

const axisCache: Axis[] = [];

/**
 * What the WebAssembly samplers (src/kernels/wasm/sampling.ts) need besides positions, for sampling the uint8 image
 * `src` into `out` under `mode`: both buffers and sizes, both border tables, cval (rounded half to even and clipped
 * to 0–255) and whether it is used.
 */
export function samplingJob(src: Image, out: Image, mode: BorderMode, cval: number): SamplingJob {
  const bx = borderAxis(src.width, src.channels, mode);
  const by = borderAxis(src.height, src.width * src.channels, mode);
  return {
    src: src.data as Uint8Array,
    out: out.data as Uint8Array,
    sw: src.width,
    sh: src.height,
    cn: src.channels,
    ow: out.width,
    oh: out.height,
    tx: bx.table,
    txOff: bx.off,
    ty: by.table,
    tyOff: by.off,
    cval: Math.min(255, Math.max(0, cvRound(cval))),
    constant: mode === 'constant',
  };
}

function borderAxis(len: number, step: number, mode: BorderMode): Axis {
  for (let i = 0; i < axisCache.length; i++) {
    const a = axisCache[i];
    if (a.len === len && a.step === step && a.mode === mode) return a;
  }
  const from = -2 * len - 64;
  const n = 5 * len + 129;
  const table = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = borderIndex(from + i, len, mode);
    table[i] = p < 0 ? -1 : p * step;
  }
  const axis: Axis = { table, n, off: -from, len, step, mode };
  // Two axes per call; a handful of entries covers alternating shapes and modes without growing.
  if (axisCache.length >= 8) axisCache.pop();
  axisCache.unshift(axis);
  return axis;
}

/** The element offset read at coordinate p on an axis (borderIndex · step), or -1 for cval. */
function tap(a: Axis, p: number): number {
  const i = p + a.off;
  if (i >= 0 && i < a.n) return a.table[i];
  const q = borderIndex(p, a.len, a.mode);
  return q < 0 ? -1 : q * a.step;
}

// ---------------------------------------------------------------------------------------------------- validation

function validate(
  owner: string,
  src: Image,
  matrix: ArrayLike<number>,
  out: Image,
  options: WarpAffineOptions,
  n: number,
): void {
  validateBuffers(owner, src, out, n);
  validateWarp(owner, matrix, options);
}

/** Checks that `src` and `out` hold `n` images each, of one channel count and dtype, in memory that does not overlap. */
export function validateBuffers(owner: string, src: Image, out: Image, n: number): void {
  if (src.data.length !== n * src.height * src.width * src.channels) {
    throw argumentError(owner, 'src.data', `of length ${n * src.height * src.width * src.channels}`, src.data);
  }
  if (out.data.length !== n * out.height * out.width * out.channels) {
    throw argumentError(owner, 'out.data', `of length ${n * out.height * out.width * out.channels}`, out.data);
  }
  if (out.channels !== src.channels) {
    throw argumentError(owner, 'out.channels', `${src.channels} like src.channels`, out.channels);
  }
  if (out.data instanceof Uint8Array !== src.data instanceof Uint8Array) {
    throw argumentError(owner, 'out.data', 'of the same dtype as src.data', out.data, 'type');
  }
  if (sharesMemory(src.data, out.data)) {
    throw argumentError(owner, 'out', 'a buffer that does not overlap src', 'the same memory as src');
  }
}

/** Checks one matrix and its warp options. */
function validateWarp(owner: string, matrix: ArrayLike<number>, options: WarpAffineOptions): void {
  if (matrix === null || typeof matrix !== 'object' || typeof matrix.length !== 'number' || matrix.length < 6) {
    throw argumentError(owner, 'matrix', 'six numbers [a, b, c, d, e, f]', matrix, 'type');
  }
  // One test in the usual case (a sum of numbers is finite only if each is, barring overflow), then the culprit.
  const m = matrix;
  let numbers = true;
  for (let i = 0; i < 6; i++) if (typeof (m[i] as unknown) !== 'number') numbers = false;
  if (!numbers || !Number.isFinite(m[0] + m[1] + m[2] + m[3] + m[4] + m[5])) {
    for (let i = 0; i < 6; i++) {
      if (!Number.isFinite(matrix[i])) throw argumentError(owner, `matrix[${i}]`, 'a finite number', matrix[i]);
    }
  }
  validateOptions(owner, options);
}

/** Checks the interpolation order, border mode and fill value. */
export function validateOptions(owner: string, options: WarpAffineOptions): void {
  const { order, mode, cval } = options;
  if (order !== 0 && order !== 1 && order !== 3) throw argumentError(owner, 'order', '0, 1 or 3', order);
  if (!isBorderMode(mode)) {
    throw argumentError(owner, 'mode', "'constant', 'edge', 'symmetric', 'reflect' or 'wrap'", mode);
  }
  if (typeof cval !== 'number' || Number.isNaN(cval)) throw argumentError(owner, 'cval', 'a number', cval, 'type');
}

// ---------------------------------------------------------------------------------------------------- kernel

/**
 * Warps an image by an affine matrix into `out`, sampling each output pixel from the input the way OpenCV's
 * `warpAffine` does (which is what imgaug 0.4.0 runs for Affine).
 *
 * `matrix` is the forward 2×3 matrix `[a, b, c, d, e, f]` (input → output: x' = a·x + b·y + c, y' = d·x + e·y + f,
 * pixel centres at integer coordinates); a row-major 3×3 matrix works too, its first six numbers are the same.
 * It is inverted in double precision as OpenCV does. The output size is `out`'s; `out` must have the input's
 * channel count and dtype, and may not share memory with the input. Returns `out`.
 *
 * uint8 images follow OpenCV's fixed-point arithmetic bit for bit: source coordinates in 1/1024 pixel rounded
 * half to even, nearest taking the pixel under the coordinate, bilinear and bicubic reading 2×2 or 4×4 taps at
 * 1/32-pixel positions with 15-bit integer weights, rounded and clipped to 0–255; `cval` is rounded half to even
 * and clipped. float32 images use the same 1/32-pixel positions with float weights, `cval` as given, and are not
 * clipped. Under `mode: 'constant'` every tap outside the input reads `cval`, so bilinear and bicubic edges are
 * blends of image and `cval`. Any channel count works; 1, 3 and 4 channels have dedicated loops.
 *
 * @example warpAffine(image, [1, 0, 3, 0, 1, 0], out, { order: 0, mode: 'constant', cval: 0 }) // 3 px right
 * @example warpAffine(image, [-1, 0, w - 1, 0, -1, h - 1], out, { order: 1, mode: 'edge', cval: 0 }) // 180°
 */
export function warpAffine<A extends PixelArray>(
  src: Image<A>,
  matrix: ArrayLike<number>,
  out: Image<A>,
  options: WarpAffineOptions,
): Image<A> {
  validate('warpAffine', src, matrix, out, options, 1);
  warp(src, matrix, out, options, 1);
  return out;
}

/**
 * Warps `src.n` images of one size by the same affine matrix into `out` (`out.n` images of `out`'s size), giving
 * exactly the bytes of {@link warpAffine} on each image. Source coordinates, interpolation weights and border
 * lookups are computed once per output pixel and applied to every image, which makes a batch of small images
 * sharing one transformation several times cheaper than one call per image. `out` may not share memory with `src`.
 * Returns `out`.
 *
 * @example warpAffineBatch(batch, [2, 0, -13.5, 0, 2, -13.5], out, { order: 1, mode: 'constant', cval: 0 }) // zoom
 */
export function warpAffineBatch<A extends PixelArray>(
  src: UniformBatch<A>,
  matrix: ArrayLike<number>,
  out: UniformBatch<A>,
  options: WarpAffineOptions,
): UniformBatch<A> {
  const n = src.n;
  if (!Number.isInteger(n) || n < 0 || out.n !== n) {
    throw argumentError('warpAffineBatch', 'out.n', `${n} like src.n`, out.n);
  }
  validate('warpAffineBatch', src, matrix, out, options, n);
  if (n > 0) warp(src, matrix, out, options, n);
  return out;
}

const inverse = new Float64Array(6);

/**
 * Writes the inverse of the 2×3 `matrix` to `into[at … at + 6)`, in double exactly as OpenCV's warpAffine does; a
 * singular matrix gives all zeros in its linear part, as in OpenCV.
 */
export function invertAffineInto(matrix: ArrayLike<number>, into: Float64Array | number[], at: number): void {
  const m0 = matrix[0];
  const m1 = matrix[1];
  const m2 = matrix[2];
  const m3 = matrix[3];
  const m4 = matrix[4];
  const m5 = matrix[5];
  let det = m0 * m4 - m1 * m3;
  det = det !== 0 ? 1 / det : 0;
  const ia = m4 * det;
  const ib = m1 * -det;
  const id = m3 * -det;
  const ie = m0 * det;
  into[at] = ia;
  into[at + 1] = ib;
  into[at + 2] = -ia * m2 - ib * m5;
  into[at + 3] = id;
  into[at + 4] = ie;
  into[at + 5] = -id * m2 - ie * m5;
}

/**
 * Warps image k of `src` by `matrices[k]` with `options[k]` into image k of `out` (every output of `out`'s size),
 * giving exactly the bytes of {@link warpAffine} image by image. uint8 bilinear images go to the WebAssembly kernel
 * together, one call per border mode, which saves most of the per-image cost on small images; the others are warped
 * one by one. `out` may not share memory with `src`. With `only` (image indices, increasing), just those images are
 * warped and the others' outputs are left as they are. Returns `out`.
 *
 * @example warpAffineEach(batch, [m0, m1], out, [opts, opts]) // two images, two rotations
 */
export function warpAffineEach<A extends PixelArray>(
  src: UniformBatch<A>,
  matrices: readonly ArrayLike<number>[],
  out: UniformBatch<A>,
  options: readonly WarpAffineOptions[],
  only?: readonly number[],
): UniformBatch<A> {
  const n = src.n;
  if (!Number.isInteger(n) || n < 0 || out.n !== n) {
    throw argumentError('warpAffineEach', 'out.n', `${n} like src.n`, out.n);
  }
  if (matrices.length !== n) throw argumentError('warpAffineEach', 'matrices', `${n} matrices`, matrices.length);
  if (options.length !== n) throw argumentError('warpAffineEach', 'options', `${n} options`, options.length);
  validateBuffers('warpAffineEach', src, out, n);
  const list = only ?? Array.from({ length: n }, (_, k) => k);
  for (let j = 0; j < list.length; j++) {
    const k = list[j];
    if (!Number.isInteger(k) || k < 0 || k >= n || (j > 0 && k <= list[j - 1])) {
      throw argumentError('warpAffineEach', `only[${j}]`, `increasing image indices in 0…${n - 1}`, k);
    }
    validateWarp('warpAffineEach', matrices[k], options[k]);
  }
  const size = src.height * src.width * src.channels;
  const osize = out.height * out.width * out.channels;
  // 1 once an image is warped, 2 when the WebAssembly kernel declined it; uint8 bilinear images go to that kernel,
  // one call per border mode.
  const done = new Uint8Array(n);
  if (src.data instanceof Uint8Array) {
    for (let first = 0; first < list.length; first++) {
      const k0 = list[first];
      const mode = options[k0].mode;
      if (options[k0].order !== 1 || done[k0] !== 0) continue;
      let count = 0;
      for (let j = first; j < list.length; j++) {
        const o = options[list[j]];
        if (o.order === 1 && o.mode === mode && done[list[j]] === 0) count++;
      }
      const { images, inv, cvals } = jobArrays(count);
      for (let j = first, i = 0; i < count; j++) {
        const k = list[j];
        const o = options[k];
        if (o.order !== 1 || o.mode !== mode || done[k] !== 0) continue;
        images[i] = k;
        invertAffineInto(matrices[k], inv, 6 * i);
        cvals[i] = Math.min(255, Math.max(0, cvRound(o.cval)));
        done[k] = 1;
        i++;
      }
      const ax = borderAxis(src.width, src.channels, mode);
      const ay = borderAxis(src.height, src.width * src.channels, mode);
      const failed = warpLinearU8EachWasm({
        src: src.data,
        out: out.data as Uint8Array,
        images,
        inv,
        cvals,
        sw: src.width,
        sh: src.height,
        cn: src.channels,
        ow: out.width,
        oh: out.height,
        tx: ax.table,
        txOff: ax.off,
        ty: ay.table,
        tyOff: ay.off,
        constant: mode === 'constant',
      });
      if (failed === null) {
        for (const k of images) done[k] = 0;
        break;
      }
      for (const i of failed) done[images[i]] = 2;
    }
  }
  for (const k of list) {
    if (done[k] === 1) continue;
    warp(
      { ...src, data: src.data.subarray(k * size, (k + 1) * size) },
      matrices[k],
      { ...out, data: out.data.subarray(k * osize, (k + 1) * osize) },
      options[k],
      1,
    );
  }
  return out;
}

// The WebAssembly job's per-image arrays, kept for the next call of the same count (batches repeat their size).
let lastJob = { images: new Int32Array(0), inv: new Float64Array(0), cvals: new Int32Array(0) };

function jobArrays(count: number): typeof lastJob {
  if (lastJob.images.length !== count) {
    lastJob = { images: new Int32Array(count), inv: new Float64Array(6 * count), cvals: new Int32Array(count) };
  }
  return lastJob;
}

/** Only uint8 bilinear has loops that visit every image per output pixel; other batches go image by image. */
function warp(src: Image, matrix: ArrayLike<number>, out: Image, options: WarpAffineOptions, n: number): void {
  const u8 = src.data instanceof Uint8Array;
  if (n > 1 && !(u8 && options.order === 1)) {
    const size = src.height * src.width * src.channels;
    const osize = out.height * out.width * out.channels;
    for (let k = 0; k < n; k++) {
      const s = { ...src, data: src.data.subarray(k * size, (k + 1) * size) };
      warp(s, matrix, { ...out, data: out.data.subarray(k * osize, (k + 1) * osize) }, options, 1);
    }
    return;
  }
  const { order, mode } = options;
  // saturate_cast<uchar>(double) for uint8; float32 reads cval as a float.
  const cval = u8 ? Math.min(255, Math.max(0, cvRound(options.cval))) : Math.fround(options.cval);

  invertAffineInto(matrix, inverse, 0);
  const ia = inverse[0];
  const ib = inverse[1];
  const ic = inverse[2];
  const id = inverse[3];
  const ie = inverse[4];
  const iff = inverse[5];

  const ow = out.width;
  const oh = out.height;
  columns(ia, id, ow);
  const ax = colX;
  const ay = colY;
  const delta = order === 0 ? AB_SCALE >> 1 : AB_SCALE >> (INTER_BITS + 1);

  // Whole-pixel shifts (the walkthrough's translatePx, flips of no axis, identity-like matrices): when every column
  // steps exactly one source pixel and no row has a sub-pixel fraction, each output row is a run of one source row,
  // and the interpolation weights are exactly (1, 0, …), so copying gives the same bytes as the fixed-point path.
  const size = src.height * src.width * src.channels;
  const osize = out.height * out.width * out.channels;
  // The rows are checked once for all n images, which share the matrix.
  if (planShiftRows(out.width, out.height, ib, ic, ie, iff, delta, order)) {
    if (n === 1) shiftRows(src, out, mode, cval);
    else {
      for (let k = 0; k < n; k++) {
        const s = { ...src, data: src.data.subarray(k * size, (k + 1) * size) };
        shiftRows(s, { ...out, data: out.data.subarray(k * osize, (k + 1) * osize) }, mode, cval);
      }
    }
    return;
  }

  // The fast interior path relies on the source coordinate being monotone along a row, which holds unless the
  // fixed-point sums overflow int32 (coordinates beyond ~2 million pixels); then every pixel takes the careful path.
  let safe = true;
  for (let corner = 0; corner < 4; corner++) {
    const x = corner & 1 ? ow - 1 : 0;
    const y = corner & 2 ? oh - 1 : 0;
    const sx = ia * x + ib * y + ic;
    const sy = id * x + ie * y + iff;
    if (!(Math.abs(sx) < 1 << 20 && Math.abs(sy) < 1 << 20)) safe = false;
  }

  const sw = src.width;
  const sh = src.height;
  const cn = src.channels;
  const taps = order === 0 ? 1 : order === 1 ? 2 : 4;
  const lo = order === 3 ? 1 : 0;
  const spanX = sw - taps + 1;
  const spanY = sh - taps + 1;
  const t = order === 0 ? undefined : getTables();
  const interior = n === 1 ? pickInterior(u8, order, cn) : pickInteriorBatch(cn);
  const border = n === 1 ? pickBorder(u8, order, cn) : (borderLinear8Batch as Border);
  const wI = t ? (order === 1 ? t.linearI : t.cubicI) : EMPTY_I;
  const wF = t ? (order === 1 ? t.linearF : t.cubicF) : EMPTY_F;
  const s = src.data;
  const d = out.data;
  // uint8 loops read several bytes at once through a DataView (one per call, not per pixel).
  const dv = u8 ? new DataView(s.buffer, s.byteOffset, s.byteLength) : EMPTY_DV;

  // Border lookup tables: for every integer source column (row) near the image, the element offset of the pixel
  // read there (borderIndex · cn, or · width · cn), or -1 for cval. The border loops then need no per-tap mode logic.
  const ax0 = borderAxis(sw, cn, mode);
  const ay0 = borderAxis(sh, sw * cn, mode);

  // Under constant, pixels with no tap inside the image are cval. Their integer source positions lie outside
  // [tlo, tlo + touch) on some axis; like the interior pixels they form runs, here at the ends of
  // a row, which are filled without per-pixel work.
  const fillRuns = safe && mode === 'constant';
  const tlo = lo - taps + 1;
  const touchX = sw + taps - 1;
  const touchY = sh + taps - 1;

  // uint8 bilinear: the same loops as below, compiled from wasm/warp.c (same bytes; TypeScript where unavailable).
  if (u8 && order === 1) {
    const rowX0 = growRows(oh, 0);
    const rowY0 = growRows(oh, 1);
    for (let y = 0; y < oh; y++) {
      rowX0[y] = (cvRound((ib * y + ic) * AB_SCALE) + delta) | 0;
      rowY0[y] = (cvRound((ie * y + iff) * AB_SCALE) + delta) | 0;
    }
    const job: WarpLinearJob = {
      src: s as Uint8Array,
      out: d as Uint8Array,
      n,
      sw,
      sh,
      cn,
      ow,
      oh,
      rowX0,
      rowY0,
      ax,
      ay,
      tx: ax0.table,
      txOff: ax0.off,
      ty: ay0.table,
      tyOff: ay0.off,
      cval,
      safe,
      fill: fillRuns,
    };
    if (warpLinearU8Wasm(job)) return;
  }

  for (let y = 0; y < oh; y++) {
    const X0 = (cvRound((ib * y + ic) * AB_SCALE) + delta) | 0;
    const Y0 = (cvRound((ie * y + iff) * AB_SCALE) + delta) | 0;
    const row = y * ow * cn;
    let tl = 0;
    let tr = ow;
    if (fillRuns) {
      while (
        tl < ow &&
        !((((X0 + ax[tl]) >> AB_BITS) - tlo) >>> 0 < touchX && (((Y0 + ay[tl]) >> AB_BITS) - tlo) >>> 0 < touchY)
      ) {
        tl++;
      }
      while (
        tr > tl &&
        !(
          (((X0 + ax[tr - 1]) >> AB_BITS) - tlo) >>> 0 < touchX && (((Y0 + ay[tr - 1]) >> AB_BITS) - tlo) >>> 0 < touchY
        )
      ) {
        tr--;
      }
      for (let k = 0, r = row; k < n; k++, r += osize) {
        if (tl > 0) fillRun(d, cval, r, r + tl * cn);
        if (tr < ow) fillRun(d, cval, r + tr * cn, r + ow * cn);
      }
    }
    let xl = tl;
    let xr = tl;
    if (safe && spanX > 0 && spanY > 0) {
      // Source positions along a row are monotone, so the pixels whose taps are all inside form one run [xl, xr).
      while (
        xl < tr &&
        !((((X0 + ax[xl]) >> AB_BITS) - lo) >>> 0 < spanX && (((Y0 + ay[xl]) >> AB_BITS) - lo) >>> 0 < spanY)
      ) {
        xl++;
      }
      xr = tr;
      while (
        xr > xl &&
        !((((X0 + ax[xr - 1]) >> AB_BITS) - lo) >>> 0 < spanX && (((Y0 + ay[xr - 1]) >> AB_BITS) - lo) >>> 0 < spanY)
      ) {
        xr--;
      }
    }
    if (xl < xr) {
      if (tl < xl) border(s, cn, d, row, X0, Y0, ax, ay, tl, xl, ax0, ay0, cval, u8, wI, wF, n, size, osize);
      interior(s, sw * cn, d, row, X0, Y0, ax, ay, xl, xr, cn, wI, wF, dv, n, size, osize);
      if (xr < tr) border(s, cn, d, row, X0, Y0, ax, ay, xr, tr, ax0, ay0, cval, u8, wI, wF, n, size, osize);
    } else if (tl < tr) {
      border(s, cn, d, row, X0, Y0, ax, ay, tl, tr, ax0, ay0, cval, u8, wI, wF, n, size, osize);
    }
  }
}

// ---------------------------------------------------------------------------------------------------- remap

/** Source coordinates beyond ±2^20 pixels are read there: OpenCV saturates them to int16 anyway, as `toShort` does. */
const MAP_LIMIT = 1 << 20;
let remapX = new Int32Array(64);
let remapY = new Int32Array(64);

/**
 * Samples `src` at a source position given per output pixel, the way OpenCV's `remap` does with the fixed-point
 * maps `convertMaps` makes (`CV_16SC2` plus a 1/32-pixel fraction): `mapX[i]` and `mapY[i]` belong to output pixel
 * `i = y · out.width + x`. For bilinear and bicubic they are in 1/32 pixel (whole part `>> 5`, fraction `& 31`),
 * for nearest in whole pixels. Interpolation, border modes, `cval` and rounding are those of {@link warpAffine},
 * which is this with the coordinates an affine matrix gives. `out` may not share memory with `src`. Returns `out`.
 *
 * @example remap(image, Int32Array.of(64, 32), Int32Array.of(0, 0), out, opts) // 1×2 output: pixels (2, 0), (1, 0)
 */
export function remap<A extends PixelArray>(
  src: Image<A>,
  mapX: Int32Array,
  mapY: Int32Array,
  out: Image<A>,
  options: WarpAffineOptions,
): Image<A> {
  const owner = 'remap';
  validateBuffers(owner, src, out, 1);
  validateOptions(owner, options);
  const count = out.height * out.width;
  if (!(mapX instanceof Int32Array) || mapX.length !== count) {
    throw argumentError(owner, 'mapX', `an Int32Array of length ${count} (out.height × out.width)`, mapX, 'type');
  }
  if (!(mapY instanceof Int32Array) || mapY.length !== count) {
    throw argumentError(owner, 'mapY', `an Int32Array of length ${count} (out.height × out.width)`, mapY, 'type');
  }
  if (count > 0) {
    const ow = out.width;
    const { order, mode } = options;
    if (src.data instanceof Uint8Array && order !== 0) {
      const done = remapU8Wasm({
        ...samplingJob(src, out, mode, options.cval),
        mapX,
        mapY,
        order,
        wtab: order === 3 ? getTables().cubicI : EMPTY_I,
      });
      if (done) return out;
    }
    sampleRows(src, out, options, (y, ax, ay) => {
      ax.set(mapX.subarray(y * ow, (y + 1) * ow));
      ay.set(mapY.subarray(y * ow, (y + 1) * ow));
    });
  }
  return out;
}

/**
 * Fills one output row's source positions: `ax[x]`, `ay[x]` for x < out.width, in 1/32 pixel for bilinear and
 * bicubic, in whole pixels for nearest (the units of {@link remap}'s maps).
 */
export type RowPositions = (y: number, ax: Int32Array, ay: Int32Array) => void;

let rowClass = new Uint8Array(64);

/**
 * The engine of {@link remap} (and of warpPerspective, which computes positions row by row instead of storing maps):
 * for each output row, `positions` gives the source positions, and runs of pixels go to warpAffine's interior loops
 * (every tap inside), a cval fill (constant mode, no tap inside) or the border loops. Arguments are not checked.
 */
export function sampleRows(src: Image, out: Image, options: WarpAffineOptions, positions: RowPositions): void {
  const u8 = src.data instanceof Uint8Array;
  const { order, mode } = options;
  const cval = u8 ? Math.min(255, Math.max(0, cvRound(options.cval))) : Math.fround(options.cval);
  const { width: sw, height: sh, channels: cn } = src;
  const { width: ow, height: oh } = out;
  const taps = order === 0 ? 1 : order === 1 ? 2 : 4;
  const lo = order === 3 ? 1 : 0;
  const spanX = sw - taps + 1;
  const spanY = sh - taps + 1;
  const t = order === 0 ? undefined : getTables();
  const interior = pickInterior(u8, order, cn);
  const border = pickBorder(u8, order, cn);
  const wI = t ? (order === 1 ? t.linearI : t.cubicI) : EMPTY_I;
  const wF = t ? (order === 1 ? t.linearF : t.cubicF) : EMPTY_F;
  const s = src.data;
  const d = out.data;
  const dv = u8 ? new DataView(s.buffer, s.byteOffset, s.byteLength) : EMPTY_DV;
  const bx = borderAxis(sw, cn, mode);
  const by = borderAxis(sh, sw * cn, mode);
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  // The loops read positions in 1/1024 pixel (warpAffine's AB units): shift the map's units up to them.
  const shift = order === 0 ? AB_BITS : AB_BITS - INTER_BITS;
  const limit = order === 0 ? MAP_LIMIT : MAP_LIMIT << INTER_BITS;
  const frac = order === 0 ? 0 : INTER_TAB_SIZE - 1;
  if (remapX.length < ow) {
    remapX = new Int32Array(ow);
    remapY = new Int32Array(ow);
    rowClass = new Uint8Array(ow);
  }
  const ax = remapX;
  const ay = remapY;
  const cls = rowClass;
  // An image smaller than the kernel has no interior: the span check then fails for every pixel.
  const spanXOk = spanX > 0 ? spanX : 0;
  const spanYOk = spanY > 0 ? spanY : 0;
  // Under constant, a pixel with no tap inside is cval exactly (OpenCV's remap sets it without blending).
  const constant = mode === 'constant';
  const tlo = lo - taps + 1;
  const touchX = sw + taps - 1;
  const touchY = sh + taps - 1;
  for (let y = 0; y < oh; y++) {
    positions(y, ax, ay);
    // Clamp far positions (keeping the 1/32 fraction, as OpenCV keeps it while saturating the whole part), scale
    // to AB units, and class each pixel: 1 every tap inside, 0 no tap inside under constant, 2 the border loops.
    for (let x = 0; x < ow; x++) {
      const mx = ax[x];
      const my = ay[x];
      const px = (mx < -limit ? -limit | (mx & frac) : mx > limit ? limit | (mx & frac) : mx) << shift;
      const py = (my < -limit ? -limit | (my & frac) : my > limit ? limit | (my & frac) : my) << shift;
      ax[x] = px;
      ay[x] = py;
      const X = px >> AB_BITS;
      const Y = py >> AB_BITS;
      cls[x] =
        (X - lo) >>> 0 < spanXOk && (Y - lo) >>> 0 < spanYOk
          ? 1
          : constant && !((X - tlo) >>> 0 < touchX && (Y - tlo) >>> 0 < touchY)
            ? 0
            : 2;
    }
    const row = y * ow * cn;
    let x = 0;
    while (x < ow) {
      const start = x;
      const k = cls[x];
      x++;
      while (x < ow && cls[x] === k) x++;
      if (k === 1) interior(s, sw * cn, d, row, 0, 0, ax, ay, start, x, cn, wI, wF, dv, 1, size, osize);
      else if (k === 0) fillRun(d, cval, row + start * cn, row + x * cn);
      else border(s, cn, d, row, 0, 0, ax, ay, start, x, bx, by, cval, u8, wI, wF, 1, size, osize);
    }
  }
}

let rowStarts: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/** Scratch for the per-row start coordinates handed to the WebAssembly kernel (0: x, 1: y). */
function growRows(n: number, which: 0 | 1): Int32Array {
  if (rowStarts[which].length < n) rowStarts = [new Int32Array(n), new Int32Array(n)];
  return rowStarts[which];
}

let shiftRowX = new Int32Array(64);
let shiftRowY = new Int32Array(64);
// Whether the planned rows all start at the same x and at consecutive y: one translation for the whole image.
let shiftIsTranslation = false;

/**
 * The whole-pixel shift fast path of `warpAffine`, its check: false unless the fixed-point source coordinates are
 * `x + kx` along every row and `ky` down every column with zero fractions, which the checks below establish from the
 * same cvRound arithmetic the general path uses (the column coordinates must be in colX / colY). Then each row's
 * source start is left in shiftRowX / shiftRowY, and {@link shiftRows} copies the rows of any image of that size,
 * with the border mode applied to the pixels that fall outside.
 */
function planShiftRows(
  ow: number,
  oh: number,
  ib: number,
  ic: number,
  ie: number,
  iff: number,
  delta: number,
  order: WarpOrder,
): boolean {
  for (let x = 0; x < ow; x++) if (colX[x] !== x * AB_SCALE || colY[x] !== 0) return false;
  const fracMask = order === 0 ? 0 : (INTER_TAB_SIZE - 1) << INTER_BITS;
  if (shiftRowX.length < oh) {
    shiftRowX = new Int32Array(oh);
    shiftRowY = new Int32Array(oh);
  }
  const rowX = shiftRowX;
  const rowY = shiftRowY;
  for (let y = 0; y < oh; y++) {
    const X0 = (cvRound((ib * y + ic) * AB_SCALE) + delta) | 0;
    const Y0 = (cvRound((ie * y + iff) * AB_SCALE) + delta) | 0;
    if ((X0 & fracMask) !== 0 || (Y0 & fracMask) !== 0) return false;
    rowX[y] = X0 >> AB_BITS;
    rowY[y] = Y0 >> AB_BITS;
    // OpenCV saturates source coordinates to int16; far-away shifts take the general path, which does the same.
    if (Math.abs(rowX[y]) + ow >= SHORT_MAX || Math.abs(rowY[y]) >= SHORT_MAX) return false;
  }
  let translation = true;
  for (let y = 1; y < oh && translation; y++) translation = rowX[y] === rowX[0] && rowY[y] === rowY[0] + y;
  shiftIsTranslation = translation;
  return true;
}

/** Copies one image's rows as {@link planShiftRows} found them, with the border mode applied outside the image. */
function shiftRows(src: Image, out: Image, mode: BorderMode, cval: number): void {
  const ow = out.width;
  const oh = out.height;
  const rowX = shiftRowX;
  const rowY = shiftRowY;
  const sw = src.width;
  const sh = src.height;
  const cn = src.channels;
  const s = src.data;
  const d = out.data;
  if (mode === 'constant' && sw === ow && sh === oh && shiftIsTranslation) {
    shiftBlock(s, d, sw, sh, cn, rowX[0], rowY[0], cval);
    return;
  }
  // uint8 runs shorter than a `set` call is worth are copied in 32-bit words (a byte loop costs several times more
  // per byte); the views and offsets are looked up once per image.
  const words = s instanceof Uint8Array;
  const sv = words ? viewOf(s, 0) : EMPTY_DV;
  const dv = words ? viewOf(d as Uint8Array, 1) : EMPTY_DV;
  const sOff = words ? s.byteOffset : 0;
  const dOff = words ? d.byteOffset : 0;
  for (let y = 0; y < oh; y++) {
    const row = y * ow * cn;
    const sy = borderIndex(rowY[y], sh, mode);
    if (sy < 0) {
      fillRun(d, cval, row, row + ow * cn);
      continue;
    }
    const srcRow = sy * sw * cn;
    const sx0 = rowX[y];
    // Output columns [a, b) read source columns inside the image: one contiguous copy (a plain loop for short
    // rows, where making a subarray costs more than the copy).
    const a = Math.min(ow, Math.max(0, -sx0));
    const b = Math.max(a, Math.min(ow, sw - sx0));
    const from = srcRow + (sx0 + a) * cn;
    const to = row + a * cn;
    const len = (b - a) * cn;
    if (len > 128) {
      copySpan(d, to, s, from, len);
    } else if (words) {
      const w = len & ~3;
      for (let i = 0; i < w; i += 4) dv.setUint32(dOff + to + i, sv.getUint32(sOff + from + i, true), true);
      for (let i = w; i < len; i++) d[to + i] = s[from + i];
    } else {
      for (let i = 0; i < len; i++) d[to + i] = s[from + i];
    }
    if (mode === 'constant') {
      if (a > 0) fillRun(d, cval, row, row + a * cn);
      if (b < ow) fillRun(d, cval, row + b * cn, row + ow * cn);
      continue;
    }
    for (let x = 0; x < ow; x++) {
      if (x === a) x = b;
      if (x >= ow) break;
      const sx = borderIndex(sx0 + x, sw, mode);
      const o = row + x * cn;
      for (let c = 0; c < cn; c++) d[o + c] = s[srcRow + sx * cn + c];
    }
  }
}

/**
 * A whole-pixel translation under the constant mode with the output the input's size: output (x, y) is input
 * (x + c, y + f), or cval outside. The rows that read the image are one contiguous span in both buffers (same
 * stride), so they move with one `set`; that copy also carries |c| pixels of the neighbouring source row between
 * consecutive rows, which are then filled with cval. (wasm/warp.c's shift_image does the same.)
 */
function shiftBlock(
  s: PixelArray,
  d: PixelArray,
  w: number,
  h: number,
  cn: number,
  c: number,
  f: number,
  cval: number,
) {
  const stride = w * cn;
  const y0 = Math.max(0, -f);
  const y1 = Math.min(h, h - f);
  const a = Math.min(w, Math.max(0, -c));
  const b = Math.max(a, Math.min(w, w - c));
  if (y0 >= y1 || a >= b) {
    fillRun(d, cval, 0, h * stride);
    return;
  }
  fillRun(d, cval, 0, y0 * stride);
  fillRun(d, cval, y1 * stride, h * stride);
  const from = (y0 + f) * stride + (a + c) * cn;
  copySpan(d, y0 * stride + a * cn, s, from, (y1 - y0 - 1) * stride + (b - a) * cn);
  const edge = (a + w - b) * cn;
  if (edge === 0) return;
  const at = a > 0 ? 0 : b * cn;
  for (let y = y0, r = y0 * stride + at; y < y1; y++, r += stride) fillRun(d, cval, r, r + edge);
}

// DataViews over whole buffers, kept while the buffer repeats (a batch's images share one).
let copySrcBuffer: ArrayBufferLike | undefined;
let copySrcView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
let copyDstBuffer: ArrayBufferLike | undefined;
let copyDstView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

function viewOf(a: Uint8Array, which: 0 | 1): DataView<ArrayBufferLike> {
  if (which === 0) {
    if (a.buffer !== copySrcBuffer) {
      copySrcBuffer = a.buffer;
      copySrcView = new DataView(a.buffer);
    }
    return copySrcView;
  }
  if (a.buffer !== copyDstBuffer) {
    copyDstBuffer = a.buffer;
    copyDstView = new DataView(a.buffer);
  }
  return copyDstView;
}

/** Sets d[from … to) to v: a loop for short runs, where calling `fill` costs more than the stores. */
function fillRun(d: PixelArray, v: number, from: number, to: number): void {
  if (to - from > 48) d.fill(v, from, to);
  else for (let i = from; i < to; i++) d[i] = v;
}

const EMPTY_I = new Int32Array(0);
const EMPTY_F = new Float64Array(0);
const EMPTY_DV = new DataView(new ArrayBuffer(0));

// ---------------------------------------------------------------------------------------------------- interior

/**
 * An interior loop writes output pixels [xl, xr) of one row whose taps all lie inside the source: no border
 * checks. `stride` is the source row length in elements, `row` the output row's first element.
 */
type Interior = (
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
  wI: Int32Array,
  wF: Float64Array,
  dv: DataView,
  n: number,
  size: number,
  osize: number,
) => void;

function pickInterior(u8: boolean, order: WarpOrder, cn: number): Interior {
  if (order === 0) {
    if (cn === 1) return nearestC1 as Interior;
    if (cn === 3) return nearestC3 as Interior;
    if (cn === 4) return nearestC4 as Interior;
    return nearestCn as Interior;
  }
  if (order === 1) {
    if (!u8) return cn === 1 ? linearFC1 : (linearFCn as Interior);
    // One image is a batch of one: the same loops (and the WebAssembly kernel runs first where it is available).
    return pickInteriorBatch(cn);
  }
  if (!u8) return cubicFCn as Interior;
  if (cn === 1) return cubic8C1 as Interior;
  if (cn === 3) return cubic8C3 as Interior;
  return cubic8Cn as Interior;
}

// Nearest copies values, so one loop serves uint8 and float32 (each call site sees one array type per run).
function nearestC1(
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
): void {
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    d[o] = s[(Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + ((X0 + ax[x]) >> AB_BITS)) | 0];
  }
}

function nearestC3(
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
): void {
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const i = (Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + Math.imul((X0 + ax[x]) >> AB_BITS, 3)) | 0;
    d[o] = s[i];
    d[o + 1] = s[i + 1];
    d[o + 2] = s[i + 2];
  }
}

function nearestC4(
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
): void {
  let o = row + xl * 4;
  for (let x = xl; x < xr; x++, o += 4) {
    const i = (Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + Math.imul((X0 + ax[x]) >> AB_BITS, 4)) | 0;
    d[o] = s[i];
    d[o + 1] = s[i + 1];
    d[o + 2] = s[i + 2];
    d[o + 3] = s[i + 3];
  }
}

function nearestCn(
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
): void {
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++) {
    const i = ((Y0 + ay[x]) >> AB_BITS) * stride + ((X0 + ax[x]) >> AB_BITS) * cn;
    for (let k = 0; k < cn; k++) d[o++] = s[i + k];
  }
}

// Bilinear float32: OpenCV's float table (exact products of multiples of 1/32), summed in double.
function linearFC1(
  s: PixelArray,
  stride: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  _cn: number,
  _wI: Int32Array,
  wF: Float64Array,
): void {
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const i = (Y >> INTER_BITS) * stride + (X >> INTER_BITS);
    d[o] = s[i] * wF[w] + s[i + 1] * wF[w + 1] + s[i + stride] * wF[w + 2] + s[i + stride + 1] * wF[w + 3];
  }
}

function linearFCn(
  s: Float32Array,
  stride: number,
  d: Float32Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
  _wI: Int32Array,
  wF: Float64Array,
): void {
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const w0 = wF[w];
    const w1 = wF[w + 1];
    const w2 = wF[w + 2];
    const w3 = wF[w + 3];
    const i = (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * cn;
    const j = i + stride;
    for (let k = 0; k < cn; k++) {
      d[o + k] = s[i + k] * w0 + s[i + k + cn] * w1 + s[j + k] * w2 + s[j + k + cn] * w3;
    }
  }
}

// Bicubic uint8: 16 taps with OpenCV's 15-bit 2-D table (not separable after its rounding), then
// (sum + 16384) >> 15 clipped to 0–255.
function cubic8C1(
  s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  _cn: number,
  wI: Int32Array,
  _wF: Float64Array,
  dv: DataView,
): void {
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    let i = (Math.imul((Y >> INTER_BITS) - 1, stride) + (X >> INTER_BITS) - 1) | 0;
    let sum = 0;
    // Each row's four taps come in one 32-bit read.
    for (let k = w; k < w + 16; k += 4, i += stride) {
      const t = dv.getUint32(i, true);
      sum =
        (sum +
          Math.imul(t & 255, wI[k]) +
          Math.imul((t >> 8) & 255, wI[k + 1]) +
          Math.imul((t >> 16) & 255, wI[k + 2]) +
          Math.imul(t >>> 24, wI[k + 3])) |
        0;
    }
    const v = (sum + COEF_ROUND) >> 15;
    d[o] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

function cubic8C3(
  s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  _cn: number,
  wI: Int32Array,
  _wF: Float64Array,
  dv: DataView,
): void {
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    let i = (Math.imul((Y >> INTER_BITS) - 1, stride) + Math.imul((X >> INTER_BITS) - 1, 3)) | 0;
    let r = 0;
    let g = 0;
    let b = 0;
    // A row of four RGB taps is twelve bytes: three 32-bit reads, RGBR GBRG BRGB.
    for (let k = w; k < w + 16; k += 4, i += stride) {
      const u0 = dv.getUint32(i, true);
      const u1 = dv.getUint32(i + 4, true);
      const u2 = dv.getUint32(i + 8, true);
      const c0 = wI[k];
      const c1 = wI[k + 1];
      const c2 = wI[k + 2];
      const c3 = wI[k + 3];
      r =
        (r +
          Math.imul(u0 & 255, c0) +
          Math.imul(u0 >>> 24, c1) +
          Math.imul((u1 >> 16) & 255, c2) +
          Math.imul((u2 >> 8) & 255, c3)) |
        0;
      g =
        (g +
          Math.imul((u0 >> 8) & 255, c0) +
          Math.imul(u1 & 255, c1) +
          Math.imul(u1 >>> 24, c2) +
          Math.imul((u2 >> 16) & 255, c3)) |
        0;
      b =
        (b +
          Math.imul((u0 >> 16) & 255, c0) +
          Math.imul((u1 >> 8) & 255, c1) +
          Math.imul(u2 & 255, c2) +
          Math.imul(u2 >>> 24, c3)) |
        0;
    }
    r = (r + COEF_ROUND) >> 15;
    g = (g + COEF_ROUND) >> 15;
    b = (b + COEF_ROUND) >> 15;
    d[o] = r < 0 ? 0 : r > 255 ? 255 : r;
    d[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
    d[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
}

function cubic8Cn(
  s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
  wI: Int32Array,
): void {
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    const base = ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1) * cn;
    for (let k = 0; k < cn; k++) {
      let sum = 0;
      for (let ky = 0, i = base + k, wk = w; ky < 4; ky++, i += stride) {
        sum += s[i] * wI[wk] + s[i + cn] * wI[wk + 1] + s[i + 2 * cn] * wI[wk + 2] + s[i + 3 * cn] * wI[wk + 3];
        wk += 4;
      }
      const v = (sum + COEF_ROUND) >> 15;
      d[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

function cubicFCn(
  s: Float32Array,
  stride: number,
  d: Float32Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
  _wI: Int32Array,
  wF: Float64Array,
): void {
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    const base = ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1) * cn;
    for (let k = 0; k < cn; k++) {
      let sum = 0;
      for (let ky = 0, i = base + k, wk = w; ky < 4; ky++, i += stride) {
        sum += s[i] * wF[wk] + s[i + cn] * wF[wk + 1] + s[i + 2 * cn] * wF[wk + 2] + s[i + 3 * cn] * wF[wk + 3];
        wk += 4;
      }
      d[o + k] = sum;
    }
  }
}

// ---------------------------------------------------------------------------------------------------- border

/**
 * A border loop writes output pixels [x0, x1) of one row, any of whose taps may lie outside the source. Integer
 * source coordinates are first saturated to int16 as OpenCV stores them; each tap's column and row offsets then
 * come from the border tables (`tap`), where -1 means the tap reads cval.
 */
type Border = (
  s: PixelArray,
  cn: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  x0: number,
  x1: number,
  ax0: Axis,
  ay0: Axis,
  cval: number,
  u8: boolean,
  wI: Int32Array,
  wF: Float64Array,
  n: number,
  size: number,
  osize: number,
) => void;

function pickBorder(u8: boolean, order: WarpOrder, cn: number): Border {
  if (order === 0) return borderNearest;
  if (order === 3) return borderCubic;
  if (!u8) return borderLinear;
  return borderLinear8Batch as Border;
}

function borderNearest(
  s: PixelArray,
  cn: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  x0: number,
  x1: number,
  bx: Axis,
  by: Axis,
  cval: number,
): void {
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const c = tap(bx, toShort((X0 + ax[x]) >> AB_BITS));
    const r = tap(by, toShort((Y0 + ay[x]) >> AB_BITS));
    if (c < 0 || r < 0) {
      for (let k = 0; k < cn; k++) d[o + k] = cval;
    } else {
      const i = r + c;
      for (let k = 0; k < cn; k++) d[o + k] = s[i + k];
    }
  }
}

function borderLinear(
  s: PixelArray,
  cn: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  x0: number,
  x1: number,
  bx: Axis,
  by: Axis,
  cval: number,
  u8: boolean,
  wI: Int32Array,
  wF: Float64Array,
): void {
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS);
    const sy = toShort(Y >> INTER_BITS);
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const cx0 = tap(bx, sx);
    const cx1 = tap(bx, sx + 1);
    const cy0 = tap(by, sy);
    const cy1 = tap(by, sy + 1);
    const i00 = cy0 < 0 || cx0 < 0 ? -1 : cy0 + cx0;
    const i01 = cy0 < 0 || cx1 < 0 ? -1 : cy0 + cx1;
    const i10 = cy1 < 0 || cx0 < 0 ? -1 : cy1 + cx0;
    const i11 = cy1 < 0 || cx1 < 0 ? -1 : cy1 + cx1;
    if (u8) {
      const w0 = wI[w];
      const w1 = wI[w + 1];
      const w2 = wI[w + 2];
      const w3 = wI[w + 3];
      for (let k = 0; k < cn; k++) {
        const v0 = i00 < 0 ? cval : s[i00 + k];
        const v1 = i01 < 0 ? cval : s[i01 + k];
        const v2 = i10 < 0 ? cval : s[i10 + k];
        const v3 = i11 < 0 ? cval : s[i11 + k];
        d[o + k] = (v0 * w0 + v1 * w1 + v2 * w2 + v3 * w3 + COEF_ROUND) >> 15;
      }
    } else {
      const w0 = wF[w];
      const w1 = wF[w + 1];
      const w2 = wF[w + 2];
      const w3 = wF[w + 3];
      for (let k = 0; k < cn; k++) {
        const v0 = i00 < 0 ? cval : s[i00 + k];
        const v1 = i01 < 0 ? cval : s[i01 + k];
        const v2 = i10 < 0 ? cval : s[i10 + k];
        const v3 = i11 < 0 ? cval : s[i11 + k];
        d[o + k] = v0 * w0 + v1 * w1 + v2 * w2 + v3 * w3;
      }
    }
  }
}

// Per-pixel tap offsets of the bicubic border path (4 columns, 4 rows), reused.
const cubicCols = new Int32Array(4);
const cubicRows = new Int32Array(4);

function borderCubic(
  s: PixelArray,
  cn: number,
  d: PixelArray,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  x0: number,
  x1: number,
  bx: Axis,
  by: Axis,
  cval: number,
  u8: boolean,
  wI: Int32Array,
  wF: Float64Array,
): void {
  const W: ArrayLike<number> = u8 ? wI : wF;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS) - 1;
    const sy = toShort(Y >> INTER_BITS) - 1;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    for (let i = 0; i < 4; i++) {
      cubicCols[i] = tap(bx, sx + i);
      cubicRows[i] = tap(by, sy + i);
    }
    // OpenCV sums cval·1 + Σ (tap − cval)·weight over the taps inside: the same integer as Σ weight·tap with
    // cval outside, since the weights sum to one.
    for (let k = 0; k < cn; k++) {
      let sum = 0;
      for (let i = 0, wr = w; i < 4; i++, wr += 4) {
        const r = cubicRows[i];
        if (r < 0) {
          sum += cval * (W[wr] + W[wr + 1] + W[wr + 2] + W[wr + 3]);
          continue;
        }
        const c0 = cubicCols[0];
        const c1 = cubicCols[1];
        const c2 = cubicCols[2];
        const c3 = cubicCols[3];
        sum +=
          (c0 < 0 ? cval : s[r + c0 + k]) * W[wr] +
          (c1 < 0 ? cval : s[r + c1 + k]) * W[wr + 1] +
          (c2 < 0 ? cval : s[r + c2 + k]) * W[wr + 2] +
          (c3 < 0 ? cval : s[r + c3 + k]) * W[wr + 3];
      }
      if (u8) {
        const v = (sum + COEF_ROUND) >> 15;
        d[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
      } else {
        d[o + k] = sum;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------- batch

// Batch loops (warpAffineBatch, uint8 bilinear): each output pixel's coordinates, weights and tap offsets are
// computed once, then applied to all n images (source images `size` elements apart, outputs `osize` apart). The
// arithmetic per image is that of the single-image loops above.
// Bilinear uint8. OpenCV's weights are (32−fy)(32−fx)·32 … in 1/32768 with (sum + 16384) >> 15, which equals
// (sum' + 512) >> 10 with the weights divided by 32: a plain four-product sum, or factored as two horizontal blends
// (a, b) and a vertical one, the same integer. The one table entry OpenCV adjusts (fx = fy = 0, weights 32767 and 1)
// gives the top-left tap exactly, as this formula does. These loops visit every image of a batch per output pixel
// (a single image is a batch of one); at the border, cval stands in for the taps outside and the border tables are
// read inline, with coordinates beyond the tables (near-singular matrices) going through `tap`.
function pickInteriorBatch(cn: number): Interior {
  if (cn === 1) return linear8C1Batch as Interior;
  if (cn === 3) return linear8C3Batch as Interior;
  return linear8CnBatch as Interior;
}

function linear8C1Batch(
  _s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  _cn: number,
  _wI: Int32Array,
  _wF: Float64Array,
  dv: DataView,
  n: number,
  size: number,
  osize: number,
): void {
  const span = n * osize;
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    const w11 = fx * fy;
    const w10 = (fy << 5) - w11;
    const w01 = (fx << 5) - w11;
    const w00 = 1024 - w01 - w10 - w11;
    let i = (Math.imul(Y >> INTER_BITS, stride) + (X >> INTER_BITS)) | 0;
    const end = o + span;
    for (let ok = o; ok < end; ok += osize, i += size) {
      const t = dv.getUint16(i, true);
      const u = dv.getUint16(i + stride, true);
      d[ok] = ((t & 255) * w00 + (t >> 8) * w01 + (u & 255) * w10 + (u >> 8) * w11 + 512) >> 10;
    }
  }
}

function linear8C3Batch(
  _s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  _cn: number,
  _wI: Int32Array,
  _wF: Float64Array,
  dv: DataView,
  n: number,
  size: number,
  osize: number,
): void {
  const span = n * osize;
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    // With the weights computed once per pixel for all images, the plain four-product sum (weights in 1/1024,
    // summing to 1024: the same integer as the factored form) costs fewer operations per value.
    const w11 = fx * fy;
    const w10 = (fy << 5) - w11;
    const w01 = (fx << 5) - w11;
    const w00 = 1024 - w01 - w10 - w11;
    let i = (Math.imul(Y >> INTER_BITS, stride) + Math.imul(X >> INTER_BITS, 3)) | 0;
    const end = o + span;
    for (let ok = o; ok < end; ok += osize, i += size) {
      const j = (i + stride) | 0;
      const t0 = dv.getUint32(i, true);
      const t1 = dv.getUint16(i + 4, true);
      const b0 = dv.getUint32(j, true);
      const b1 = dv.getUint16(j + 4, true);
      d[ok] = ((t0 & 255) * w00 + (t0 >>> 24) * w01 + (b0 & 255) * w10 + (b0 >>> 24) * w11 + 512) >> 10;
      d[ok + 1] = (((t0 >> 8) & 255) * w00 + (t1 & 255) * w01 + ((b0 >> 8) & 255) * w10 + (b1 & 255) * w11 + 512) >> 10;
      d[ok + 2] = (((t0 >> 16) & 255) * w00 + (t1 >> 8) * w01 + ((b0 >> 16) & 255) * w10 + (b1 >> 8) * w11 + 512) >> 10;
    }
  }
}

function linear8CnBatch(
  s: Uint8Array,
  stride: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  xl: number,
  xr: number,
  cn: number,
  _wI: Int32Array,
  _wF: Float64Array,
  _dv: DataView,
  n: number,
  size: number,
  osize: number,
): void {
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    const i0 = (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * cn;
    for (let k = 0; k < n; k++) {
      const i = i0 + k * size;
      const j = i + stride;
      const ok = o + k * osize;
      for (let c = 0; c < cn; c++) {
        const p = s[i + c];
        const q = s[j + c];
        const a = (p << 5) + fx * (s[i + c + cn] - p);
        const b = (q << 5) + fx * (s[j + c + cn] - q);
        d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
      }
    }
  }
}

function borderLinear8Batch(
  s: Uint8Array,
  cn: number,
  d: Uint8Array,
  row: number,
  X0: number,
  Y0: number,
  ax: Int32Array,
  ay: Int32Array,
  x0: number,
  x1: number,
  bx: Axis,
  by: Axis,
  cval: number,
  _u8: boolean,
  _wI: Int32Array,
  _wF: Float64Array,
  n: number,
  size: number,
  osize: number,
): void {
  const tx = bx.table;
  const nx = bx.n - 1;
  const offX = bx.off;
  const ty = by.table;
  const ny = by.n - 1;
  const offY = by.off;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS);
    const sy = toShort(Y >> INTER_BITS);
    const fx = X & 31;
    const fy = Y & 31;
    const ix = sx + offX;
    const iy = sy + offY;
    let c0: number;
    let c1: number;
    let r0: number;
    let r1: number;
    if (ix >= 0 && ix < nx) {
      c0 = tx[ix];
      c1 = tx[ix + 1];
    } else {
      c0 = tap(bx, sx);
      c1 = tap(bx, sx + 1);
    }
    if (iy >= 0 && iy < ny) {
      r0 = ty[iy];
      r1 = ty[iy + 1];
    } else {
      r0 = tap(by, sy);
      r1 = tap(by, sy + 1);
    }
    const i00 = r0 < 0 || c0 < 0 ? -1 : r0 + c0;
    const i01 = r0 < 0 || c1 < 0 ? -1 : r0 + c1;
    const i10 = r1 < 0 || c0 < 0 ? -1 : r1 + c0;
    const i11 = r1 < 0 || c1 < 0 ? -1 : r1 + c1;
    if ((i00 | i01 | i10 | i11) >= 0) {
      // Every tap reads the image (always so outside constant mode): no cval checks per value.
      const end = o + n * osize;
      for (let ok = o, base = 0; ok < end; ok += osize, base += size) {
        for (let c = 0; c < cn; c++) {
          const v00 = s[base + i00 + c];
          const v01 = s[base + i01 + c];
          const v10 = s[base + i10 + c];
          const v11 = s[base + i11 + c];
          const a = (v00 << 5) + fx * (v01 - v00);
          const b = (v10 << 5) + fx * (v11 - v10);
          d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
        }
      }
      continue;
    }
    for (let k = 0, base = 0, ok = o; k < n; k++, base += size, ok += osize) {
      for (let c = 0; c < cn; c++) {
        const v00 = i00 < 0 ? cval : s[base + i00 + c];
        const v01 = i01 < 0 ? cval : s[base + i01 + c];
        const v10 = i10 < 0 ? cval : s[base + i10 + c];
        const v11 = i11 < 0 ? cval : s[base + i11 + c];
        const a = (v00 << 5) + fx * (v01 - v00);
        const b = (v10 << 5) + fx * (v11 - v10);
        d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
      }
    }
  }
}
