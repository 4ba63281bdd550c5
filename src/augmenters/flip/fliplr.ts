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
export const flipOptions = { p: numberOption(1, { min: 0, max: 1 }) };

/** Tosses this image's coin: a uniform draw below `p` (drawn from the same stream) means flip. */
export function drawFlip({ p }: { p: Param<number> }, random: RandomSource): FlipParams {
  const coin = random.stream('p');
  return { flip: coin.random() < p.draw(coin) };
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
  drawParams: drawFlip,
  apply: (image, { flip }, out) => (flip ? flipHorizontal(image, out) : out.data.set(image.data)),
});
