/**
 * Resize's exact halving of a uint8 image in WebAssembly (wasm/resize.c): OpenCV's 2×2 area average, the same bytes
 * as resize.ts's TypeScript loops, which stay the reference. Rows go through the module's memory in chunks of row
 * pairs, so a large image needs no more than about CHUNK_BYTES of it.
 */
import { type Exports, active, throughMemory } from './simd.ts';

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
  // Units of two source rows, which give one output row.
  const stride = sw * cn;
  const outStride = (sw / 2) * cn;
  throughMemory(exports, src, out, sh / 2, 2 * stride, outStride, CHUNK_BYTES, (inAt, outAt, pairs) =>
    exports.halve_u8(inAt, outAt, 1, sw, 2 * pairs, cn),
  );
  return true;
}
