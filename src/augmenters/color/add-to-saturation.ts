import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { HUE_SATURATION_RULES } from './add-to-hue-and-saturation.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { type HueSaturationPrepared, hueSaturationSteps } from './hue-saturation.ts';

/**
 * Adds a value drawn per image to the saturation of each image in HSV, clipped to 0–255:
 * `AddToHueAndSaturation({ valueSaturation })` (imgaug's `AddToSaturation`, the same bytes). Images must be uint8
 * with 3 channels, in `fromColorspace` (RGB by default).
 *
 * @param value An integer in [−255, 255], a `[min, max]` range or an `iap` parameter. Default `[-75, 75]`.
 * @example iaa.AddToSaturation([-50, 50])
 */
export const AddToSaturation = defineAugmenter({
  type: 'AddToSaturation',
  kind: 'pixel',
  primary: 'value',
  options: {
    value: numberOption([-75, 75], HUE_SATURATION_RULES, 'Added to the saturation, then clipped to 0–255.'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ value: [-100, 100] }],
  prepare: ({ value, fromColorspace }): HueSaturationPrepared => ({
    op: 'add',
    saturation: { param: value, stream: 'value' },
    fromColorspace,
  }),
  ...hueSaturationSteps,
});
