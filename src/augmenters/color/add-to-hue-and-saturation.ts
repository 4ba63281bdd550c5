import { numberArg } from '../../params/sugar.ts';
import { defineAugmenter } from '../base/define.ts';
import { optionalNumberOption, probabilityOption } from '../base/options.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { hueSaturationChoice, hueSaturationSteps } from './hue-saturation.ts';

export const HUE_SATURATION_RULES = { integer: true, min: -255, max: 255 } as const;
const NAMES = ['value', 'valueHue', 'valueSaturation'] as const;
const DEFAULT_RANGE = numberArg('AddToHueAndSaturation', 'valueHue', [-40, 40], HUE_SATURATION_RULES);

/**
 * Adds a value drawn per image to the hue and the saturation of each image: the image goes to HSV (OpenCV's
 * half-degree hue), the hue is shifted around the circle and the saturation clipped to 0–255, and the image comes back
 * (imgaug's `AddToHueAndSaturation`, the same bytes). Hue values in [−255, 255] span the whole circle:
 * `int(v / 255 · 180)` half-degrees.
 *
 * Give `value` for one value for both (with `perChannel`, the saturation gets a second draw), or `valueHue` and/or
 * `valueSaturation`; with none of the three, both draw from [−40, 40]. Images must be uint8 with 3 channels, in
 * `fromColorspace` (RGB by default).
 *
 * @param value An integer in [−255, 255], a `[min, max]` range or an `iap` parameter, added to hue and saturation.
 * @example iaa.AddToHueAndSaturation([-50, 50], { perChannel: true }) // hue and saturation shifted independently
 * @example iaa.AddToHueAndSaturation({ valueHue: [-20, 20] })         // hue only
 */
export const AddToHueAndSaturation = defineAugmenter({
  type: 'AddToHueAndSaturation',
  kind: 'pixel',
  primary: 'value',
  options: {
    value: optionalNumberOption(HUE_SATURATION_RULES, 'Added to the hue and the saturation (excludes the other two).'),
    valueHue: optionalNumberOption(HUE_SATURATION_RULES, 'Added to the hue (−255 to 255 span the circle).'),
    valueSaturation: optionalNumberOption(HUE_SATURATION_RULES, 'Added to the saturation, then clipped to 0–255.'),
    perChannel: probabilityOption(false, 'Whether the saturation gets its own draw of value (or its probability).'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [
    { valueHue: [-40, 40], valueSaturation: [-30, 30] },
    { value: [-60, 60], perChannel: 0.5 },
    { valueHue: [-255, 255], fromColorspace: 'BGR' },
  ],
  ...hueSaturationChoice('add', 'AddToHueAndSaturation', NAMES, { hue: DEFAULT_RANGE, saturation: DEFAULT_RANGE }),
  ...hueSaturationSteps,
});
