/**
 * Separable convolution with OpenCV's `BORDER_REFLECT_101` border (`cb|abcd|cb`, imgaug's "reflect"), and the
 * Gaussian kernels `cv2.GaussianBlur` builds: a bit-exact fixed-point path for uint8 and a float path for float32.
 */

import { defineKernel } from './table.ts';
import { blurBatchU8Wasm } from './wasm/blur.ts';

export { gaussianKernelF32, gaussianKernelSize, gaussianKernelU8 } from './gaussian-kernel.ts';

/** The size of the pixel grid a separable kernel runs over: height × width × channels, HWC interleaved. */
export interface GridShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** OpenCV's `borderInterpolate` for BORDER_REFLECT_101 (period 2·len − 2; an axis of one pixel reads that pixel). */
export function reflect101(p: number, len: number): number {
  if (p >= 0 && p < len) return p;
  if (len === 1) return 0;
  const period = 2 * len - 2;
  let q = p % period;
  if (q < 0) q += period;
  return (q < len ? q : period - q) | 0;
}

// Scratch buffers reused across calls (kernels run synchronously, so one set per thread is enough). The float path
// keeps a ring of `ky.length` horizontally filtered rows; the uint8 path a padded source row and a ring of packed
// filtered rows. Their size depends on the image width and kernel only, never on its height.
let ringF32 = new Float32Array(0);
let ringPacked = new Int32Array(0);
let paddedRow = new Uint8Array(0);
let paddedView = new DataView(paddedRow.buffer);
let scratchCols = new Int32Array(0);
let scratchRows = new Int32Array(0);

function growRingF32(n: number): Float32Array {
  if (ringF32.length < n) ringF32 = new Float32Array(n);
  return ringF32;
}

function growRingPacked(n: number): Int32Array {
  if (ringPacked.length < n) ringPacked = new Int32Array(n);
  return ringPacked;
}

function growPaddedRow(n: number): void {
  if (paddedRow.length < n) {
    paddedRow = new Uint8Array(n);
    paddedView = new DataView(paddedRow.buffer);
  }
}

/** Offsets (in values, not pixels) of the source column read at padded positions −r … width−1+r. */
function columnOffsets(width: number, radius: number, channels: number): Int32Array {
  const n = width + 2 * radius;
  if (scratchCols.length < n) scratchCols = new Int32Array(n);
  for (let i = 0; i < n; i++) scratchCols[i] = reflect101(i - radius, width) * channels;
  return scratchCols;
}

function rowSlots(size: number): Int32Array {
  if (scratchRows.length < size) scratchRows = new Int32Array(size);
  return scratchRows;
}

/**
 * Sets `slots[y · size + j]` to the ring offset of the filtered row read by vertical tap j of output row y. The rows one output
 * needs lie in [y − r, y + r] ∩ [0, height) even after reflection, so `row % size` never puts two of them in one slot.
 */
function fillSlots(slots: Int32Array, y: number, size: number, height: number, stride: number): void {
  const r = (size - 1) >> 1;
  for (let j = 0; j < size; j++) slots[y * size + j] = (reflect101(y + j - r, height) % size) * stride;
}

function checkGrid(
  name: string,
  src: ArrayLike<number>,
  shape: GridShape,
  kx: ArrayLike<number>,
  ky: ArrayLike<number>,
  out: ArrayLike<number>,
): void {
  const n = shape.height * shape.width * shape.channels;
  if (src.length !== n || out.length !== n) {
    throw new RangeError(`${name}: src and out must hold height × width × channels = ${n} values`);
  }
  if (kx.length % 2 === 0 || ky.length % 2 === 0) throw new RangeError(`${name}: kernel sizes must be odd`);
}

/** Two 16-bit lanes in one int32: bytes 0 and 2 of a little-endian word (`w & LANES`), or 1 and 3 (`(w >>> 8) & LANES`). */
const LANES = 0x00ff00ff;

