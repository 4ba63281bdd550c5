import type { Image, PixelArray, Shape } from '../../core/image.ts';
import { type MaskKind, maskBatchU8Wasm } from '../../kernels/wasm/mask.ts';
import { drawNamed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource, RandomStream } from '../../random/stream.ts';

/**
 * What an element-wise augmenter (Dropout, SaltAndPepper) draws for one image: the probability that a pixel is
 * changed, whether channels are decided independently, and the address of the per-pixel draws. Only the address
 * is kept: `apply` restarts the stream, so applying the same params twice gives the same bytes.
 */
export interface ElementwiseParams {
  /** The probability that a pixel (or, per channel, a value) is changed, drawn once per image. */
  readonly p: number;
  /** One decision per value (true) or one per pixel for all its channels (false). */
  readonly perChannel: boolean;
  /** The stream of per-pixel draws (one uint32 per decision), read from its start on every apply. */
  readonly mask: RandomStream;
}

/**
 * Draws `p` from stream `#p` and the per-channel coin from `#perChannel` (no stream for a fixed one), and
 * addresses the mask at `#mask`.
 */
export function drawElementwise(random: RandomSource, p: Param<number>, perChannel: Param<number>): ElementwiseParams {
  return {
    p: drawNamed(p, random, 'p'),
    perChannel: drawNamed(perChannel, random, 'perChannel') > 0.5,
    mask: random.stream('mask'),
  };
}

/** Changes the values of the image at `dst[base … base + size)` (a copy of the input) where its draws say so. */
export type MaskInPlace = (
  dst: PixelArray,
  base: number,
  size: number,
  channels: number,
  params: ElementwiseParams,
) => void;

/**
 * `apply` and `applyBatch` of a mask augmenter (Dropout, SaltAndPepper): uint8 images go to the WebAssembly mask
 * `kind` (the draws and the changes in one call) where its kernels run; otherwise the input is copied and
 * `inPlace` changes each image's values (the same bytes). For the usual small p, copying and then changing touches
 * the fewest bytes.
 */
export function maskApply(kind: MaskKind, inPlace: MaskInPlace) {
  return {
    apply: (image: Image, params: ElementwiseParams, out: Image): void => {
      if (maskBatchU8Wasm(kind, image.data, out.data, image.data.length, image.channels, [params])) return;
      out.data.set(image.data);
      inPlace(out.data, 0, image.data.length, image.channels, params);
    },
    applyBatch: (batch: Image, params: readonly ElementwiseParams[], out: Image, size: number): void => {
      if (maskBatchU8Wasm(kind, batch.data, out.data, size, batch.channels, params)) return;
      out.data.set(batch.data);
      for (let i = 0; i < params.length; i++) inPlace(out.data, i * size, size, batch.channels, params[i]);
    },
  };
}

/** The uint32 threshold below which a draw means "change": u < p · 2³² happens with probability p. */
export function drawThreshold(p: number): number {
  return p * 4294967296;
}

/** How many draws are made at a time; the draws depend on it (each chunk reseeds the fast generator). */
export const DRAW_CHUNK = 4096;
const CHUNK = DRAW_CHUNK;
// Reused across calls: per-pixel draws are produced a chunk at a time, never one array per image or pixel.
const scratch = new Uint32Array(CHUNK);
// Views of `scratch` for chunks shorter than CHUNK (an image's last chunk), kept by length so that images of one
// size need no new view each.
const shortViews = new Map<number, Uint32Array>();

/**
 * The next `count` (at most {@link DRAW_CHUNK}) draws of `stream`, which the caller restarted and walks chunk by
 * chunk: the same draws as {@link forEachDrawChunk} gives, without a callback. The array is reused by the next call.
 */
export function nextDrawChunk(stream: RandomStream, count: number): Uint32Array {
  let draws = count === CHUNK ? scratch : shortViews.get(count);
  if (draws === undefined) {
    if (shortViews.size >= 64) shortViews.clear();
    draws = scratch.subarray(0, count);
    shortViews.set(count, draws);
  }
  stream.fillUint32(draws);
  return draws;
}

/**
 * Reads `n` uint32 draws from the start of `stream` a chunk at a time and hands each chunk to `visit` with the
 * index of its first decision. The draws are the same however they are chunked (the stream continues across
 * chunks). The chunk array is reused: `visit` must not keep it.
 */
export function forEachDrawChunk(
  stream: RandomStream,
  n: number,
  visit: (draws: Uint32Array, first: number, count: number) => void,
): void {
  const s = stream.restart();
  for (let first = 0; first < n; first += CHUNK) {
    const count = Math.min(CHUNK, n - first);
    const draws = count === CHUNK ? scratch : scratch.subarray(0, count);
    s.fillUint32(draws);
    visit(draws, first, count);
  }
}
