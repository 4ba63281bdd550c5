/**
 * Lookup tables with a fixed-point affine form (Multiply by a factor ≤ 1, LinearContrast with alpha in [0, 1]) in
 * WebAssembly SIMD (wasm/lut.c): 16 bytes per step where lut.ts's word loops do 4. Plain arrays go through the
 * module's memory in chunks that stay in a core's cache (copied in, mapped in place, copied out: 2.5× the word loop
 * on a 6.3 MB batch); arrays in the kernel heap are mapped where they lie. The same bytes as lut.ts's loops, which
 * stay the reference and the fallback.
 */
import { type Exports, activeFor, throughMemory } from './simd.ts';

interface LutExports extends Exports {
  lut_affine_u8(dst: number, src: number, n: number, mul: number, add: number): void;
}

/** Bytes per chunk through the module's memory: in place, so one chunk of this size (it stays in L2). */
const CHUNK_BYTES = 256 << 10;

/**
 * Maps `src[start … end)` into the same positions of `out` by `(v · mul + add) >> 8` (mul in 0…256, every
 * `v · mul + add` below 65,536: a prepareLut form; `out` may be `src`). Returns false, having written nothing, when
 * the WebAssembly kernels are off or unavailable.
 */
export function lutAffineWasm(
  src: Uint8Array,
  out: Uint8Array,
  start: number,
  end: number,
  mul: number,
  add: number,
): boolean {
  const exports = activeFor(src, out) as LutExports | null;
  if (exports === null) return false;
  const from = start === 0 && end === src.length ? src : src.subarray(start, end);
  const to = out === src ? from : start === 0 && end === out.length ? out : out.subarray(start, end);
  throughMemory(
    exports,
    from,
    to,
    end - start,
    1,
    1,
    CHUNK_BYTES,
    (inAt, outAt, m) => exports.lut_affine_u8(outAt, inAt, m, mul, add),
    { inPlace: true, direct: true },
  );
  return true;
}
