import { flipVertical } from '../../kernels/flip.ts';
import { defineAugmenter } from '../base/define.ts';
import { drawFlip, fixedFlip, flipOptions } from './fliplr.ts';

/**
 * Mirrors each image up-down with probability `p` (its rows reversed).
 * @param p The probability of flipping an image, in [0, 1]. Default 1.
 * @example iaa.Flipud(0.5) // flip half of the images upside down
 */
export const Flipud = defineAugmenter({
  type: 'Flipud',
  kind: 'geometric',
  primary: 'p',
  options: flipOptions,
  examples: [{ p: 0.5 }],
  drawParams: drawFlip,
  fixedParams: fixedFlip,
  apply: (image, { flip }, out) => (flip ? flipVertical(image, out) : out.data.set(image.data)),
});
