import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { type HueSaturationPrepared, hueSaturationSteps } from './hue-saturation.ts';
import { HUE_FACTOR_RULES } from './multiply-hue-and-saturation.ts';

/**
 * Multiplies the hue of each image by a factor drawn per image, in HSV: `MultiplyHueAndSaturation({ mulHue })`
 * (imgaug's `MultiplyHue`, the same bytes). The hue is projected onto 0–255, multiplied, wrapped around modulo 255
 * and projected back. Images must be uint8 with 3 channels, in `fromColorspace` (RGB by default).
 *
 * @param mul A number in [−10, 10], a `[min, max]` range or an `iap` parameter. Default `[-3, 3]`.
 * @example iaa.MultiplyHue([0.5, 1.5])
 */
export const MultiplyHue = defineAugmenter({
  type: 'MultiplyHue',
  kind: 'pixel',
  primary: 'mul',
  options: {
    mul: numberOption([-3, 3], HUE_FACTOR_RULES, 'Multiplies the hue (projected to 0–255, wrapped around).'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ mul: [0.5, 1.5] }],
  prepare: ({ mul, fromColorspace }): HueSaturationPrepared => ({
    op: 'multiply',
    hue: { param: mul, stream: 'mul' },
    fromColorspace,
  }),
  ...hueSaturationSteps,
});
