/**
 * Separable convolution with OpenCV's `BORDER_REFLECT_101` border (`cb|abcd|cb`, imgaug's "reflect"), and the
 * Gaussian kernels `cv2.GaussianBlur` builds: a bit-exact fixed-point path for uint8 and a float path for float32.
 */

/** The size of the pixel grid a separable kernel runs over: height × width × channels, HWC interleaved. */
export interface GridShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * imgaug's Gaussian kernel size for `sigma`: `int(max(f·sigma, 5))` with f = 3.3 below sigma 3, 2.9 below sigma 5
 * and 2.6 from 5 on, made odd by adding 1. Sigma 0.5 and 1 give 5, sigma 3 gives 9 (2.9·3 = 8.7 → 8 → 9).
 * @example gaussianKernelSize(3) // 9
 */
export function gaussianKernelSize(sigma: number): number {
  const f = sigma < 3 ? 3.3 : sigma < 5 ? 2.9 : 2.6;
  const k = Math.trunc(Math.max(f * sigma, 5));
  return k % 2 === 0 ? k + 1 : k;
}

/**
 * The normalised 1-D Gaussian `exp(-d²/(2σ²))` of `size` taps (odd), in double, computed in the order of OpenCV's
 * `getGaussianKernelBitExact` (x runs over 1−n, 3−n, … so that x² · (−0.125/σ²) = −d²/(2σ²); the centre is 1/sum).
 */
function gaussianWeights(sigma: number, size: number): Float64Array {
  const half = (size - 1) >> 1;
  const scale = -0.125 / (sigma * sigma);
  const values = new Float64Array(half);
  let sum = 0;
  for (let i = 0, x = 1 - size; i < half; i++, x += 2) {
    const t = Math.exp(x * x * scale);
    values[i] = t;
    sum += t;
  }
  sum = sum * 2 + 1;
  const mul = 1 / sum;
  const out = new Float64Array(size);
  for (let i = 0; i < half; i++) out[i] = out[size - 1 - i] = values[i] * mul;
  out[half] = mul;
  return out;
}

/** Round half to even (OpenCV's `cvRound` on doubles). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function checkKernelArgs(sigma: number, size: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianKernel: sigma must be > 0; got ${sigma}`);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`gaussianKernel: size must be an odd positive integer; got ${size}`);
  }
}

/**
 * OpenCV's fixed-point Gaussian kernel for uint8 images, in 1/256 steps, summing to exactly 256.
 *
 * The double kernel is turned into integers with error diffusion (OpenCV's `getGaussianKernelFixedPoint_ED`):
 * from the outer taps inwards, each tap is rounded (half to even) with the carried error, and the centre takes
 * what is left. `size` defaults to imgaug's rule ({@link gaussianKernelSize}).
 *
 * @example gaussianKernelU8(1)   // Int32Array [14, 62, 104, 62, 14]
 * @example gaussianKernelU8(0.5) // Int32Array [0, 27, 202, 27, 0]
 */
export function gaussianKernelU8(sigma: number, size = gaussianKernelSize(sigma)): Int32Array {
  checkKernelArgs(sigma, size);
  const weights = gaussianWeights(sigma, size);
  const half = (size - 1) >> 1;
  const out = new Int32Array(size);
  let err = 0;
  let sum = 0;
  for (let i = 0; i < half; i++) {
    const adjusted = weights[i] * 256 + err;
    const v = roundHalfEven(adjusted);
    err = adjusted - v;
    out[i] = out[size - 1 - i] = v;
    sum += v;
  }
  out[half] = 256 - 2 * sum;
  return out;
}

/**
 * OpenCV's float Gaussian kernel (`getGaussianKernel(size, sigma, CV_32F)`): the double kernel rounded to float32.
 * `size` defaults to imgaug's rule ({@link gaussianKernelSize}).
 * @example gaussianKernelF32(1) // Float32Array of 5 taps summing to 1 (within float32 rounding)
 */
