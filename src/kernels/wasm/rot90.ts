/**
 * Rot90's odd quarter turns of uint8 images in WebAssembly (wasm/rot90.c): the same bytes as rot90.ts's tiled
 * loops, which stay the reference and the fallback. An image goes through the module's memory whole (a turn reads
 * every row for each output row); images larger than WHOLE_BYTES stay with the TypeScript loops.
 */
import { throughMemory } from './arena.ts';
import { WASM } from './flip.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The flip family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('flip', WASM);

interface Rot90Exports extends Exports {
  rot90_u8(src: number, dst: number, count: number, h: number, w: number, cn: number, k: number): void;
}

const WHOLE_BYTES = 16 << 20;

/**
 * Turns `src` (h × w × cn) by `k` (1 clockwise, 3 anticlockwise) quarter turns into `out` (w × h × cn). Returns
 * false, having written nothing, when the WebAssembly kernels are unavailable or the image is larger than the
 * module's share for it.
 */
export function rotate90U8Wasm(src: Uint8Array, out: Uint8Array, h: number, w: number, cn: number, k: 1 | 3): boolean {
  const bytes = h * w * cn;
  if (bytes > WHOLE_BYTES) return false;
  const exports = family.activeFor(src, out) as Rot90Exports | null;
  if (exports === null) return false;
  throughMemory(
    exports,
    src,
    out,
    1,
    bytes,
    bytes,
    2 * bytes,
    (inAt, outAt) => exports.rot90_u8(inAt, outAt, 1, h, w, cn, k),
    {
      direct: true,
    },
  );
  return true;
}
