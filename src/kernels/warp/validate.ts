import { argumentError } from '../../core/errors.ts';
import { type Image, sharesMemory } from '../../core/image.ts';
import { type BorderMode, isBorderMode } from '../border.ts';

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

/** Checks `n` images in `src` and `out`, one matrix and its options. */
export function validate(
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
export function validateWarp(owner: string, matrix: ArrayLike<number>, options: WarpAffineOptions): void {
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

/** Checks that `out` holds as many images as `src` (`n` of them), for the batch kernels. */
export function validateCount(owner: string, n: number, outN: number): void {
  if (!Number.isInteger(n) || n < 0 || outN !== n) throw argumentError(owner, 'out.n', `${n} like src.n`, outN);
}
