/**
 * Grayscale's uint8 RGB → gray in WebAssembly (wasm/color.c): OpenCV's fixed-point luma written to all three
 * channels, the same bytes as grayscale.ts's TypeScript loop, which stays the reference. Pixels go through the
 * module's memory in chunks, so a large batch needs no more than about CHUNK_BYTES of it.
 */
import { type Exports, active, arena, heapViews } from './simd.ts';

interface ColorExports extends Exports {
  gray_rgb_u8(src: number, dst: number, n: number): void;
}

const CHUNK_BYTES = 512 << 10;

/**
 * Turns the `n` RGB pixels of `src` gray into `out` (3·n bytes each). Returns false, having written nothing, when
 * the WebAssembly kernels are unavailable.
 */
export function grayRgbU8Wasm(src: Uint8Array, out: Uint8Array, n: number): boolean {
  const exports = active() as ColorExports | null;
  if (exports === null) return false;
  const per = Math.max(1, Math.min(n, Math.floor(CHUNK_BYTES / 3)));
  const at = arena(exports, 3 * per);
  const { u8 } = heapViews(exports);
  for (let first = 0; first < n; first += per) {
    const m = Math.min(per, n - first);
    u8.set(src.subarray(3 * first, 3 * (first + m)), at);
    exports.gray_rgb_u8(at, at, m);
    out.set(u8.subarray(at, at + 3 * m), 3 * first);
  }
  return true;
}
