import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';
import { type BrightnessPrepared, brightnessSteps, toColorspaceOption } from './brightness.ts';
import { fromColorspaceOption } from './colorspace-options.ts';

/**
 * Multiplies the brightness channel of each image by a factor drawn per image, in a colour space drawn per image:
 * `MultiplyAndAddToBrightness({ mul, add: 0 })` (imgaug's `MultiplyBrightness`). Images must be uint8 with 3 channels.
 *
 * Differs from imgaug: Luv is not among the spaces yet, so `toColorspace` draws from the other five by default.
 *
 * @param mul The factor: a number, a `[min, max]` range or an `iap` parameter. Default `[0.7, 1.3]`.
 * @example iaa.MultiplyBrightness([0.5, 1.5])
 */
export const MultiplyBrightness = defineAugmenter({
  type: 'MultiplyBrightness',
  kind: 'pixel',
  primary: 'mul',
  options: {
    mul: numberOption([0.7, 1.3], VALUE_MAP_RANGE, 'The factor the brightness channel is multiplied by.'),
    toColorspace: toColorspaceOption,
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ mul: [0.5, 1.5] }],
  prepare: ({ mul, toColorspace, fromColorspace }): BrightnessPrepared => ({
    mul,
    toColorspace,
    fromColorspace,
    randomOrder: false,
  }),
  ...brightnessSteps,
});
