import { flipVertical } from '../../kernels/flip.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import type { FlipParams } from './fliplr.ts';

/**
 * Mirrors each image up-down with probability `p` (its rows reversed).
 * @param p The probability of flipping an image, in [0, 1]. Default 1.
 * @example iaa.Flipud(0.5) // flip half of the images upside down
 */
export const Flipud = defineAugmenter({
  type: 'Flipud',
  kind: 'geometric',
  primary: 'p',
  options: { p: numberOption(1, { min: 0, max: 1 }) },
  drawParams: ({ p }, random): FlipParams => {
    const coin = random.stream('p');
    return { flip: coin.random() < p.draw(coin) };
  },
  apply: (image, { flip }, out) => (flip ? flipVertical(image, out) : out.data.set(image.data)),
});
