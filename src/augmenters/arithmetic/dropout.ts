import type { PixelArray } from '../../core/image.ts';
import { defineAugmenter } from '../base/define.ts';
import {
  DRAW_CHUNK,
  type ElementwiseParams,
  drawElementwise,
  drawThreshold,
  maskApply,
  nextDrawChunk,
} from '../base/elementwise.ts';
import { numberOption, probabilityOption } from '../base/options.ts';

/**
 * Sets a random fraction of each image's pixels to zero (black).
 *
 * A drop probability `p` is drawn once per image, then every pixel is dropped with probability `p`: all its
 * channels together, or, with `perChannel`, each channel on its own (so dropped values show as coloured specks).
 * uint8 and float32 images alike get 0 for dropped values; the other values are copied unchanged.
 *
 * Differs from imgaug: imgaug 0.4.0's default `p` is 0, which does nothing; augkit's default is `[0, 0.2]`. An
 * `iap` parameter for `p` is a drop probability drawn per image (an unbounded one clipped to [0, 1]); imgaug instead uses such
 * a parameter's per-pixel draws as keep/drop decisions. The per-pixel draws come from augkit's Philox streams, so
 * the same seed gives other pixels than in imgaug, with the same statistics.
 *
 * @param p The probability of dropping a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.2]`.
 * @param perChannel true, false, or the probability that an image decides each channel independently. Default false.
 * @example iaa.Dropout(0.05)                          // 5 % of the pixels of every image turn black
 * @example iaa.Dropout([0, 0.1], { perChannel: 0.5 }) // up to 10 %, half of the images channel by channel
 */
export const Dropout = defineAugmenter({
  type: 'Dropout',
  kind: 'pixel',
  primary: 'p',
  options: { p: numberOption([0, 0.2], { min: 0, max: 1 }), perChannel: probabilityOption(false) },
  drawParams: ({ p, perChannel }, random): ElementwiseParams => drawElementwise(random, p, perChannel),
  ...maskApply('dropout', dropInPlace),
});

/** Zeroes the dropped values of the image at `dst[base … base + size)`, which holds a copy of the input. */
function dropInPlace(
  dst: PixelArray,
  base: number,
  size: number,
  channels: number,
  { p, perChannel, mask }: ElementwiseParams,
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
