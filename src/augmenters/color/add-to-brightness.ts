import { defineAugmenter } from '../base/define.ts';
import { type BrightnessPrepared, brightnessOptions, brightnessSteps } from './brightness.ts';

const { add, toColorspace, fromColorspace } = brightnessOptions;

/**
 * Adds a value drawn per image to the brightness channel of each image, in a colour space drawn per image:
 * `MultiplyAndAddToBrightness({ mul: 1, add })` (imgaug's `AddToBrightness`; uint8 values are rounded half to even as
 * by Add). Images must be uint8 with 3 channels.
 *
 * @param add The value: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.AddToBrightness([-40, 40])
 */
export const AddToBrightness = defineAugmenter({
  type: 'AddToBrightness',
  kind: 'pixel',
  primary: 'add',
  options: { add, toColorspace, fromColorspace },
  examples: [{ add: [-40, 40] }],
  prepare: (options): BrightnessPrepared => ({ ...options, randomOrder: false }),
  ...brightnessSteps,
});
