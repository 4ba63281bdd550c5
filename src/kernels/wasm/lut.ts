/**
 * Lookup tables that are a clamped line in fixed point (lut.ts's prepareLut and fixedForm find the form: the tables
 * of Multiply, LinearContrast and Add) in WebAssembly SIMD (wasm/lut.c), 16 bytes per step. Plain arrays go through
 * the module's memory in chunks that stay in a core's cache (copied in, mapped in place, copied out); arrays in the
 * kernel heap are mapped where they lie. Faster than lut.ts's word loops (bench/README.md, "Lookup tables", has the
 * figures), with the same bytes as the tables, which stay the reference and the fallback.
 */
import type { FixedForm } from '../lut.ts';
import { throughMemory } from './arena.ts';
import { WASM } from './lut.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The lut family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('lut', WASM);

interface LutExports extends Exports {
  lut_affine_u8(dst: number, src: number, n: number, mul: number, add: number): void;
  lut_fixed_u8(dst: number, src: number, n: number, mul: number, add: number): void;
  lut_fixed_rgb_u8(
    dst: number,
    src: number,
    n: number,
    mul0: number,
    add0: number,
    mul1: number,
    add1: number,
    mul2: number,
    add2: number,
  ): void;
}

/** Bytes per chunk through the module's memory: in place, so one chunk of this size (it stays in L2). */
const CHUNK_BYTES = 256 << 10;

/**
 * Maps `src[start … end)` into the same positions of `out` (which may be `src`) by a line in fixed point: with
 * `shift` 8, `(v · mul + add) >> 8` (mul in 0…256, every `v · mul + add` below 65,536: a prepareLut form); with 16,
 * `clamp((v · mul + add) >> 16, 0, 255)` (a fixedForm of lut.ts). Runs on the bytes where they lie in the kernel
 * heap, else through the module's memory. Returns false, having written nothing, when the WebAssembly kernels are
 * off or unavailable.
 */
export function lutLineWasm(
  src: Uint8Array,
  out: Uint8Array,
  start: number,
  end: number,
  line: FixedForm & { readonly shift: 8 | 16 },
): boolean {
  const exports = family.activeFor(src, out) as LutExports | null;
  if (exports === null) return false;
  const { mul, add } = line;
  const kernel = line.shift === 8 ? exports.lut_affine_u8 : exports.lut_fixed_u8;
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
    (inAt, outAt, m) => kernel(outAt, inAt, m, mul, add),
    {
      inPlace: true,
      direct: true,
    },
  );
  return true;
}

/** Bytes per step of the RGB kernel: 16 pixels, 48 bytes (its slopes repeat every 12 bytes, its vectors every 16). */
export const RGB_LINE_BLOCK = 48;

/**
 * Maps the first `n` bytes of RGB pixels `src` (n a multiple of {@link RGB_LINE_BLOCK}) into `out` (which may be
 * `src`) by a clamped 32-bit line per channel, `clamp((v · mul + add) >> 16, 0, 255)` with channel c's `lines[c]`
 * (fixedForms of lut.ts). Returns false, having written nothing, when the WebAssembly kernels are off or unavailable.
 */
export function lutRgbLinesWasm(
  src: Uint8Array,
  out: Uint8Array,
  n: number,
  lines: readonly [FixedForm, FixedForm, FixedForm],
): boolean {
  const exports = family.activeFor(src, out) as LutExports | null;
  if (exports === null) return false;
  const [r, g, b] = lines;
  const from = n === src.length ? src : src.subarray(0, n);
  const to = out === src ? from : n === out.length ? out : out.subarray(0, n);
  throughMemory(
    exports,
    from,
    to,
    n / RGB_LINE_BLOCK,
    RGB_LINE_BLOCK,
    RGB_LINE_BLOCK,
    CHUNK_BYTES,
    (inAt, outAt, m) =>
      exports.lut_fixed_rgb_u8(outAt, inAt, m * RGB_LINE_BLOCK, r.mul, r.add, g.mul, g.add, b.mul, b.add),
    { inPlace: true, direct: true },
  );
  return true;
}
