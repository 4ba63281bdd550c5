import type { PixelArray } from '../core/image.ts';
import type { PixelDraws } from './draws.ts';
import { defineKernel } from './table.ts';
import { type MaskKind, maskBatchU8Wasm } from './wasm/mask.ts';

/** One image's mask (Dropout's and SaltAndPepper's params): what changes, and the draws that decide where. */
export interface MaskDraws {
  /** The probability that a value changes. */
  readonly p: number;
  /** One decision per value (true) or one per pixel for all its channels (false). */
  readonly perChannel: boolean;
  /** The per-pixel draws (one uint32 per decision), read from their start on every call. */
  readonly mask: PixelDraws;
}

/** A mask kernel: `draws.length` images of `size` values in `src` to `out`, each changed where its draws say. */
export type MaskKernel = (
  src: PixelArray,
  out: PixelArray,
  size: number,
  channels: number,
  draws: readonly MaskDraws[],
) => void;

/**
 * Dropout's pixels: copies the images of `src` (`draws.length` images of `size` values, `channels` per pixel) to
 * `out` (which may be `src`) with each image's dropped values set to 0. A value (or pixel) is dropped where its draw
 * u has u < p · 2³²; p ≥ 1 drops everything without drawing, p ≤ 0 nothing.
 */
export const dropoutImages = maskKernel('dropout', dropInPlace);

/**
 * SaltAndPepper's pixels: as {@link dropoutImages}, with each changed value (or pixel) set to white (255, or 1 for
 * float32) where its draw is odd and to 0 where it is even.
 */
export const saltAndPepperImages = maskKernel('saltAndPepper', (dst, base, size, channels, draws) =>
  replaceInPlace(dst, base, size, channels, draws, false),
);

/**
 * Salt's pixels: as {@link dropoutImages}, with each changed value (or pixel) set to white (255, or 1 for float32).
 * (Pepper, which sets them to black, is {@link dropoutImages}.) No WebAssembly twin.
 */
export const saltImages = maskKernel('salt', (dst, base, size, channels, draws) =>
  replaceInPlace(dst, base, size, channels, draws, true),
);

/**
 * The kernel-table entry of a mask: the reference copies the images and lets `change` alter each one's values; the
 * WebAssembly twin (wasm/mask.c), for the kinds it has, draws and changes uint8 images in one call.
 */
function maskKernel(
  kind: MaskKind | 'salt',
  change: (dst: PixelArray, base: number, size: number, channels: number, draws: MaskDraws) => void,
): MaskKernel {
  const reference = (src: PixelArray, out: PixelArray, size: number, channels: number, draws: readonly MaskDraws[]) => {
    out.set(src);
    for (let i = 0; i < draws.length; i++) change(out, i * size, size, channels, draws[i]);
  };
  if (kind === 'salt') return defineKernel({ name: kind, reference });
  return defineKernel({
    name: kind,
    reference,
    wasm: (src, out, size, channels, draws) => maskBatchU8Wasm(kind, src, out, size, channels, draws),
    when: (src, out) => src instanceof Uint8Array && out instanceof Uint8Array,
    condition: 'uint8',
  });
}

/** The uint32 threshold below which a draw means "change": u < p · 2³² happens with probability p. */
function drawThreshold(p: number): number {
  return p * 4294967296;
}

/**
 * How many draws are made at a time; the draws depend on it (each chunk reseeds the fast generator), and
 * wasm/mask.c has it built in (a test checks that they agree).
 */
export const DRAW_CHUNK = 4096;
const CHUNK = DRAW_CHUNK;
// Reused across calls: per-pixel draws are produced a chunk at a time, never one array per image or pixel.
const scratch = new Uint32Array(CHUNK);
// Views of `scratch` for chunks shorter than CHUNK (an image's last chunk), kept by length so that images of one
// size need no new view each.
const shortViews = new Map<number, Uint32Array>();

/**
 * The next `count` (at most {@link DRAW_CHUNK}) draws of `draws`, which the caller restarted and walks chunk by
 * chunk. The array is reused by the next call.
 */
export function nextDrawChunk(draws: PixelDraws, count: number): Uint32Array {
  let chunk = count === CHUNK ? scratch : shortViews.get(count);
  if (chunk === undefined) {
    if (shortViews.size >= 64) shortViews.clear();
    chunk = scratch.subarray(0, count);
    shortViews.set(count, chunk);
  }
  draws.fillUint32(chunk);
  return chunk;
}

