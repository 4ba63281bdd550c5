/**
 * warpAffine and warpAffineBatch: OpenCV's warpAffine for one image or a batch sharing one matrix. The driver here
 * inverts the matrix, takes the whole-pixel shift path or the WebAssembly twin where they apply, and otherwise
 * splits each output row into runs for the interior, border and cval-fill loops.
 */
import type { Image, PixelArray, UniformBatch } from '../../core/image.ts';
import { Scratch } from '../scratch.ts';
import { defineKernel } from '../table.ts';
import { warpLinearU8Wasm } from '../wasm/warp.ts';
import { RowJob, fillRun, warpCval } from './row-job.ts';
import { planShiftRows, shiftRows } from './shift.ts';
import { AB_BITS, AB_SCALE, INTER_BITS, cvRound } from './tables.ts';
import { type WarpAffineOptions, validate, validateCount } from './validate.ts';

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
  validateCount('warpAffineBatch', n, out.n);
  validate('warpAffineBatch', src, matrix, out, options, n);
  if (n > 0) warp(src, matrix, out, options, n);
  return out;
}

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

/** Image k of a batch of `n`: a view of its elements with the batch's sizes. */
export function imageOf(batch: Image, n: number, k: number): Image {
  const size = batch.height * batch.width * batch.channels;
  return { ...batch, data: batch.data.subarray(k * size, (k + 1) * size) };
}

/**
 * Per-column parts of the source coordinates, cvRound(ia·x·1024) and cvRound(id·x·1024). They depend only on the
 * inverse matrix's first column, which a run of calls with a constant angle and scale shares: the last is kept.
 */
class Columns {
  x = new Int32Array(64);
  y = new Int32Array(64);
  private ia = Number.NaN;
  private id = Number.NaN;
  private filled = 0;

  fill(ia: number, id: number, width: number): void {
    if (ia === this.ia && id === this.id && width <= this.filled) return;
    if (this.x.length < width) {
      this.x = new Int32Array(width);
      this.y = new Int32Array(width);
    }
    const ax = this.x;
    const ay = this.y;
    for (let x = 0; x < width; x++) {
      ax[x] = cvRound(ia * x * AB_SCALE);
      ay[x] = cvRound(id * x * AB_SCALE);
    }
    this.ia = ia;
    this.id = id;
    this.filled = width;
  }
}

const columns = new Columns();
/** The inverse matrix of the call in progress (warp does not run inside itself while it is in use). */
const inverse = new Float64Array(6);

/** Only uint8 bilinear has loops that visit every image per output pixel; other batches go image by image. */
export function warp(src: Image, matrix: ArrayLike<number>, out: Image, options: WarpAffineOptions, n: number): void {
  const u8 = src.data instanceof Uint8Array;
  const { order, mode } = options;
  if (n > 1 && !(u8 && order === 1)) {
    for (let k = 0; k < n; k++) warp(imageOf(src, n, k), matrix, imageOf(out, n, k), options, 1);
    return;
  }
  invertAffineInto(matrix, inverse, 0);
  const ow = out.width;
  const oh = out.height;
  columns.fill(inverse[0], inverse[3], ow);
  const ax = columns.x;
  const ay = columns.y;
  const delta = order === 0 ? AB_SCALE >> 1 : AB_SCALE >> (INTER_BITS + 1);

  // The rows are checked once for all n images, which share the matrix.
  const plan = planShiftRows(ax, ay, ow, oh, inverse, delta, order);
  if (plan !== undefined) {
    const cval = warpCval(src.data, options.cval);
    if (n === 1) shiftRows(src, out, mode, cval, plan);
    else for (let k = 0; k < n; k++) shiftRows(imageOf(src, n, k), imageOf(out, n, k), mode, cval, plan);
    return;
  }

  // The fast interior path relies on the source coordinate being monotone along a row, which holds unless the
  // fixed-point sums overflow int32 (coordinates beyond ~2 million pixels); then every pixel takes the careful path.
  let safe = true;
  for (let corner = 0; corner < 4; corner++) {
    const x = corner & 1 ? ow - 1 : 0;
    const y = corner & 2 ? oh - 1 : 0;
    const sx = inverse[0] * x + inverse[1] * y + inverse[2];
    const sy = inverse[3] * x + inverse[4] * y + inverse[5];
    if (!(Math.abs(sx) < 1 << 20 && Math.abs(sy) < 1 << 20)) safe = false;
  }
  const job = new RowJob(src, out, options, n, ax, ay);
  // Under constant, pixels with no tap inside the image are cval. Their integer source positions lie outside
  // [tlo, tlo + touch) on some axis; like the interior pixels they form runs, here at the ends of a row, which are
  // filled without per-pixel work.
  const fill = safe && job.constant;
  affineSample(job, inverse, delta, safe, fill);
}

