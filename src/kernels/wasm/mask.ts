/**
 * Dropout's and SaltAndPepper's uint8 masks for a whole batch in one WebAssembly call (wasm/mask.c): the per-pixel
 * draws (xoshiro128** per chunk of draws, four chunks side by side in SIMD lanes) and the changes to the pixels.
 * Here, per image: the decision step, the limit that stands for `u < p · 2³²`, and every chunk's seed words from
 * the image's mask stream. The same bytes as the TypeScript loops in kernels/mask.ts, which stay the reference.
 */
import type { PixelArray } from '../../core/image.ts';
import { alignedLikeEither, copySpan } from '../copy.ts';
import type { MaskDraws } from '../mask.ts';
import { align16, reserve } from './arena.ts';
import { WASM } from './noise.wasm.ts';
import { type Exports, inPlaceOf, wasmFamily } from './simd.ts';

/** The noise family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('noise', WASM);

/** dropout_u8 and salt_pepper_u8: `count` images of `size` bytes at `data`, masked in place (see mask.c). */
type MaskKernel = (
  data: number,
  count: number,
  size: number,
  steps: number,
  lims: number,
  seeds: number,
  scratch: number,
) => void;

interface MaskExports extends Exports {
  mask_u8_scratch(): number;
  dropout_u8: MaskKernel;
  salt_pepper_u8: MaskKernel;
}

/** Dropout sets changed values to 0; SaltAndPepper to 255 where the draw is odd, 0 where it is even. */
export type MaskKind = 'dropout' | 'saltAndPepper';

/** kernels/mask.ts's DRAW_CHUNK, which mask.c has built in (a test checks that they agree). */
export const MASK_DRAW_CHUNK = 4096;

/**
 * Images per call are capped so that the module's memory stays near this many bytes: small enough that an image
 * stays in a core's L2 cache between the copy in, the mask and the copy out (bench/README.md, "Measurements behind
 * the kernels").
 */
const CHUNK_BYTES = 512 << 10;

/**
 * The largest draw that changes a value: the TypeScript loops (kernels/mask.ts) change a value where `u < t`,
 * t = p · 2³², and for an integer u and a real t > 0, u < t exactly when u ≤ ⌈t⌉ − 1 (if t is an integer, u ≤ t − 1; otherwise
 * u ≤ ⌊t⌋ = ⌈t⌉ − 1). Those loops compare doubles, which here is the exact comparison: u is exact as a double, and
 * t is exactly p · 2³² (scaling by a power of two loses nothing). ⌈t⌉ − 1 is exact too (an integer below 2⁵³), and
 * at least 0 since p > 0. Where p < 1 yet t > 2³² − 1 (p = 1 − 2⁻⁴⁰: t = 2³² − 2⁻⁸), ⌈t⌉ − 1 = 2³² − 1 and every
 * draw changes its value, as in the loops; where t ≥ 2³² (p ≥ 1, which only SaltAndPepper masks), every draw is
 * below t, and the clamp to 2³² − 1 says the same within uint32.
 */
function changeLimit(p: number): number {
  return Math.min(Math.ceil(p * 4294967296) - 1, 4294967295);
}

/**
 * Applies Dropout's or SaltAndPepper's mask to each image of an N×H×W×C uint8 buffer (`draws[i]` for image i,
 * `size` = H·W·C values apart) and writes the result to `out`, which may be `src`: the same bytes as the
 * TypeScript loops of kernels/mask.ts. Returns false, having done nothing, when the WebAssembly kernels are unavailable
 * or the images are not uint8 (float32 images take the TypeScript loops).
 */
export function maskBatchU8Wasm(
  kind: MaskKind,
  src: PixelArray,
  out: PixelArray,
  size: number,
  channels: number,
  draws: readonly MaskDraws[],
): boolean {
  if (!(src instanceof Uint8Array) || !(out instanceof Uint8Array)) return false;
  const exports = family.activeFor(src, out) as MaskExports | null;
  if (exports === null) return false;
  const count = draws.length;
  const perCall = Math.max(1, Math.min(count, Math.floor(CHUNK_BYTES / Math.max(1, size))));
  // At most one chunk of draws per value (perChannel), four seed words each.
  const chunksPerImage = Math.ceil(size / MASK_DRAW_CHUNK);
  const scratchBytes = align16(exports.mask_u8_scratch());
  const tableBytes = align16(4 * perCall);
  const seedBytes = align16(16 * perCall * chunksPerImage);
  // In the kernel heap, the images change where they lie (out holds a copy of src first, unless it is src);
  // elsewhere each chunk goes through the module's memory.
  const direct = inPlaceOf(exports, src, out, true);
  // 8 bytes more for placing the pixels at a shared buffer's alignment (see copy.ts).
  const dataBytes = direct ? 0 : align16(perCall * size) + 8;
  const base = reserve(exports, scratchBytes + 2 * tableBytes + seedBytes + dataBytes);
  const stepsAt = base + scratchBytes;
  const limsAt = stepsAt + tableBytes;
  const seedsAt = limsAt + tableBytes;
  const dataAt0 = seedsAt + seedBytes;
  // Views after the last grow: growing detaches earlier ones.
  const heap = exports.memory.buffer;
  const steps = new Int32Array(heap, stepsAt, perCall);
  const lims = new Uint32Array(heap, limsAt, perCall);
  const seeds = new Uint32Array(heap, seedsAt, 4 * perCall * chunksPerImage);
  const bytes = new Uint8Array(heap);
  const run = kind === 'dropout' ? exports.dropout_u8 : exports.salt_pepper_u8;
  for (let first = 0; first < count; first += perCall) {
    const m = Math.min(perCall, count - first);
    let at = 0;
    for (let i = 0; i < m; i++) {
      const { p, perChannel, mask } = draws[first + i];
      // As in the loops: p ≤ 0 (or NaN) changes nothing; Dropout with p ≥ 1 zeroes the image without drawing.
      if (!(p > 0)) {
        steps[i] = 0;
        continue;
      }
      if (kind === 'dropout' && p >= 1) {
        steps[i] = -1;
        continue;
      }
      const step = perChannel ? 1 : channels;
      steps[i] = step;
      lims[i] = changeLimit(p);
      const stream = mask.restart();
      for (let j = Math.ceil(size / step / MASK_DRAW_CHUNK); j > 0; j--, at += 4) stream.nextXoshiroSeed(seeds, at);
    }
    const from = first * size;
    if (direct) {
      const at = out.byteOffset + from;
      if (src.byteOffset !== out.byteOffset) exports.copy_u8(at, src.byteOffset + from, m * size);
      run(at, m, size, stepsAt, limsAt, seedsAt, base);
      continue;
    }
    // In place: one position serves both copies.
    const dataAt = alignedLikeEither(dataAt0, src, from, out, from);
    copySpan(bytes, dataAt, src, from, m * size);
    run(dataAt, m, size, stepsAt, limsAt, seedsAt, base);
    copySpan(out, from, bytes, dataAt, m * size);
  }
  return true;
}
