/**
 * Resize's exact halving of a uint8 image in WebAssembly (wasm/resize.c): OpenCV's 2×2 area average, the same bytes
 * as resize.ts's TypeScript loops, which stay the reference. Rows go through the module's memory in chunks of row
 * pairs, so a large image needs no more than about CHUNK_BYTES of it.
 */
import { type Exports, active, align16, arena, heapViews } from './simd.ts';

interface ResizeExports extends Exports {
  halve_u8(src: number, dst: number, count: number, sw: number, sh: number, cn: number): void;
}

const CHUNK_BYTES = 512 << 10;

/**
 * Halves `src` (sh × sw × cn, both sides even) into `out` (sh/2 × sw/2 × cn). Returns false, having written
 * nothing, when the WebAssembly kernels are unavailable.
 */
export function halveU8Wasm(src: Uint8Array, out: Uint8Array, sw: number, sh: number, cn: number): boolean {
  const exports = active() as ResizeExports | null;
  if (exports === null) return false;
  const stride = sw * cn;
  const outStride = (sw / 2) * cn;
  // An even number of source rows per call, at least two.
  const rows = Math.max(2, Math.min(sh, 2 * Math.floor(CHUNK_BYTES / (2 * stride))));
  const srcAt = arena(exports, align16(rows * stride) + align16((rows / 2) * outStride));
  const dstAt = srcAt + align16(rows * stride);
  const { u8 } = heapViews(exports);
  for (let y = 0; y < sh; y += rows) {
    const m = Math.min(rows, sh - y);
    u8.set(src.subarray(y * stride, (y + m) * stride), srcAt);
    exports.halve_u8(srcAt, dstAt, 1, sw, m, cn);
    out.set(u8.subarray(dstAt, dstAt + (m / 2) * outStride), (y / 2) * outStride);
  }
  return true;
}
