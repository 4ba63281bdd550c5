import { applyWarp } from '../../geometry/apply.ts';
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
  drawParams: ({ p }, random, shape) => drawFlip('y', p, random, shape),
  fixedParams: ({ p }, shape) => fixedFlip('y', p, shape),
  outputShape: (_options, _shape, params) => params.warp.output,
  apply: (image, { warp, sampling }, out) => applyWarp(image, warp, out, sampling),
});
