/**
 * The median filter over a k × k window (k odd) with OpenCV's `BORDER_REPLICATE` (`aa|abcd`), as `cv2.medianBlur`
 * computes it. A median involves no arithmetic, so any correct median is OpenCV's to the bit.
 */

import type { GridShape } from './convolve.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { medianU8Wasm } from './wasm/filter.ts';

// Row offsets, column offsets and the histogram or window of one call (kernels run synchronously).
const scratch = new Scratch();

function checkMedian(name: string, src: ArrayLike<number>, shape: GridShape, k: number, out: ArrayLike<number>) {
  const n = shape.height * shape.width * shape.channels;
  if (src.length !== n || out.length !== n) {
    throw new RangeError(`${name}: src and out must hold height × width × channels = ${n} values`);
  }
  if (!(Number.isInteger(k) && k >= 1 && k % 2 === 1)) {
    throw new RangeError(`${name}: the kernel size must be an odd integer ≥ 1; received ${k}`);
  }
}

/** Offsets (`step` apart) of positions −r … len − 1 + r clamped into the axis (BORDER_REPLICATE). */
function clampedOffsets(slot: number, len: number, r: number, step: number): Int32Array {
  const offsets = scratch.i32(slot, len + 2 * r);
  for (let i = 0; i < len + 2 * r; i++) offsets[i] = Math.min(len - 1, Math.max(0, i - r)) * step;
  return offsets;
}

/**
 * Writes the median of each value's k × k window (k odd, centred, border replicated) of a uint8 image, channel by
 * channel: the same bytes as `cv2.medianBlur(src, k)`. Each row slides a 256-bin histogram along x (Huang's
 * algorithm), adding the column that enters and dropping the one that leaves, and moves the median from its last
 * position, so a step costs O(k) instead of a sort of k² values. `out` must not be `src`.
 *
 * @example medianFilterU8(img.data, img, 5, out.data)
 */
export function medianFilterU8(src: Uint8Array, shape: GridShape, k: number, out: Uint8Array): void {
  checkMedian('medianFilterU8', src, shape, k, out);
  if (src === out) throw new RangeError('medianFilterU8: out must not be src');
  medianU8(src, shape, k, out);
}

const medianU8 = defineKernel({
  name: 'medianU8',
  reference: medianLoopU8,
  wasm: (src: Uint8Array, shape: GridShape, k: number, out: Uint8Array) =>
    medianU8Wasm(src, shape.height, shape.width, shape.channels, k, out),
  when: (_src, _shape, k) => k === 3 || k === 5,
  condition: 'k = 3 or 5',
});

/** {@link medianFilterU8} after its checks: the reference the WebAssembly twin equals. */
function medianLoopU8(src: Uint8Array, shape: GridShape, k: number, out: Uint8Array): void {
  const { height, width, channels } = shape;
  const stride = width * channels;
  const r = k >> 1;
  const rows = clampedOffsets(0, height, r, stride);
  const cols = clampedOffsets(1, width, r, channels);
  const hist = scratch.i32(2, 256);
  // The median is the value of rank t (0-based) among the k² values of a window.
  const t = (k * k) >> 1;
  for (let y = 0; y < height; y++) {
    for (let c = 0; c < channels; c++) {
      hist.fill(0);
      for (let j = 0; j < k; j++) {
        const row = rows[y + j] + c;
        for (let i = 0; i < k; i++) hist[src[row + cols[i]]]++;
      }
      // m is the median and below the count of window values under m.
      let m = 0;
      let below = 0;
      while (below + hist[m] <= t) below += hist[m++];
      out[y * stride + c] = m;
      for (let x = 1; x < width; x++) {
        const leave = cols[x - 1];
        const enter = cols[x + k - 1];
        for (let j = 0; j < k; j++) {
          const row = rows[y + j] + c;
          const a = src[row + leave];
          const b = src[row + enter];
          hist[a]--;
          hist[b]++;
          if (a < m) below--;
          if (b < m) below++;
        }
        while (below > t) below -= hist[--m];
        while (below + hist[m] <= t) below += hist[m++];
        out[y * stride + x * channels + c] = m;
      }
    }
  }
}

/**
 * The float32 twin of {@link medianFilterU8}: each window's values are sorted and the middle one is taken (NaN
 * sorts last). Any odd k (OpenCV's float median takes only 3 and 5). `out` must not be `src`.
 */
export function medianFilterF32(src: Float32Array, shape: GridShape, k: number, out: Float32Array): void {
  checkMedian('medianFilterF32', src, shape, k, out);
  if (src === out) throw new RangeError('medianFilterF32: out must not be src');
  const { height, width, channels } = shape;
  const stride = width * channels;
  const r = k >> 1;
  const rows = clampedOffsets(0, height, r, stride);
  const cols = clampedOffsets(1, width, r, channels);
  const window = scratch.f32(2, k * k);
  const t = (k * k) >> 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let n = 0;
        for (let j = 0; j < k; j++) {
          const row = rows[y + j] + c;
          for (let i = 0; i < k; i++) window[n++] = src[row + cols[x + i]];
        }
        window.sort();
        out[y * stride + x * channels + c] = window[t];
      }
    }
  }
}
