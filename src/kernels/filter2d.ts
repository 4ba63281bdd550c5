/**
 * 2-D correlation with a float32 kernel and OpenCV's `BORDER_REFLECT_101`, as `cv2.filter2D(src, -1, kernel)`
 * computes it on uint8 and float32 images.
 */

import { type GridShape, reflect101 } from './convolve.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { saturateU8 } from './warp/tables.ts';
import { filter2DU8Wasm } from './wasm/filter.ts';

// Row and column offsets and the kernels' non-zero taps of one call (kernels run synchronously).
const scratch = new Scratch();

/** A kernel of `height × width` float32 taps, row-major; the tap at (height / 2, width / 2) sits on the output. */
export interface Filter2DKernel {
  readonly height: number;
  readonly width: number;
  readonly data: Float32Array;
}

/**
 * OpenCV runs kernels of this many taps or more through a DFT for uint8 and float32 images (with SSE3), whose
 * rounding this kernel does not reproduce.
 */
export const FILTER2D_DFT_TAPS = 130;

function checkFilter(
  src: ArrayLike<number>,
  shape: GridShape,
  kernels: readonly Filter2DKernel[],
  out: ArrayLike<number>,
) {
  const n = shape.height * shape.width * shape.channels;
  if (src.length !== n || out.length !== n) {
    throw new RangeError(`filter2D: src and out must hold height × width × channels = ${n} values`);
  }
  if (kernels.length !== 1 && kernels.length !== shape.channels) {
    throw new RangeError(
      `filter2D: give one kernel or one per channel (${shape.channels}); received ${kernels.length}`,
    );
  }
  for (const k of kernels) {
    if (!(k.height >= 1 && k.width >= 1 && k.data.length === k.height * k.width)) {
      throw new RangeError(`filter2D: a kernel must hold height × width taps; received ${k.height} × ${k.width}`);
    }
  }
}

/**
 * Correlates each channel of `src` with its kernel (`kernels[0]` for every channel, or `kernels[c]` for channel c):
 * out(y, x) = Σ k(i, j) · src(y + i − height / 2, x + j − width / 2), with BORDER_REFLECT_101, as
 * `cv2.filter2D(src, -1, kernel)` with the default anchor. The sum runs over the kernel's non-zero taps in row-major
 * order, each step a float32 fused multiply-add (OpenCV 4.6's AVX2 path, `v_muladd`), starting from 0; uint8
 * outputs are rounded half to even and saturated, float32 outputs are not clipped. Each fused step is computed
 * as one double operation rounded to float32, which is exact whenever x · k + s fits 53 bits (always for the taps
 * and sums these augmenters make); kernels of {@link FILTER2D_DFT_TAPS} taps or more, which OpenCV sends through a
 * DFT, may differ from it by rounding. `out` must not be `src`.
 *
 * @example filter2D(img.data, img, [{ height: 3, width: 3, data: sharpen }], out.data)
 */
export function filter2D<A extends Uint8Array | Float32Array>(
  src: A,
  shape: GridShape,
  kernels: readonly Filter2DKernel[],
  out: A,
): void {
  checkFilter(src, shape, kernels, out);
  if ((src as ArrayBufferView) === out) throw new RangeError('filter2D: out must not be src');
  filter2DKernel(src, shape, kernels, out);
}

/** The twin's job: uint8, and one kernel for every channel. */
function oneKernelU8(src: Uint8Array | Float32Array, shape: GridShape, kernels: readonly Filter2DKernel[]): boolean {
  return src instanceof Uint8Array && (kernels.length === 1 || shape.channels === 1);
}

const filter2DKernel = defineKernel({
  name: 'filter2D',
  reference: filter2DLoop,
  wasm: (src, shape, kernels, out) =>
    filter2DU8Wasm(
      src as Uint8Array,
      shape.height,
      shape.width,
      shape.channels,
      kernels[0].height,
      kernels[0].width,
      kernels[0].data,
      out as Uint8Array,
    ),
  when: oneKernelU8,
  condition: 'uint8, one kernel for every channel',
});

/** {@link filter2D} after its checks: the reference the WebAssembly twin equals. */
function filter2DLoop(
  src: Uint8Array | Float32Array,
  shape: GridShape,
  kernels: readonly Filter2DKernel[],
  out: Uint8Array | Float32Array,
): void {
  const { height, width, channels } = shape;
  const stride = width * channels;
  const u8 = out instanceof Uint8Array;
  for (let c = 0; c < channels; c++) {
    const kernel = kernels.length === 1 ? kernels[0] : kernels[c];
    const kh = kernel.height;
    const kw = kernel.width;
    const ay = kh >> 1;
    const ax = kw >> 1;
    // The non-zero taps in OpenCV's order: row, column, weight, and the offset of the tap from the output value.
    const tapRow = scratch.i32(0, kh * kw);
    const tapCol = scratch.i32(1, kh * kw);
    const tapOffset = scratch.i32(2, kh * kw);
    const weights = scratch.f64(3, kh * kw);
    let nz = 0;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const w = kernel.data[i * kw + j];
        if (w === 0) continue;
        tapRow[nz] = i;
        tapCol[nz] = j;
        tapOffset[nz] = (i - ay) * stride + (j - ax) * channels;
        weights[nz] = w;
        nz++;
      }
    }
    const cols = scratch.i32(4, width + kw);
    for (let x = 0; x < width + kw; x++) cols[x] = reflect101(x - ax, width) * channels + c;
    const rows = scratch.i32(5, kh);
    // Columns whose whole window lies inside the image read their taps at fixed offsets (the same sums, in the same
    // order, as the reflected reads).
    const x0 = Math.min(ax, width);
    const x1 = Math.max(x0, width - (kw - 1 - ax));
    for (let y = 0; y < height; y++) {
      const inside = y >= ay && y + kh - 1 - ay < height;
      for (let i = 0; i < kh; i++) rows[i] = reflect101(y + i - ay, height) * stride;
      for (let x = 0; x < width; x++) {
        const at = y * stride + x * channels + c;
        let s = 0;
        if (inside && x >= x0 && x < x1) {
          for (let t = 0; t < nz; t++) s = Math.fround(src[at + tapOffset[t]] * weights[t] + s);
        } else {
          for (let t = 0; t < nz; t++) s = Math.fround(src[rows[tapRow[t]] + cols[x + tapCol[t]]] * weights[t] + s);
        }
        out[at] = u8 ? saturateU8(s) : s;
      }
    }
  }
}