/**
 * Convolves a uint8 image with the separable integer kernels `kx` (along rows) and `ky` (along columns), each in
 * 1/256 steps and summing to 256, exactly as OpenCV's fixed-point `GaussianBlur` does: the horizontal pass keeps
 * integer sums in 1/256, the vertical pass sums those in 1/65536, and each output is `(acc + 32768) >> 16`. Pixels
 * outside the image are read with BORDER_REFLECT_101, for images of any size (also smaller than the kernel) and any
 * channel count. Every step is exact in integers, so the result is bit-identical to OpenCV's.
 *
 * Kernel taps must be non-negative (as Gaussian taps are) so that every partial sum fits in 16 bits.
 * `out` may be `src` (in place): each source row is filtered into a ring of rows before any output row that could
 * overwrite it is written, and is not read from `src` again.
 *
 * @example convolveSeparableU8(img.data, img, gaussianKernelU8(1), gaussianKernelU8(1), out.data)
 */
export function convolveSeparableU8(
  src: Uint8Array,
  shape: GridShape,
  kx: Int32Array,
  ky: Int32Array,
  out: Uint8Array,
): void {
  checkGrid('convolveSeparableU8', src, shape, kx, ky, out);
  blurImagesU8(src, shape, 0, 1, kx, ky, out);
}

/**
 * {@link convolveSeparableU8} on images `first … first + count − 1` of a uniform batch (N×H×W×C, `shape` is one
 * image's), each with its own borders: the same bytes as one call per image, without the per-image set-up.
 * `out` is the batch's output buffer (the same layout); it may be `src`.
 */
export function convolveBatchU8(
  src: Uint8Array,
  shape: GridShape,
  first: number,
  count: number,
  kx: Int32Array,
  ky: Int32Array,
  out: Uint8Array,
): void {
  const size = shape.height * shape.width * shape.channels;
  if (first < 0 || count < 0 || (first + count) * size > src.length || src.length !== out.length) {
    throw new RangeError(`convolveBatchU8: images ${first}…${first + count - 1} do not fit the buffers`);
  }
  if (kx.length % 2 === 0 || ky.length % 2 === 0) throw new RangeError('convolveBatchU8: kernel sizes must be odd');
  blurImagesU8(src, shape, first, count, kx, ky, out);
}

/** The uint8 separable blur of images `first … first + count − 1`: WebAssembly SIMD where it runs (same bytes). */
const blurImagesU8 = defineKernel({
  name: 'convolveBatchU8',
  reference: convolveImagesU8,
  wasm: (
    src: Uint8Array,
    shape: GridShape,
    first: number,
    count: number,
    kx: Int32Array,
    ky: Int32Array,
    out: Uint8Array,
  ) => blurBatchU8Wasm(src, shape.height, shape.width, shape.channels, first, count, kx, ky, out),
  // The C kernel keeps up to 64 taps in registers and stack; longer kernels (sigma above about 24) run in TypeScript.
  when: (_src, _shape, _first, _count, kx, ky) => kx.length <= 64 && ky.length <= 64,
  condition: 'kernels of at most 64 taps',
});

function convolveImagesU8(
  src: Uint8Array,
  shape: GridShape,
  first: number,
  count: number,
  kx: Int32Array,
  ky: Int32Array,
  out: Uint8Array,
): void {
  const { height, width, channels } = shape;
  const stride = width * channels;
  const imageSize = height * stride;
  // Both passes work on four values at a time, as two int32 words of two 16-bit lanes (SWAR): values 4g and 4g+2 in
  // the even word, 4g+1 and 4g+3 in the odd one. A lane holds at most 255 · 256 = 65280 (taps sum to 256), so lanes
  // never carry into each other, and a row of ⌈stride/4⌉ groups costs a quarter of the loads of value-by-value code.
  const groups = (stride + 3) >> 2;
  const words = 2 * groups;
  const size = ky.length;
  const ry = (size - 1) >> 1;
  const rx = (kx.length - 1) >> 1;
  // The padded row: rx pixels of reflection on each side and room for the last group's 4-byte reads.
  growPaddedRow(4 * groups + 2 * rx * channels + 4);
  const ring = growRingPacked(size * words);
  const cols = columnOffsets(width, rx, channels);
  // The ring offsets of the rows each output row reads, for all rows of an image at once (the same for every image).
  const slots = rowSlots(size * height);
  for (let y = 0; y < height; y++) fillSlots(slots, y, size, height, words);
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const view = paddedView;
  for (let img = first; img < first + count; img++) {
    const base = img * imageSize;
    let next = 0;
    for (let y = 0; y < height; y++) {
      for (const last = Math.min(height - 1, y + ry); next <= last; next++) {
        padRow(src, base + next * stride, width, channels, rx, cols);
        if (rx === 2) horizontalPacked5(view, channels, kx, groups, ring, (next % size) * words);
        else horizontalPacked(view, channels, kx, groups, ring, (next % size) * words);
      }
      const at = base + y * stride;
      if (ry === 2) verticalPacked5(ring, slots, y * size, ky, groups, stride, out, outView, at);
      else verticalPacked(ring, slots, y * size, ky, groups, stride, out, outView, at);
    }
  }
}

