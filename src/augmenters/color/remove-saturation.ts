import { subtract } from '../../params/arithmetic.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { type HueSaturationPrepared, hueSaturationSteps } from './hue-saturation.ts';

/**
 * Removes part of the saturation of each image, by a strength drawn per image: `MultiplySaturation(1 − mul)`
 * (imgaug's `RemoveSaturation`, the same bytes). 1 removes all colour (close to `Grayscale`, but through HSV: the
 * gray is the pixel's largest channel), 0 keeps it. Images must be uint8 with 3 channels, in `fromColorspace` (RGB
 * by default).
 *
 * @param mul The strength in [0, 1]: a number, a `[min, max]` range or an `iap` parameter. Default 1.
 * @example iaa.RemoveSaturation()         // no colour left
 * @example iaa.RemoveSaturation([0, 1])   // from untouched to gray, per image
 */
export const RemoveSaturation = defineAugmenter({
  type: 'RemoveSaturation',
  kind: 'pixel',
  primary: 'mul',
  options: {
    mul: numberOption(1, { min: 0, max: 1 }, 'How much of the saturation is removed (1: all of it).'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ mul: [0, 1] }],
  // imgaug's iap.Subtract(1.0, mul): the saturation factor is 1 − the drawn strength.
  prepare: ({ mul, fromColorspace }): HueSaturationPrepared => ({
    op: 'multiply',
    saturation: { param: subtract(1, mul), stream: 'mul' },
    fromColorspace,
  }),
  ...hueSaturationSteps,
});
