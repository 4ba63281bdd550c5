import { argumentError } from '../core/errors.ts';
import type { Image, PixelArray } from '../core/image.ts';
import { defineKernel } from './table.ts';
import { type WarpAffineOptions, sampleRows, samplingJob, validateBuffers, validateOptions } from './warp-affine.ts';
import { warpPerspectiveLinearU8Wasm } from './wasm/perspective.ts';

/**
 * Perspective warps the way OpenCV computes them (what imgaug 0.4.0's PerspectiveTransform runs): the 3×3 matrix
 * from four point pairs (`getPerspectiveTransform`, an 8×8 LU solve), its inverse, and per output pixel the source
 * position rounded to 1/32 pixel, sampled with warpAffine's interpolation and borders (`remap`).
 */

/** A row-major 3×3 matrix: nine numbers in a plain array, a drawn parameter that takes no typed-array memory. */
export type Matrix3 = number[];

/** OpenCV's 8-row LU solve (hal::LU64f: partial pivoting, reciprocal pivots); false when singular. */
function solveLU(a: Float64Array, b: Float64Array, m: number): boolean {
  const eps = 2.220446049250313e-16 * 100;
  for (let i = 0; i < m; i++) {
    let k = i;
    for (let j = i + 1; j < m; j++) if (Math.abs(a[j * m + i]) > Math.abs(a[k * m + i])) k = j;
    if (Math.abs(a[k * m + i]) < eps) return false;
    if (k !== i) {
      for (let j = i; j < m; j++) {
        const t = a[i * m + j];
        a[i * m + j] = a[k * m + j];
        a[k * m + j] = t;
      }
      const t = b[i];
      b[i] = b[k];
      b[k] = t;
    }
    const d = -1 / a[i * m + i];
    for (let j = i + 1; j < m; j++) {
      const alpha = a[j * m + i] * d;
      for (let c = i + 1; c < m; c++) a[j * m + c] += alpha * a[i * m + c];
      b[j] += alpha * b[i];
    }
    a[i * m + i] = -d;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let c = i + 1; c < m; c++) s -= a[i * m + c] * b[c];
    b[i] = s * a[i * m + i];
  }
  return true;
}

/**
 * The perspective matrix that maps the four points `from` onto `to` (`[x0, y0, x1, y1, x2, y2, x3, y3]` each),
 * computed as OpenCV's `getPerspectiveTransform` does from float32 points. Points are rounded to float32 first. When
 * the points do not determine a matrix (three on a line), every entry but the last is 0, as in OpenCV.
 * @example getPerspectiveTransform([0, 0, 1, 0, 1, 1, 0, 1], [0, 0, 2, 0, 2, 2, 0, 2]) // zoom ×2
 */
export function getPerspectiveTransform(from: ArrayLike<number>, to: ArrayLike<number>): Matrix3 {
  for (const [name, pts] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (pts === null || typeof pts !== 'object' || pts.length !== 8) {
      throw argumentError('getPerspectiveTransform', name, 'eight numbers [x0, y0, … x3, y3]', pts, 'type');
    }
    for (let i = 0; i < 8; i++) {
      if (!Number.isFinite(pts[i]))
        throw argumentError('getPerspectiveTransform', `${name}[${i}]`, 'a finite number', pts[i]);
    }
  }
  const f = Math.fround;
  const a = luMatrix.fill(0);
  const b = luRight;
  for (let i = 0; i < 4; i++) {
    const sx = f(from[2 * i]);
    const sy = f(from[2 * i + 1]);
    const dx = f(to[2 * i]);
    const dy = f(to[2 * i + 1]);
    const r = i * 8;
    const q = (i + 4) * 8;
    a[r] = a[q + 3] = sx;
    a[r + 1] = a[q + 4] = sy;
    a[r + 2] = a[q + 5] = 1;
    // float × float in C++ stays float.
    a[r + 6] = f(-sx * dx);
    a[r + 7] = f(-sy * dx);
    a[q + 6] = f(-sx * dy);
    a[q + 7] = f(-sy * dy);
    b[i] = dx;
    b[i + 4] = dy;
  }
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 1];
  if (solveLU(a, b, 8)) for (let i = 0; i < 8; i++) m[i] = b[i];
  return m;
}

// The LU solve's system, reused: getPerspectiveTransform runs once per drawn image and does not call itself.
const luMatrix = new Float64Array(64);
const luRight = new Float64Array(8);

/**
 * The inverse of a 3×3 matrix by OpenCV's closed form for 3×3 (`invert` with DECOMP_LU), into `into`; a singular
 * matrix gives all zeros, as OpenCV leaves it.
 */
