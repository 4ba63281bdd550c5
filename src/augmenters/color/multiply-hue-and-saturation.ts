import { numberArg } from '../../params/sugar.ts';
import { defineAugmenter } from '../base/define.ts';
import { optionalNumberOption, probabilityOption } from '../base/options.ts';
import { fromColorspaceOption } from './colorspace-options.ts';
import { hueSaturationChoice, hueSaturationSteps } from './hue-saturation.ts';

/** imgaug's ranges: hue factors in [−10, 10], saturation factors in [0, 10]. */
export const HUE_FACTOR_RULES = { min: -10, max: 10 } as const;
export const SATURATION_FACTOR_RULES = { min: 0, max: 10 } as const;
const NAMES = ['mul', 'mulHue', 'mulSaturation'] as const;
const DEFAULT_HUE = numberArg('MultiplyHueAndSaturation', 'mulHue', [0.5, 1.5], HUE_FACTOR_RULES);
const DEFAULT_SATURATION = numberArg('MultiplyHueAndSaturation', 'mulSaturation', [0, 1.7], SATURATION_FACTOR_RULES);

/**
 * Multiplies the hue and the saturation of each image by factors drawn per image, in HSV (imgaug's
 * `MultiplyHueAndSaturation`: `WithHueAndSaturation` around `Multiply`, the same bytes). The hue is first projected
 * from OpenCV's 0–180 onto 0–255, multiplied, wrapped around modulo 255 and projected back, so the circle is kept;
 * the saturation is multiplied and clipped to 0–255. Products are float32, rounded half to even.
 *
 * Give `mul` for one factor for both (with `perChannel`, the saturation gets a second draw), or `mulHue` and/or
 * `mulSaturation`; with none of the three, the hue draws from [0.5, 1.5] and the saturation from [0, 1.7]. Images
 * must be uint8 with 3 channels, in `fromColorspace` (RGB by default). As in imgaug, the projection of the hue to
 * 0–255 and back lowers some hues by one even where nothing multiplies them.
 *
 * @param mul A number in [−10, 10], a `[min, max]` range or an `iap` parameter, multiplying hue and saturation.
 * @example iaa.MultiplyHueAndSaturation([0.5, 1.5], { perChannel: true }) // hue and saturation scaled independently
 * @example iaa.MultiplyHueAndSaturation({ mulSaturation: [0.5, 1.5] })    // saturation only
 */
export const MultiplyHueAndSaturation = defineAugmenter({
  type: 'MultiplyHueAndSaturation',
  kind: 'pixel',
  primary: 'mul',
  options: {
    mul: optionalNumberOption(HUE_FACTOR_RULES, 'Multiplies the hue and the saturation (excludes the other two).'),
    mulHue: optionalNumberOption(HUE_FACTOR_RULES, 'Multiplies the hue (projected to 0–255, wrapped around).'),
    mulSaturation: optionalNumberOption(SATURATION_FACTOR_RULES, 'Multiplies the saturation, then clipped to 0–255.'),
    perChannel: probabilityOption(false, 'Whether the saturation gets its own draw of mul (or its probability).'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [
    { mulHue: [0.5, 1.5], mulSaturation: [0, 1.7] },
    { mul: [0.5, 1.5], perChannel: 0.5 },
    { mulSaturation: [0.2, 2], fromColorspace: 'BGR' },
  ],
  ...hueSaturationChoice('multiply', 'MultiplyHueAndSaturation', NAMES, {
    hue: DEFAULT_HUE,
    saturation: DEFAULT_SATURATION,
  }),
  ...hueSaturationSteps,
});
