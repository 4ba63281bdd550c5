/**
 * Fliplr's uint8 kernels in WebAssembly (wasm/flip.c): one- and three-channel rows, the same bytes as flip.ts's
 * loops, which stay the reference and the fallback.
 */
import { throughMemory } from './arena.ts';
import { WASM } from './flip.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The flip family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('flip', WASM);

interface FlipExports extends Exports {
  flip_gray_u8(src: number, dst: number, rows: number, width: number): void;
  flip_rgb_u8(src: number, dst: number, rows: number, width: number): void;
}

/** Rows per call are capped so that the module's memory stays near this many bytes. */
const CHUNK_BYTES = 8 << 20;

/**
 * Three-channel rows go in chunks that stay in L2, also in the kernel heap: reading rows backwards straight from
 * memory there is much slower than copying each chunk forwards first (bench/README.md, "The kernel heap").
 */
const RGB_CHUNK_BYTES = 512 << 10;

/**
 * Left-right flip of `rows` one-channel uint8 rows of `width` pixels (a batch seen as one tall image), the same
 * bytes as flip.ts's loops. `out` must not overlap `src`. Returns false, having done nothing, when the WebAssembly
 * kernels are unavailable.
 */
export function flipGrayU8Wasm(src: Uint8Array, out: Uint8Array, rows: number, width: number): boolean {
  const exports = family.activeFor(src, out) as FlipExports | null;
  if (exports === null) return false;
  throughMemory(exports, src, out, rows, width, width, CHUNK_BYTES, (inAt, outAt, m) =>
    exports.flip_gray_u8(inAt, outAt, m, width),
  );
  return true;
}

/**
 * flipHorizontal for three-channel uint8 rows in WebAssembly (wasm/flip.c, five pixels per shuffle, whose loads and
 * stores may pass a row's end by a byte): the same bytes as the TypeScript loops. Returns false, having written
 * nothing, when the WebAssembly kernels are unavailable.
 */
export function flipRgbU8Wasm(src: Uint8Array, out: Uint8Array, rows: number, width: number): boolean {
  const exports = family.activeFor(src, out) as FlipExports | null;
  if (exports === null) return false;
  throughMemory(exports, src, out, rows, 3 * width, 3 * width, RGB_CHUNK_BYTES, (inAt, outAt, m) =>
    exports.flip_rgb_u8(inAt, outAt, m, width),
  );
  return true;
}
