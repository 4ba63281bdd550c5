/**
 * Grayscale's uint8 RGB → gray in WebAssembly (wasm/color.c): OpenCV's fixed-point luma written to all three
 * channels, the same bytes as kernels/grayscale.ts's TypeScript loop, which stays the reference. Pixels go through
 * the module's memory in chunks, so a large batch needs no more than about CHUNK_BYTES of it.
 */
import { throughMemory } from './arena.ts';
import { WASM } from './color.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The color family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('color', WASM);

interface ColorExports extends Exports {
  gray_rgb_u8(src: number, dst: number, n: number): void;
}

const CHUNK_BYTES = 512 << 10;

/**
 * Turns the `n` RGB pixels of `src` gray into `out` (3·n bytes each). Returns false, having written nothing, when
 * the WebAssembly kernels are unavailable.
 */
export function grayRgbU8Wasm(src: Uint8Array, out: Uint8Array, n: number): boolean {
  const exports = family.activeFor(src, out) as ColorExports | null;
  if (exports === null) return false;
  // In place: the kernel may write over its input. Exact: it touches only its pixels' bytes.
  throughMemory(exports, src, out, n, 3, 3, CHUNK_BYTES, (inAt, outAt, m) => exports.gray_rgb_u8(inAt, outAt, m), {
    inPlace: true,
    direct: true,
  });
  return true;
}
