/**
 * The uint8 filters in WebAssembly (wasm/filter.c): filter2D with one float32 kernel for every channel, the 3 × 3 and
 * 5 × 5 median, and the box filter of 2 … 256 pixels; the same bytes as the TypeScript loops (filter2d.ts, median.ts,
 * box-filter.ts), which stay the references and the fallbacks. Each call pads one image in the module's memory.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { allocate, heapViews } from './arena.ts';
import { WASM } from './filter.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The filter family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('filter', WASM);

interface FilterExports extends Exports {
  filter2d_u8_pad_bytes(h: number, w: number, cn: number, kh: number, kw: number): number;
  filter2d_u8(
    src: number,
    dst: number,
    h: number,
    w: number,
    cn: number,
    kh: number,
    kw: number,
    ay: number,
    ax: number,
    nz: number,
    off: number,
    taps: number,
    mode: number,
    pad: number,
  ): void;
  median_u8(src: number, dst: number, h: number, w: number, cn: number, k: number, pad: number): void;
  box_u8(
    src: number,
    dst: number,
    h: number,
    w: number,
    cn: number,
    kh: number,
    kw: number,
    scale: number,
    delta: number,
    pad: number,
    col: number,
  ): void;
}

/**
 * Copies the `n` values of `src` into the module's memory at `srcAt`, runs `kernel(srcAt, outAt)`, and copies its
 * output from `outAt` to `out` (each place moved to the array's alignment when it is shared; see copy.ts).
 */
function runOnCopy(
  exports: FilterExports,
  src: Uint8Array,
  out: Uint8Array,
  n: number,
  at: { readonly src: number; readonly out: number },
  kernel: (srcAt: number, outAt: number) => void,
): void {
  const { u8 } = heapViews(exports);
  const srcAt = alignedLike(at.src, src);
  const outAt = alignedLike(at.out, out);
  copySpan(u8, srcAt, src, 0, n);
  kernel(srcAt, outAt);
  copySpan(out, 0, u8, outAt, n);
}

/**
 * Whether the kernel's taps make every step of the loop's float32 sum an exact integer that an int16 lane holds:
 * integers whose absolute values sum to at most 32767 / 255 (wasm/filter.c's mode 0).
 */
function integerTaps(data: Float32Array): boolean {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data[i];
    if (!Number.isInteger(w)) return false;
    sum += Math.abs(w);
  }
  return sum * 255 <= 32767;
}

/**
 * `cv2.filter2D(src, -1, kernel)` of one h × w × cn uint8 image with a `kh × kw` float32 kernel (`data`, row-major,
 * anchor at its centre) into `out`, as filter2d.ts's loop computes it. Returns false, having written nothing, when
 * the WebAssembly kernels are unavailable.
 */
export function filter2DU8Wasm(
  src: Uint8Array,
  h: number,
  w: number,
  cn: number,
  kh: number,
  kw: number,
  data: Float32Array,
  out: Uint8Array,
): boolean {
  const exports = family.activeFor(src, out) as FilterExports | null;
  if (exports === null) return false;
  const n = h * w * cn;
  const ay = kh >> 1;
  const ax = kw >> 1;
  const ps = (w + kw - 1) * cn;
  const mode = integerTaps(data) ? 0 : 1;
  const at = allocate(exports, {
    off: 4 * data.length,
    taps: 8 * data.length,
    pad: exports.filter2d_u8_pad_bytes(h, w, cn, kh, kw),
    src: n + 8,
    out: n + 8,
  });
  const { i32, f64 } = heapViews(exports);
  // The non-zero taps in row-major order (the loop's order), with their offsets in the padded image.
  let nz = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const k = data[i * kw + j];
      if (k === 0) continue;
      i32[(at.off >> 2) + nz] = i * ps + j * cn;
      if (mode === 0) i32[(at.taps >> 2) + nz] = k;
      else f64[(at.taps >> 3) + nz] = k;
      nz++;
    }
  }
  runOnCopy(exports, src, out, n, at, (srcAt, outAt) =>
    exports.filter2d_u8(srcAt, outAt, h, w, cn, kh, kw, ay, ax, nz, at.off, at.taps, mode, at.pad),
  );
  return true;
}

/**
 * `cv2.medianBlur(src, k)` of one h × w × cn uint8 image into `out` for k = 3 or 5 (median.ts's medianFilterU8).
 * Returns false, having written nothing, when the WebAssembly kernels are unavailable or k is another size.
 */
export function medianU8Wasm(src: Uint8Array, h: number, w: number, cn: number, k: number, out: Uint8Array): boolean {
  if (k !== 3 && k !== 5) return false;
  const exports = family.activeFor(src, out) as FilterExports | null;
  if (exports === null) return false;
  const n = h * w * cn;
  const at = allocate(exports, { pad: exports.filter2d_u8_pad_bytes(h, w, cn, k, k), src: n + 8, out: n + 8 });
  runOnCopy(exports, src, out, n, at, (srcAt, outAt) => exports.median_u8(srcAt, outAt, h, w, cn, k, at.pad));
  return true;
}

/**
 * `cv2.blur` of one h × w × cn uint8 image into `out` with a kh × kw window of 2 … 256 pixels, whose sums OpenCV
 * divides as ((s + delta) · scale) >> 16 (box-filter.ts's boxFilterU8 computes `scale` and `delta`). `out` may be
 * `src`. Returns false, having written nothing, when the WebAssembly kernels are unavailable or the window is
 * another size.
 */
export function boxU8Wasm(
  src: Uint8Array,
  h: number,
  w: number,
  cn: number,
  kh: number,
  kw: number,
  scale: number,
  delta: number,
  out: Uint8Array,
): boolean {
  if (kh * kw < 2 || kh * kw > 256) return false;
  const exports = family.activeFor(src, out) as FilterExports | null;
  if (exports === null) return false;
  const n = h * w * cn;
  const at = allocate(exports, {
    pad: exports.filter2d_u8_pad_bytes(h, w, cn, kh, kw),
    col: 2 * ((w + kw - 1) * cn + 8),
    src: n + 8,
    out: n + 8,
  });
  runOnCopy(exports, src, out, n, at, (srcAt, outAt) =>
    exports.box_u8(srcAt, outAt, h, w, cn, kh, kw, scale, delta, at.pad, at.col),
  );
  return true;
}
