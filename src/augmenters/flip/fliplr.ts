import type { Image } from '../../core/image.ts';
import { flipHorizontal } from '../../kernels/flip.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** Whether this image is flipped. */
export interface FlipParams {
  readonly flip: boolean;
}

/** The flip options both flips share: `p`, the probability of flipping, drawn per image. */
export const flipOptions = { p: numberOption(1, { min: 0, max: 1 }, 'The probability of flipping an image.') };

const FLIP: FlipParams = { flip: true };
const KEEP: FlipParams = { flip: false };

/** Tosses this image's coin: a uniform draw below `p` (drawn from the same stream) means flip. */
export function drawFlip({ p }: { p: Param<number> }, random: RandomSource): FlipParams {
  const fixed = fixedFlip({ p });
  if (fixed !== undefined) return fixed;
  const coin = random.stream('p');
  return coin.random() < p.draw(coin) ? FLIP : KEEP;
}

/**
 * The coin every image gets when `p` decides it alone: the draw is uniform in [0, 1), so p ≥ 1 always flips and
 * p ≤ 0 never does, and such coins need no stream (the result is the same; no other draw depends on this stream).
 */
export function fixedFlip({ p }: { p: Param<number> }): FlipParams | undefined {
  const [lo, hi] = p.bounds;
  return lo >= 1 ? FLIP : hi <= 0 ? KEEP : undefined;
}

/**
 * Applies a flip kernel to a uniform batch seen as one tall image: each run of consecutive images with the same
 * coin is flipped (or copied) in one call, so `Fliplr(1)` flips the whole batch at once.
 */
export function flipBatch(
  batch: Image,
  params: readonly FlipParams[],
  out: Image,
  imageSize: number,
  flip: (src: Image, out: Image) => void,
): void {
  const rows = batch.height / params.length;
  let start = 0;
  while (start < params.length) {
    const flag = params[start].flip;
    let end = start + 1;
    while (end < params.length && params[end].flip === flag) end++;
    const from = start * imageSize;
    const to = end * imageSize;
    if (!flag) out.data.set(batch.data.subarray(from, to), from);
    else if (start === 0 && end === params.length) flip(batch, out);
    else {
      const height = rows * (end - start);
      flip(
        { ...batch, height, data: batch.data.subarray(from, to) },
        { ...out, height, data: out.data.subarray(from, to) },
      );
    }
    start = end;
  }
}

/**
 * Mirrors each image left-right with probability `p` (its columns reversed).
 * @param p The probability of flipping an image, a number in [0, 1] (or a range or parameter, drawn per image).
 *   Default 1.
 * @example iaa.Fliplr(0.5) // flip half of the images
 */
export const Fliplr = defineAugmenter({
  type: 'Fliplr',
  kind: 'geometric',
  primary: 'p',
  options: flipOptions,
  examples: [{ p: 0.5 }],
  drawParams: drawFlip,
  fixedParams: fixedFlip,
  apply: (image, { flip }, out) => (flip ? flipHorizontal(image, out) : out.data.set(image.data)),
  applyBatch: (batch, params, out, size) => flipBatch(batch, params, out, size, flipHorizontal),
});