/** The general path: uint8 bilinear through wasm/warp.c's same loops where WebAssembly runs (same bytes). */
const affineSample = defineKernel({
  name: 'warpAffine',
  reference: affineRows,
  wasm: linearWasm,
  when: (job) => job.u8 && job.order === 1,
  condition: 'uint8 bilinear',
});

const scratch = new Scratch();

/** The job for the WebAssembly twin of the uint8 bilinear loops: each output row's source start, as they compute it. */
function linearWasm(job: RowJob, inverse: Float64Array, delta: number, safe: boolean, fill: boolean): boolean {
  const oh = job.oh;
  const rowX0 = scratch.i32(0, oh);
  const rowY0 = scratch.i32(1, oh);
  for (let y = 0; y < oh; y++) {
    rowX0[y] = (cvRound((inverse[1] * y + inverse[2]) * AB_SCALE) + delta) | 0;
    rowY0[y] = (cvRound((inverse[4] * y + inverse[5]) * AB_SCALE) + delta) | 0;
  }
  return warpLinearU8Wasm({
    src: job.s as Uint8Array,
    out: job.d as Uint8Array,
    n: job.n,
    sw: job.sw,
    sh: job.sh,
    cn: job.cn,
    ow: job.ow,
    oh,
    rowX0,
    rowY0,
    ax: job.ax,
    ay: job.ay,
    tx: job.bx.table,
    txOff: job.bx.off,
    ty: job.by.table,
    tyOff: job.by.off,
    cval: job.cval,
    safe,
    fill,
  });
}

/**
 * The general path, row by row: the runs at the ends of a row that read only cval (with `fill`), the run whose taps
 * all lie inside (source positions along a row are monotone when `safe`), and the border runs between them.
 */
function affineRows(job: RowJob, inverse: Float64Array, delta: number, safe: boolean, fill: boolean): void {
  const { ax, ay, ow, oh, cn, n, osize, d, cval, interior, border, lo, spanX, spanY, tlo, touchX, touchY } = job;
  const ib = inverse[1];
  const ic = inverse[2];
  const ie = inverse[4];
  const iff = inverse[5];
  const inside = safe && spanX > 0 && spanY > 0;
  for (let y = 0; y < oh; y++) {
    const X0 = (cvRound((ib * y + ic) * AB_SCALE) + delta) | 0;
    const Y0 = (cvRound((ie * y + iff) * AB_SCALE) + delta) | 0;
    const row = y * ow * cn;
    let tl = 0;
    let tr = ow;
    if (fill) {
      tl = runEdge(ax, ay, X0, Y0, 0, ow, tlo, touchX, touchY, false);
      tr = runEdge(ax, ay, X0, Y0, tl, ow, tlo, touchX, touchY, true);
      for (let k = 0, r = row; k < n; k++, r += osize) {
        if (tl > 0) fillRun(d, cval, r, r + tl * cn);
        if (tr < ow) fillRun(d, cval, r + tr * cn, r + ow * cn);
      }
    }
    let xl = tl;
    let xr = tl;
    if (inside) {
      xl = runEdge(ax, ay, X0, Y0, tl, tr, lo, spanX, spanY, false);
      xr = runEdge(ax, ay, X0, Y0, xl, tr, lo, spanX, spanY, true);
    }
    if (xl < xr) {
      if (tl < xl) border(job, row, X0, Y0, tl, xl);
      interior(job, row, X0, Y0, xl, xr);
      if (xr < tr) border(job, row, X0, Y0, xr, tr);
    } else if (tl < tr) {
      border(job, row, X0, Y0, tl, tr);
    }
  }
}

/**
 * The start (or with `fromEnd`, one past the end) of the run of x in [from, to) whose integer source positions
 * (`X0 + ax[x]`, `Y0 + ay[x]` in whole pixels) minus `lo` lie in [0, spanX) × [0, spanY): `to` (or `from`) when
 * there is none. Along a row the positions are monotone (`safe`), so those pixels form one run.
 */
function runEdge(
  ax: Int32Array,
  ay: Int32Array,
  X0: number,
  Y0: number,
  from: number,
  to: number,
  lo: number,
  spanX: number,
  spanY: number,
  fromEnd: boolean,
): number {
  const step = fromEnd ? -1 : 1;
  let x = fromEnd ? to - 1 : from;
  while (
    x >= from &&
    x < to &&
    !((((X0 + ax[x]) >> AB_BITS) - lo) >>> 0 < spanX && (((Y0 + ay[x]) >> AB_BITS) - lo) >>> 0 < spanY)
  ) {
    x += step;
  }
  return fromEnd ? x + 1 : x;
}
