import { defineAugmenter } from '../base/define.ts';
import { type BrightnessPrepared, brightnessOptions, brightnessSteps } from './brightness.ts';

const { mul, toColorspace, fromColorspace } = brightnessOptions;

/**
 * Multiplies the brightness channel of each image by a factor drawn per image, in a colour space drawn per image:
 * `MultiplyAndAddToBrightness({ mul, add: 0 })` (imgaug's `MultiplyBrightness`). Images must be uint8 with 3 channels.
 *
 * @param mul The factor: a number, a `[min, max]` range or an `iap` parameter. Default `[0.7, 1.3]`.
 * @example iaa.MultiplyBrightness([0.5, 1.5])
 */
export const MultiplyBrightness = defineAugmenter({
  type: 'MultiplyBrightness',
  kind: 'pixel',
  primary: 'mul',
  options: { mul, toColorspace, fromColorspace },
  examples: [{ mul: [0.5, 1.5] }],
  prepare: (options): BrightnessPrepared => ({ ...options, randomOrder: false }),
  ...brightnessSteps,
});