/** Copies source row `base` into the padded row with `r` reflected pixels on each side (BORDER_REFLECT_101). */
function padRow(src: Uint8Array, base: number, width: number, channels: number, r: number, cols: Int32Array): void {
  const row = paddedRow;
  const stride = width * channels;
  const left = r * channels;
  // Short rows are copied in a loop: a view for `set` would cost more than the copy.
  if (stride >= 64) row.set(src.subarray(base, base + stride), left);
  else for (let i = 0; i < stride; i++) row[left + i] = src[base + i];
  for (let x = 0; x < r; x++) {
    const l = base + cols[x];
    const rr = base + cols[width + r + x];
    const at = x * channels;
    const atR = left + stride + at;
    for (let c = 0; c < channels; c++) {
      row[at + c] = src[l + c];
      row[atR + c] = src[rr + c];
    }
  }
}

/**
 * The 5-tap horizontal pass over the padded row, unrolled and symmetric, into `ring` at `at` (packed words). Each
 * word is k2·c + k1·(b + d) + k0·(a + e) on packed 16-bit lanes, in int32 arithmetic (Math.imul, `| 0`): a lane's
 * true sum is at most 65280, so the word's true value fits 32 bits and the wrapped int32 holds exactly its bits.
 * Plain `*` and `+` would leave int32 above 2³¹ and make V8 fall back to float arithmetic.
 */

function horizontalPacked5(
  p: DataView,
  channels: number,
  k: Int32Array,
  groups: number,
  ring: Int32Array,
  at: number,
): void {
  const k0 = k[0];
  const k1 = k[1];
  const k2 = k[2];
  const c1 = channels;
  const c2 = 2 * channels;
  const c3 = 3 * channels;
  const c4 = 4 * channels;
  for (let g = 0, i = 0, w = at; g < groups; g++, i += 4, w += 2) {
    const a = p.getInt32(i, true);
    const b = p.getInt32(i + c1, true);
    const c = p.getInt32(i + c2, true);
    const d = p.getInt32(i + c3, true);
    const e = p.getInt32(i + c4, true);
    // sum5 written out (V8 does not reliably inline small helpers into these loops).
    ring[w] =
      (Math.imul(k2, c & LANES) +
        Math.imul(k1, ((b & LANES) + (d & LANES)) | 0) +
        Math.imul(k0, ((a & LANES) + (e & LANES)) | 0)) |
      0;
    ring[w + 1] =
      (Math.imul(k2, (c >>> 8) & LANES) +
        Math.imul(k1, (((b >>> 8) & LANES) + ((d >>> 8) & LANES)) | 0) +
        Math.imul(k0, (((a >>> 8) & LANES) + ((e >>> 8) & LANES)) | 0)) |
      0;
  }
}

/** The horizontal pass for any odd kernel length (symmetric pairs of taps) into `ring` at `at`. */
function horizontalPacked(
  p: DataView,
  channels: number,
  k: Int32Array,
  groups: number,
  ring: Int32Array,
  at: number,
): void {
  const r = (k.length - 1) >> 1;
  const kc = k[r];
  const centre = r * channels;
  for (let g = 0, i = 0, w = at; g < groups; g++, i += 4, w += 2) {
    const c = p.getInt32(i + centre, true);
    let even = Math.imul(kc, c & LANES);
    let odd = Math.imul(kc, (c >>> 8) & LANES);
    for (let j = 0; j < r; j++) {
      const a = p.getInt32(i + j * channels, true);
      const b = p.getInt32(i + (2 * r - j) * channels, true);
      even = (even + Math.imul(k[j], (a & LANES) + (b & LANES))) | 0;
      odd = (odd + Math.imul(k[j], ((a >>> 8) & LANES) + ((b >>> 8) & LANES))) | 0;
    }
    ring[w] = even;
    ring[w + 1] = odd;
  }
}

