import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';
import { type BrightnessPrepared, brightnessSteps, toColorspaceOption } from './brightness.ts';
import { fromColorspaceOption } from './colorspace-options.ts';

/**
 * Adds a value drawn per image to the brightness channel of each image, in a colour space drawn per image:
 * `MultiplyAndAddToBrightness({ mul: 1, add })` (imgaug's `AddToBrightness`; uint8 values are rounded half to even as
 * by Add). Images must be uint8 with 3 channels.
 *
 * Differs from imgaug: Luv is not among the spaces yet, so `toColorspace` draws from the other five by default.
 *
 * @param add The value: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.AddToBrightness([-40, 40])
 */
export const AddToBrightness = defineAugmenter({
  type: 'AddToBrightness',
  kind: 'pixel',
  primary: 'add',
  options: {
    add: numberOption([-30, 30], VALUE_MAP_RANGE, 'The value added to the brightness channel (rounded for uint8).'),
    toColorspace: toColorspaceOption,
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ add: [-40, 40] }],
  prepare: ({ add, toColorspace, fromColorspace }): BrightnessPrepared => ({
    add,
    toColorspace,
    fromColorspace,
    randomOrder: false,
  }),
  ...brightnessSteps,
});
