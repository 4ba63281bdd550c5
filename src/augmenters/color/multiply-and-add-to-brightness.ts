import { defineAugmenter } from '../base/define.ts';
import { booleanOption } from '../base/options.ts';
import { brightnessOptions, brightnessSteps } from './brightness.ts';

/**
 * Multiplies the brightness channel of each image by a factor and adds a value, both drawn per image, in a colour
 * space drawn per image (Y of YCrCb or YUV, V of HSV, L of HLS, Lab or Luv), then converts back (imgaug's
 * `MultiplyAndAddToBrightness`: Multiply's and Add's uint8 tables, in an order drawn per image with `randomOrder`).
 * Images must be uint8 with 3 channels, in `fromColorspace` (RGB by default).
 *
 * @param mul The factor: a number, a `[min, max]` range or an `iap` parameter. Default `[0.7, 1.3]`.
 * @example iaa.MultiplyAndAddToBrightness({ mul: [0.5, 1.5], add: [-30, 30] })
 */
export const MultiplyAndAddToBrightness = defineAugmenter({
  type: 'MultiplyAndAddToBrightness',
  kind: 'pixel',
  primary: 'mul',
  options: {
    ...brightnessOptions,
    randomOrder: booleanOption(true, 'Whether Multiply and Add run in a random order per image.'),
  },
  examples: [
    { mul: [0.5, 1.5], add: [-40, 40] },
    { mul: [0.8, 1.2], add: 0, toColorspace: ['Lab', 'HSV'] },
  ],
  ...brightnessSteps,
});