/**
 * Writes the four outputs of group g from the packed vertical sums: `lo`/`hi` hold Σ k·(low byte) and Σ k·(high
 * byte) of the even (e) and odd (o) words' lanes, so a value's full sum is 256 · hi + lo, rounded from 1/65536.
 */
function storeGroup(
  out: Uint8Array,
  view: DataView,
  at: number,
  left: number,
  loE: number,
  hiE: number,
  loO: number,
  hiO: number,
): void {
  const v0 = ((hiE & 0xffff) * 256 + (loE & 0xffff) + 32768) >>> 16;
  const v2 = ((hiE >>> 16) * 256 + (loE >>> 16) + 32768) >>> 16;
  const v1 = ((hiO & 0xffff) * 256 + (loO & 0xffff) + 32768) >>> 16;
  const v3 = ((hiO >>> 16) * 256 + (loO >>> 16) + 32768) >>> 16;
  if (left >= 4) {
    view.setInt32(at, v0 | (v1 << 8) | (v2 << 16) | (v3 << 24), true);
    return;
  }
  out[at] = v0;
  if (left > 1) out[at + 1] = v1;
  if (left > 2) out[at + 2] = v2;
}

/**
 * One output row of the 5-tap vertical pass. The filtered values (up to 65280) are split into their low and high
 * bytes so that Σ k · byte again fits a 16-bit lane: two lanes per int32 stay exact.
 */
function verticalPacked5(
  ring: Int32Array,
  slots: Int32Array,
  s0: number,
  k: Int32Array,
  groups: number,
  stride: number,
  out: Uint8Array,
  view: DataView,
  outBase: number,
): void {
  const k0 = k[0];
  const k1 = k[1];
  const k2 = k[2];
  const sa = slots[s0];
  const sb = slots[s0 + 1];
  const sc = slots[s0 + 2];
  const sd = slots[s0 + 3];
  const se = slots[s0 + 4];
  for (let g = 0, w = 0; g < groups; g++, w += 2) {
    // sum5 and storeGroup written out (V8 does not reliably inline small helpers into these loops).
    let a = ring[sa + w];
    let b = ring[sb + w];
    let c = ring[sc + w];
    let d = ring[sd + w];
    let e = ring[se + w];
    const loE =
      (Math.imul(k2, c & LANES) +
        Math.imul(k1, ((b & LANES) + (d & LANES)) | 0) +
        Math.imul(k0, ((a & LANES) + (e & LANES)) | 0)) |
      0;
    const hiE =
      (Math.imul(k2, (c >>> 8) & LANES) +
        Math.imul(k1, (((b >>> 8) & LANES) + ((d >>> 8) & LANES)) | 0) +
        Math.imul(k0, (((a >>> 8) & LANES) + ((e >>> 8) & LANES)) | 0)) |
      0;
    a = ring[sa + w + 1];
    b = ring[sb + w + 1];
    c = ring[sc + w + 1];
    d = ring[sd + w + 1];
    e = ring[se + w + 1];
    const loO =
      (Math.imul(k2, c & LANES) +
        Math.imul(k1, ((b & LANES) + (d & LANES)) | 0) +
        Math.imul(k0, ((a & LANES) + (e & LANES)) | 0)) |
      0;
    const hiO =
      (Math.imul(k2, (c >>> 8) & LANES) +
        Math.imul(k1, (((b >>> 8) & LANES) + ((d >>> 8) & LANES)) | 0) +
        Math.imul(k0, (((a >>> 8) & LANES) + ((e >>> 8) & LANES)) | 0)) |
      0;
    const v0 = ((hiE & 0xffff) * 256 + (loE & 0xffff) + 32768) >>> 16;
    const v2 = ((hiE >>> 16) * 256 + (loE >>> 16) + 32768) >>> 16;
    const v1 = ((hiO & 0xffff) * 256 + (loO & 0xffff) + 32768) >>> 16;
    const v3 = ((hiO >>> 16) * 256 + (loO >>> 16) + 32768) >>> 16;
    const at = outBase + 4 * g;
    const left = stride - 4 * g;
    if (left >= 4) {
      view.setInt32(at, v0 | (v1 << 8) | (v2 << 16) | (v3 << 24), true);
    } else {
      out[at] = v0;
      if (left > 1) out[at + 1] = v1;
      if (left > 2) out[at + 2] = v2;
    }
  }
}

