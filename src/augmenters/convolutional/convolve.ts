import { argumentError } from '../../core/errors.ts';
import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { filterImage } from './matrix.ts';

/** Convolve draws nothing: its params are empty. */
export type ConvolveParams = Record<string, never>;

type Matrix = readonly (readonly number[])[];
/** No matrix (unchanged), one matrix for every channel, or one per channel. */
type MatrixInput = Matrix | readonly Matrix[] | null;

const MAX_SIDE = 99;
const ACCEPTED = `a matrix (rows of finite numbers, 1 to ${MAX_SIDE} rows and columns), a list of one matrix per channel, or null`;

function isMatrix(value: unknown): value is Matrix {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'))
  );
}

function toKernel(owner: string, option: string, m: unknown): Filter2DKernel {
  if (!isMatrix(m)) throw argumentError(owner, option, ACCEPTED, m, 'type');
  const height = m.length;
  const width = m[0].length;
  if (width === 0 || height > MAX_SIDE || width > MAX_SIDE || m.some((row) => row.length !== width)) {
    throw argumentError(owner, option, ACCEPTED, m, 'range', 'rows of equal length, 1 to 99 of them');
  }
  const data = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = m[y][x];
      if (!Number.isFinite(v) || Math.abs(v) > 1e30) {
        throw argumentError(owner, option, ACCEPTED, m, 'range', `entry [${y}][${x}] is ${v}`);
      }
      // OpenCV converts the kernel to float32.
      data[y * width + x] = v;
    }
  }
  return { height, width, data };
}

const matrixOption: OptionDef<MatrixInput, Filter2DKernel[] | null> = {
  default: null,
  meta: {
    type: 'number[][] | number[][][] | null',
    range: ACCEPTED,
    doc: 'The kernel: one matrix for every channel, or a list of one per channel; null leaves images unchanged.',
  },
  parse(owner, option, value) {
    if (value === null || value === undefined) return null;
    if (isMatrix(value)) return [toKernel(owner, option, value)];
    if (Array.isArray(value) && value.length > 0 && value.every((m) => Array.isArray(m) && m.every(Array.isArray))) {
      return value.map((m, c) => toKernel(owner, `${option}[${c}]`, m));
    }
    throw argumentError(owner, option, ACCEPTED, value, 'type');
  },
  toJSON: (value) => value,
  fromJSON: (value) => value,
};

/**
 * Convolves each image with a fixed matrix: out(y, x) = Σ m[i][j] · in(y + i − ⌊h/2⌋, x + j − ⌊w/2⌋), the same
 * matrix for every channel, or with `matrix` a list, one matrix per channel.
 *
 * This is `cv2.filter2D` (correlation: the matrix is not flipped) with borders mirrored without repeating the edge
 * pixel (BORDER_REFLECT_101), as imgaug 0.4.0 calls it: the matrix is rounded to float32 and the sums follow
 * OpenCV's float32 arithmetic, so uint8 images get imgaug's bytes, rounded half to even and saturated to 0–255.
 * float32 images are filtered the same way and not clipped. Without a matrix the image is returned unchanged.
 *
 * Differs from imgaug: imgaug also takes a function that makes matrices per image; augkit takes fixed matrices
 * (one per channel instead of the function's per-channel list), so the augmenter stays serialisable. Matrices of
 * 130 entries or more (13 × 10 and up) run through a DFT in OpenCV; augkit sums them directly, which can differ by
 * rounding.
 *
 * @param matrix Rows of numbers (1 to 99 rows and columns), or a list with one such matrix per channel (an image
 *   with another channel count is rejected). Default none.
 * @example iaa.Convolve([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])    // sharpen
 * @example iaa.Convolve([[[1]], [[0.5]], [[0]]])                    // scale the three channels by 1, 0.5, 0
 */
export const Convolve = defineAugmenter({
  type: 'Convolve',
  kind: 'pixel',
  primary: 'matrix',
  options: { matrix: matrixOption },
  // One matrix only: the contract suite's images have 1 to 5 channels, and a per-channel list fits one count.
  examples: [
    {
      matrix: [
        [0, -1, 0],
        [-1, 5, -1],
        [0, -1, 0],
      ],
    },
  ],
  drawParams: (): ConvolveParams => ({}),
  fixedParams: (): ConvolveParams => ({}),
  apply(image, _params, out, { matrix }) {
    if (matrix === null) {
      out.data.set(image.data);
      return;
    }
    if (matrix.length > 1 && matrix.length !== image.channels) {
      throw argumentError(
        'Convolve',
        'matrix',
        `one matrix, or one per channel (${image.channels} for this image)`,
        matrix.length,
        'range',
        'matrices given',
      );
    }
    filterImage(image, matrix, out);
  },
});