/** Zeroes the dropped values of the image at `dst[base … base + size)`, which holds a copy of the input. */
function dropInPlace(
  dst: PixelArray,
  base: number,
  size: number,
  channels: number,
  { p, perChannel, mask }: MaskDraws,
): void {
  if (p >= 1) {
    dst.fill(0, base, base + size);
    return;
  }
  if (!(p > 0)) return;
  const threshold = drawThreshold(p);
  const step = perChannel ? 1 : channels;
  const n = size / step;
  const stream = mask.restart();
  for (let first = 0; first < n; first += DRAW_CHUNK) {
    const count = Math.min(DRAW_CHUNK, n - first);
    const draws = nextDrawChunk(stream, count);
    const at = base + first * step;
    if (dst instanceof Uint8Array && step === 1) {
      dropBytes(dst, at, draws, count, threshold);
    } else if (step === 1) {
      for (let j = 0; j < count; j++) if (draws[j] < threshold) dst[at + j] = 0;
    } else if (step === 3) {
      for (let j = 0, o = at; j < count; j++, o += 3) {
        if (draws[j] < threshold) {
          dst[o] = 0;
          dst[o + 1] = 0;
          dst[o + 2] = 0;
        }
      }
    } else {
      for (let j = 0, o = at; j < count; j++, o += step) {
        if (draws[j] < threshold) for (let c = 0; c < step; c++) dst[o + c] = 0;
      }
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Zeroes `dst[at + j]` where `draws[j] < threshold`, branch-free: `+(u < t) − 1` is 0 for a dropped value and −1
 * (all bits set) for a kept one, so an AND keeps or clears it. A branch taken at random p of the time would be
 * mispredicted about as often. Four values at a time as one int32 word where `dst` is word-aligned there (on
 * little-endian platforms, where value j + k is the word's byte k).
 */
function dropBytes(dst: Uint8Array, at: number, draws: Uint32Array, count: number, threshold: number): void {
  let j = 0;
  if (LITTLE_ENDIAN && ((dst.byteOffset + at) & 3) === 0 && count >= 4) {
    const words = new Int32Array(dst.buffer, dst.byteOffset + at, count >> 2);
    for (let q = 0; q < words.length; q++, j += 4) {
      words[q] &=
        ((+(draws[j] < threshold) - 1) & 0xff) |
        ((+(draws[j + 1] < threshold) - 1) & 0xff00) |
        ((+(draws[j + 2] < threshold) - 1) & 0xff0000) |
        ((+(draws[j + 3] < threshold) - 1) << 24);
    }
  }
  for (; j < count; j++) dst[at + j] &= +(draws[j] < threshold) - 1;
}

/**
 * Writes salt and pepper (or, with `saltOnly`, salt alone) into the image at `dst[base … base + size)`, which holds
 * a copy of the input.
 */
function replaceInPlace(
  dst: PixelArray,
  base: number,
  size: number,
  channels: number,
  { p, perChannel, mask }: MaskDraws,
  saltOnly: boolean,
): void {
  if (!(p > 0)) return;
  const white = dst instanceof Uint8Array ? 255 : 1;
  // Salt alone: every changed value turns white, whatever the draw's lowest bit.
  const oddMask = saltOnly ? 0 : 1;
  const evenColour = saltOnly ? white : 0;
  const threshold = drawThreshold(p);
  const step = perChannel ? 1 : channels;
  const n = size / step;
  const stream = mask.restart();
  for (let first = 0; first < n; first += DRAW_CHUNK) {
    const count = Math.min(DRAW_CHUNK, n - first);
    const draws = nextDrawChunk(stream, count);
    const at = base + first * step;
    // One draw decides both: u < p·2³² replaces, and its lowest bit picks the colour. Below any threshold the odd
    // and even draws differ in number by at most one, so white and black are equally likely.
    if (step === 1) {
      for (let j = 0; j < count; j++) {
        const u = draws[j];
        if (u < threshold) dst[at + j] = (u & oddMask) === 1 ? white : evenColour;
      }
    } else {
      for (let j = 0, o = at; j < count; j++, o += step) {
        const u = draws[j];
        if (u < threshold) {
          const v = (u & oddMask) === 1 ? white : evenColour;
          for (let c = 0; c < step; c++) dst[o + c] = v;
        }
      }
    }
  }
}
