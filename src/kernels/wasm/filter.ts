/**
 * filter2D's uint8 kernel in WebAssembly (wasm/filter.c): one float32 kernel for every channel, the same bytes as
 * filter2d.ts's TypeScript loop, which stays the reference and the fallback (and runs per-channel kernels).
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
  const { u8, i32, f64 } = heapViews(exports);
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
  const srcAt = alignedLike(at.src, src);
  const outAt = alignedLike(at.out, out);
  copySpan(u8, srcAt, src, 0, n);
  exports.filter2d_u8(srcAt, outAt, h, w, cn, kh, kw, ay, ax, nz, at.off, at.taps, mode, at.pad);
  copySpan(out, 0, u8, outAt, n);
  return true;
}