export function invertPerspective<M extends Float64Array | number[] = Matrix3>(
  m: ArrayLike<number>,
  into: M = [0, 0, 0, 0, 0, 0, 0, 0, 0] as M,
): M {
  const det =
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  if (det === 0) {
    into.fill(0);
    return into;
  }
  const d = 1 / det;
  into[0] = (m[4] * m[8] - m[5] * m[7]) * d;
  into[1] = (m[2] * m[7] - m[1] * m[8]) * d;
  into[2] = (m[1] * m[5] - m[2] * m[4]) * d;
  into[3] = (m[5] * m[6] - m[3] * m[8]) * d;
  into[4] = (m[0] * m[8] - m[2] * m[6]) * d;
  into[5] = (m[2] * m[3] - m[0] * m[5]) * d;
  into[6] = (m[3] * m[7] - m[4] * m[6]) * d;
  into[7] = (m[1] * m[6] - m[0] * m[7]) * d;
  into[8] = (m[0] * m[4] - m[1] * m[3]) * d;
  return into;
}

/**
 * Maps points through a perspective matrix as OpenCV's `perspectiveTransform` does on float32 points: `w` below
 * float32's epsilon in size sends the point to (0, 0). Reads and writes `[x0, y0, x1, y1, …]`, rounded to float32.
 */
export function perspectiveTransformPoints(m: ArrayLike<number>, points: ArrayLike<number>, out: Float64Array): void {
  const f = Math.fround;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = f(points[i]);
    const y = f(points[i + 1]);
    let w = x * m[6] + y * m[7] + m[8];
    if (Math.abs(w) > 1.1920928955078125e-7) {
      w = 1 / w;
      out[i] = f((x * m[0] + y * m[1] + m[2]) * w);
      out[i + 1] = f((x * m[3] + y * m[4] + m[5]) * w);
    } else {
      out[i] = 0;
      out[i + 1] = 0;
    }
  }
}

/** cvRound of a double clamped to int32 first (OpenCV clamps to [INT_MIN, INT_MAX], then rounds half to even). */
function roundToInt(v: number): number {
  // std::max(INT_MIN, std::min(INT_MAX, v)) lets NaN through as INT_MAX.
  if (!(v < 2147483647)) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return r;
}

const inverse = new Float64Array(9);

/**
 * Warps `src` by the forward perspective matrix `matrix` (row-major 3×3, input → output) into `out`, as OpenCV's
 * `warpPerspective` does: the matrix is inverted, and each output pixel (x, y) reads the source at
 * `((M0·x + M1·y + M2)·32/W, (M3·x + M4·y + M5)·32/W)` rounded half to even in 1/32 pixel (whole pixels for
 * nearest), W = M6·x + M7·y + M8 (the inverse's entries). Byte-exact with cv2 4.6 on the test fixtures. Interpolation, borders and `cval` are
 * {@link warpAffine}'s. `out` may not share memory with `src`. Returns `out`.
 * @example warpPerspective(image, [2, 0, 0, 0, 2, 0, 0, 0, 1], out, { order: 1, mode: 'constant', cval: 0 }) // zoom
 */
export function warpPerspective<A extends PixelArray>(
  src: Image<A>,
  matrix: ArrayLike<number>,
  out: Image<A>,
  options: WarpAffineOptions,
): Image<A> {
  if (matrix === null || typeof matrix !== 'object' || matrix.length !== 9) {
    throw argumentError('warpPerspective', 'matrix', 'nine numbers (a row-major 3×3 matrix)', matrix, 'type');
  }
  for (let i = 0; i < 9; i++) {
    if (!Number.isFinite(matrix[i]))
      throw argumentError('warpPerspective', `matrix[${i}]`, 'a finite number', matrix[i]);
  }
  validateBuffers('warpPerspective', src, out, 1);
  validateOptions('warpPerspective', options);
  const m = invertPerspective(matrix, inverse);
  if (out.height > 0 && out.width > 0) perspectiveRows(src, m, out, options);
  return out;
}

/** Samples `out` from `src` at the positions of the inverse perspective matrix `m` (OpenCV's rounding to 1/32 pixel). */
function perspectiveReference(src: Image, m: Float64Array, out: Image, options: WarpAffineOptions): void {
  const ow = out.width;
  const scale = options.order === 0 ? 1 : 32;
  // OpenCV sums X0 at the start of 64-pixel blocks and adds M0·x1; summing per pixel gave the same positions on all
  // of 19 million pixels of random quadrilaterals checked, so the blocks are not imitated.
  sampleRows(src, out, options, (y, ax, ay) => {
    const X0 = m[1] * y + m[2];
    const Y0 = m[4] * y + m[5];
    const W0 = m[7] * y + m[8];
    for (let x = 0; x < ow; x++) {
      let W = W0 + m[6] * x;
      W = W !== 0 ? scale / W : 0;
      ax[x] = roundToInt((X0 + m[0] * x) * W);
      ay[x] = roundToInt((Y0 + m[3] * x) * W);
    }
  });
}

/** warpPerspective's sampling: uint8 bilinear through its WebAssembly twin where it runs (same bytes). */
const perspectiveRows = defineKernel({
  name: 'warpPerspective',
  reference: perspectiveReference,
  wasm: (src: Image, m: Float64Array, out: Image, options: WarpAffineOptions) =>
    warpPerspectiveLinearU8Wasm({ ...samplingJob(src, out, options.mode, options.cval), inverse: m }),
  when: (src, _m, _out, options) => src.data instanceof Uint8Array && options.order === 1,
  condition: 'uint8 bilinear',
});
