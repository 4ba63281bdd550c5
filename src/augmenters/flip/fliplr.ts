import { flipHorizontal } from '../../kernels/flip.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** Whether this image is flipped. */
export interface FlipParams {
  readonly flip: boolean;
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
  options: { p: numberOption(1, { min: 0, max: 1 }) },
  drawParams: ({ p }, random): FlipParams => {
    const coin = random.stream('p');
    return { flip: coin.random() < p.draw(coin) };
  },
  apply: (image, { flip }, out) => (flip ? flipHorizontal(image, out) : out.data.set(image.data)),
});
