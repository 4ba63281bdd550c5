/**
 * The normalised box filter (the mean over a kh × kw window) with OpenCV's `BORDER_REFLECT_101`, as `cv2.blur`
 * computes it: bit-exact for uint8, double sums for float32.
 */

import type { GridShape } from './convolve.ts';
import { reflect101 } from './convolve.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { saturateU8 } from './warp/tables.ts';
import { boxU8Wasm } from './wasm/filter.ts';

// Column offsets, row sums and the running column sums of one call (kernels run synchronously).
const scratch = new Scratch();

/** OpenCV's anchor for a kernel of `size` taps: the tap at `size / 2` (rounded down) sits on the output pixel. */
function anchor(size: number): number {
  return size >> 1;
}

function checkBox(
  name: string,
  src: ArrayLike<number>,
  shape: GridShape,
  kh: number,
  kw: number,
  out: ArrayLike<number>,
) {
  const n = shape.height * shape.width * shape.channels;
  if (src.length !== n || out.length !== n) {
    throw new RangeError(`${name}: src and out must hold height × width × channels = ${n} values`);
  }
  if (!(Number.isInteger(kh) && Number.isInteger(kw) && kh >= 1 && kw >= 1)) {
    throw new RangeError(`${name}: kernel sizes must be integers ≥ 1; received ${kh} × ${kw}`);
  }
}

/**
 * Fills `sums` (height × width × channels) with each pixel's sum over the kw pixels of its row window, read with
 * BORDER_REFLECT_101.
 */
function rowSums(src: ArrayLike<number>, shape: GridShape, kw: number, sums: Float64Array | Int32Array): void {
  const { height, width, channels } = shape;
  const ax = anchor(kw);
  const cols = scratch.i32(0, width + kw);
  for (let i = 0; i < width + kw; i++) cols[i] = reflect101(i - ax, width) * channels;
  for (let y = 0; y < height; y++) {
    const base = y * width * channels;
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let i = 0; i < kw; i++) s += src[base + cols[i] + c];
      sums[base + c] = s;
      // Slide the window: add the pixel entering on the right, drop the one leaving on the left (integers: exact).
      for (let x = 1; x < width; x++) {
        s += src[base + cols[x + kw - 1] + c] - src[base + cols[x - 1] + c];
        sums[base + x * channels + c] = s;
      }
    }
  }
}

/**
 * Writes the mean of each pixel's kh × kw window (rows × columns, anchored at (kh / 2, kw / 2) rounded down) of a
 * uint8 image, exactly as `cv2.blur(src, (kw, kh))` does: integer sums, then for windows of at most 256 pixels
 * OpenCV's fixed-point division `((s + delta) · m) >> 16` (m ≈ 65536 / n, delta ≈ n / 2, from `ColumnSum<ushort,
 * uchar>`), and for larger windows the float32 product `s · (float)(1 / n)` rounded half to even (its SIMD path).
 * `out` may be `src`.
 *
 * @example boxFilterU8(img.data, img, 3, 3, out.data) // 3 × 3 mean
 */
export function boxFilterU8(src: Uint8Array, shape: GridShape, kh: number, kw: number, out: Uint8Array): void {
  checkBox('boxFilterU8', src, shape, kh, kw, out);
  boxU8(src, shape, kh, kw, out);
}

/**
 * OpenCV's ColumnSum<ushort, uchar> division of a window's sum for windows of n ≤ 256 pixels:
 * ((s + delta) · scale) >> 16 with scale the floor or ceil of 65536 / n and delta = n / 2 (+1).
 */
function boxDivision(n: number): { readonly scale: number; readonly delta: number } {
  const scalef = 65536 / n;
  let scale = Math.floor(scalef);
  let delta = n >> 1;
  if (scalef - scale < 0.5) delta++;
  else scale++;
  return { scale, delta };
}

const boxU8 = defineKernel({
  name: 'boxFilterU8',
  reference: boxLoopU8,
  wasm: (src: Uint8Array, shape: GridShape, kh: number, kw: number, out: Uint8Array) => {
    const { scale, delta } = boxDivision(kh * kw);
    return boxU8Wasm(src, shape.height, shape.width, shape.channels, kh, kw, scale, delta, out);
  },
  when: (_src, _shape, kh, kw) => kh * kw >= 2 && kh * kw <= 256,
  condition: 'windows of 2 to 256 pixels',
});

/** {@link boxFilterU8} after its checks: the reference the WebAssembly twin equals. */
function boxLoopU8(src: Uint8Array, shape: GridShape, kh: number, kw: number, out: Uint8Array): void {
  const { height, width, channels } = shape;
  const stride = width * channels;
  const sums = scratch.i32(1, height * stride);
  rowSums(src, shape, kw, sums);
  const n = kh * kw;
  const { scale: divScale, delta: divDelta } = n <= 256 ? boxDivision(n) : { scale: 1, delta: 0 };
  const scaleF32 = Math.fround(1 / n);
  const ay = anchor(kh);
  const rows = scratch.i32(2, height + kh);
  for (let i = 0; i < height + kh; i++) rows[i] = reflect101(i - ay, height) * stride;
  const column = scratch.i32(3, stride);
  for (let i = 0; i < stride; i++) {
    let s = 0;
    for (let j = 0; j < kh; j++) s += sums[rows[j] + i];
    column[i] = s;
  }
  for (let y = 0; y < height; y++) {
    const at = y * stride;
    if (y > 0) {
      const add = rows[y + kh - 1];
      const drop = rows[y - 1];
      for (let i = 0; i < stride; i++) column[i] += sums[add + i] - sums[drop + i];
    }
    if (n === 1) {
      for (let i = 0; i < stride; i++) out[at + i] = column[i];
    } else if (n <= 256) {
      // (s + delta) · divScale < 2³¹ for every n ≥ 2, so the product is exact and `>>> 16` floors it.
      for (let i = 0; i < stride; i++) out[at + i] = ((column[i] + divDelta) * divScale) >>> 16;
    } else {
      for (let i = 0; i < stride; i++) out[at + i] = saturateU8(Math.fround(column[i] * scaleF32));
    }
  }
}

/**
 * The float32 twin of {@link boxFilterU8}: window sums in double, times 1 / n, rounded once to float32 (OpenCV sums
 * float images in double too, with a running sum, so results agree to within float32 rounding). Not clipped.
 * `out` may be `src`.
 */
export function boxFilterF32(src: Float32Array, shape: GridShape, kh: number, kw: number, out: Float32Array): void {
  checkBox('boxFilterF32', src, shape, kh, kw, out);
  const { height, width, channels } = shape;
  const stride = width * channels;
  const sums = scratch.f64(1, height * stride);
  rowSums(src, shape, kw, sums);
  const ay = anchor(kh);
  const scale = 1 / (kh * kw);
  for (let y = 0; y < height; y++) {
    const at = y * stride;
    for (let i = 0; i < stride; i++) {
      let s = 0;
      for (let j = 0; j < kh; j++) s += sums[reflect101(y + j - ay, height) * stride + i];
      out[at + i] = s * scale;
    }
  }
}