/** One output row of the vertical pass for any odd kernel length (symmetric pairs of taps). */
function verticalPacked(
  ring: Int32Array,
  slots: Int32Array,
  s0: number,
  k: Int32Array,
  groups: number,
  stride: number,
  out: Uint8Array,
  view: DataView,
  outBase: number,
): void {
  const size = k.length;
  const r = (size - 1) >> 1;
  const kc = k[r];
  const mid = slots[s0 + r];
  for (let g = 0, w = 0; g < groups; g++, w += 2) {
    const ce = ring[mid + w];
    const co = ring[mid + w + 1];
    let loE = Math.imul(kc, ce & LANES);
    let hiE = Math.imul(kc, (ce >>> 8) & LANES);
    let loO = Math.imul(kc, co & LANES);
    let hiO = Math.imul(kc, (co >>> 8) & LANES);
    for (let j = 0; j < r; j++) {
      const kj = k[j];
      const sa = slots[s0 + j] + w;
      const sb = slots[s0 + size - 1 - j] + w;
      const ae = ring[sa];
      const be = ring[sb];
      const ao = ring[sa + 1];
      const bo = ring[sb + 1];
      loE = (loE + Math.imul(kj, (ae & LANES) + (be & LANES))) | 0;
      hiE = (hiE + Math.imul(kj, ((ae >>> 8) & LANES) + ((be >>> 8) & LANES))) | 0;
      loO = (loO + Math.imul(kj, (ao & LANES) + (bo & LANES))) | 0;
      hiO = (hiO + Math.imul(kj, ((ao >>> 8) & LANES) + ((bo >>> 8) & LANES))) | 0;
    }
    storeGroup(out, view, outBase + 4 * g, stride - 4 * g, loE, hiE, loO, hiO);
  }
}

/**
 * Convolves a float32 image with the separable float kernels `kx` (along rows) and `ky` (along columns), with
 * BORDER_REFLECT_101, like OpenCV's `sepFilter2D` on float32: the horizontal pass is stored in float32, the
 * vertical pass accumulates in double and rounds once to float32 (OpenCV accumulates in float32, so results
 * agree to within float32 rounding, not bit for bit). Values are not clipped. `out` may be `src` (in place).
 *
 * @example convolveSeparableF32(img.data, img, gaussianKernelF32(2), gaussianKernelF32(2), out.data)
 */
export function convolveSeparableF32(
  src: Float32Array,
  shape: GridShape,
  kx: Float32Array,
  ky: Float32Array,
  out: Float32Array,
): void {
  checkGrid('convolveSeparableF32', src, shape, kx, ky, out);
  const { height, width, channels } = shape;
  const stride = width * channels;
  const size = ky.length;
  const ry = (size - 1) >> 1;
  const ring = growRingF32(size * stride);
  const slots = rowSlots(size * height);
  for (let y = 0; y < height; y++) fillSlots(slots, y, size, height, stride);
  const rx = (kx.length - 1) >> 1;
  const cols = columnOffsets(width, rx, channels);
  let next = 0;
  for (let y = 0; y < height; y++) {
    for (const last = Math.min(height - 1, y + ry); next <= last; next++) {
      const base = next * stride;
      const at = (next % size) * stride;
      for (let x = 0; x < width; x++) {
        const interior = x >= rx && x < width - rx;
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          if (interior) {
            for (let i = 0, p = base + (x - rx) * channels + c; i < kx.length; i++, p += channels)
              sum += kx[i] * src[p];
          } else {
            for (let i = 0; i < kx.length; i++) sum += kx[i] * src[base + cols[x + i] + c];
          }
          ring[at + x * channels + c] = sum;
        }
      }
    }
    const outBase = y * stride;
    const s0 = y * size;
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += ky[j] * ring[slots[s0 + j] + i];
      out[outBase + i] = sum;
    }
  }
}