export function gaussianKernelF32(sigma: number, size = gaussianKernelSize(sigma)): Float32Array {
  checkKernelArgs(sigma, size);
  return Float32Array.from(gaussianWeights(sigma, size));
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

// Scratch buffers reused across calls (kernels run synchronously, so one set per thread is enough): a ring of
// `ky.length` horizontally filtered rows, an accumulator row, the source column of each padded position and the
// ring slot of each vertical tap. Their size depends on the image width and kernel only, never on its height.
let ringU16 = new Uint16Array(0);
let ringF32 = new Float32Array(0);
let accI32 = new Int32Array(0);
let scratchCols = new Int32Array(0);
let scratchRows = new Int32Array(0);

function growRingU16(n: number): Uint16Array {
  if (ringU16.length < n) ringU16 = new Uint16Array(n);
  return ringU16;
}

function growRingF32(n: number): Float32Array {
  if (ringF32.length < n) ringF32 = new Float32Array(n);
  return ringF32;
}

function growAcc(n: number): Int32Array {
  if (accI32.length < n) accI32 = new Int32Array(n);
  return accI32;
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
 * Sets `slots[j]` to the ring offset of the filtered row read by vertical tap j of output row y. The rows one output
 * needs lie in [y − r, y + r] ∩ [0, height) even after reflection, so `row % size` never puts two of them in one slot.
 */
function fillSlots(slots: Int32Array, y: number, size: number, height: number, stride: number): void {
  const r = (size - 1) >> 1;
  for (let j = 0; j < size; j++) slots[j] = (reflect101(y + j - r, height) % size) * stride;
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

/**
 * Convolves a uint8 image with the separable integer kernels `kx` (along rows) and `ky` (along columns), each in
 * 1/256 steps and summing to 256, exactly as OpenCV's fixed-point `GaussianBlur` does: the horizontal pass keeps
 * integer sums in 1/256, the vertical pass sums those in 1/65536, and each output is `(acc + 32768) >> 16`. Pixels
 * outside the image are read with BORDER_REFLECT_101, for images of any size (also smaller than the kernel) and any
 * channel count. Every step is exact in integers, so the result is bit-identical to OpenCV's.
 *
 * Kernel taps must be non-negative (as Gaussian taps are) so that the horizontal sums fit in 16 bits.
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
  const { height, width, channels } = shape;
  const stride = width * channels;
  const size = ky.length;
  const ry = (size - 1) >> 1;
  const ring = growRingU16(size * stride);
  const acc = growAcc(stride);
  const slots = rowSlots(size);
  const cols = columnOffsets(width, (kx.length - 1) >> 1, channels);
  let next = 0;
  for (let y = 0; y < height; y++) {
    for (const last = Math.min(height - 1, y + ry); next <= last; next++) {
      horizontalRowU8(src, next * stride, width, channels, kx, cols, ring, (next % size) * stride);
    }
    fillSlots(slots, y, size, height, stride);
    verticalRowU8(ring, slots, ky, stride, acc, out, y * stride);
  }
}

/** The horizontal fixed-point pass of one row into `dst` at `at` (sums in 1/256, at most 255 · 256). */
function horizontalRowU8(
  src: Uint8Array,
  base: number,
  width: number,
  channels: number,
  k: Int32Array,
  cols: Int32Array,
  dst: Uint16Array,
  at: number,
): void {
  const r = (k.length - 1) >> 1;
  const size = k.length;
  // Pixels [left, right) have all their taps inside the row: no border lookups there.
  const left = Math.min(r, width);
  const right = Math.max(width - r, left);
  for (let x = 0; x < width; x = x + 1 === left ? right : x + 1) {
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let i = 0; i < size; i++) sum += k[i] * src[base + cols[x + i] + c];
      dst[at + x * channels + c] = sum;
    }
  }
  const kc = k[r];
  const offset = at - base;
  const end = base + right * channels;
  if (r === 2) {
    // The common 5-tap case (sigma up to about 1.8), unrolled and using the kernel's symmetry.
    const k0 = k[0];
    const k1 = k[1];
    const c2 = 2 * channels;
    for (let i = base + left * channels; i < end; i++) {
      dst[i + offset] = kc * src[i] + k1 * (src[i - channels] + src[i + channels]) + k0 * (src[i - c2] + src[i + c2]);
    }
    return;
  }
  for (let i = base + left * channels; i < end; i++) {
    let sum = kc * src[i];
    for (let j = 1, d = channels; j <= r; j++, d += channels) sum += k[r - j] * (src[i - d] + src[i + d]);
    dst[i + offset] = sum;
  }
}

/** One output row of the vertical fixed-point pass: taps in 1/256 on sums in 1/256, rounded from 1/65536. */
function verticalRowU8(
  ring: Uint16Array,
  slots: Int32Array,
  k: Int32Array,
  stride: number,
  acc: Int32Array,
  out: Uint8Array,
  outBase: number,
): void {
  const size = k.length;
  const r = (size - 1) >> 1;
  const kc = k[r];
  const mid = slots[r];
  if (r === 2) {
    const k0 = k[0];
    const k1 = k[1];
    const a = slots[0];
    const b = slots[1];
    const d = slots[3];
    const e = slots[4];
    for (let i = 0; i < stride; i++) {
      const sum = kc * ring[mid + i] + k1 * (ring[b + i] + ring[d + i]) + k0 * (ring[a + i] + ring[e + i]);
      out[outBase + i] = (sum + 32768) >>> 16;
    }
    return;
  }
  // Longer kernels: one pass per symmetric pair of taps over the whole row (simple loops V8 compiles well).
  for (let i = 0; i < stride; i++) acc[i] = kc * ring[mid + i] + 32768;
  for (let j = 0; j < r; j++) {
    const kj = k[j];
    const a = slots[j];
    const b = slots[size - 1 - j];
    for (let i = 0; i < stride; i++) acc[i] += kj * (ring[a + i] + ring[b + i]);
  }
  for (let i = 0; i < stride; i++) out[outBase + i] = acc[i] >>> 16;
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
  const slots = rowSlots(size);
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
    fillSlots(slots, y, size, height, stride);
    const outBase = y * stride;
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += ky[j] * ring[slots[j] + i];
      out[outBase + i] = sum;
    }
  }
}
