import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { type HueSaturationPrepared, hueSaturationSteps } from './hue-saturation.ts';
import { SATURATION_FACTOR_RULES } from './multiply-hue-and-saturation.ts';

/**
 * Multiplies the saturation of each image by a factor drawn per image, in HSV, rounded half to even and clipped to
 * 0–255: `MultiplyHueAndSaturation({ mulSaturation })` (imgaug's `MultiplySaturation`, the same bytes, including
 * the hue's projection to 0–255 and back, which lowers some hues by one). Images must be uint8 with 3 channels, in
 * `fromColorspace` (RGB by default).
 *
 * @param mul A number in [0, 10], a `[min, max]` range or an `iap` parameter. Default `[0, 3]`.
 * @example iaa.MultiplySaturation([0.5, 1.5])
 */
export const MultiplySaturation = defineAugmenter({
  type: 'MultiplySaturation',
  kind: 'pixel',
  primary: 'mul',
  options: {
    mul: numberOption([0, 3], SATURATION_FACTOR_RULES, 'Multiplies the saturation, then clipped to 0–255.'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ mul: [0.5, 1.5] }],
  prepare: ({ mul, fromColorspace }): HueSaturationPrepared => ({
    op: 'multiply',
    saturation: { param: mul, stream: 'mul' },
    fromColorspace,
  }),
  ...hueSaturationSteps,
});
