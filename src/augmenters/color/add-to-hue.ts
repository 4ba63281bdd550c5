import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { HUE_SATURATION_RULES } from './add-to-hue-and-saturation.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { type HueSaturationPrepared, hueSaturationSteps } from './hue-saturation.ts';

/**
 * Shifts the hue of each image by a value drawn per image, in HSV: `AddToHueAndSaturation({ valueHue })` (imgaug's
 * `AddToHue`, the same bytes). Values in [−255, 255] span the whole hue circle (`int(v / 255 · 180)` of OpenCV's
 * half-degrees). Images must be uint8 with 3 channels, in `fromColorspace` (RGB by default).
 *
 * @param value An integer in [−255, 255], a `[min, max]` range or an `iap` parameter. Default `[-255, 255]`.
 * @example iaa.AddToHue([-50, 50])
 */
export const AddToHue = defineAugmenter({
  type: 'AddToHue',
  kind: 'pixel',
  primary: 'value',
  options: {
    value: numberOption([-255, 255], HUE_SATURATION_RULES, 'Added to the hue (−255 to 255 span the circle).'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ value: [-100, 100] }],
  prepare: ({ value, fromColorspace }): HueSaturationPrepared => ({
    op: 'add',
    hue: { param: value, stream: 'value' },
    fromColorspace,
  }),
  ...hueSaturationSteps,
});
