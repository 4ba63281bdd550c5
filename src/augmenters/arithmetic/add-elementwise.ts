import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';
import { elementwiseValuesDefinition } from './elementwise-values.ts';

/**
 * Adds a value drawn per pixel (or, with `perChannel`, per channel of each pixel) to the image: noise whose
 * distribution is `value`'s (imgaug's `AddElementwise`).
 *
 * `[min, max]` draws each pixel's value uniformly from the range; a number adds the same value everywhere (as
 * `Add`); an `iap` parameter is drawn once per pixel, in row-major order. uint8: each value is rounded half to even
 * and added with saturation to 0–255 (imgaug 0.4.0's `add_elementwise`, so 2.5 adds 2). float32 images get the
 * value as drawn, not clipped (saturating at ±3.4e38).
 *
 * Differs from imgaug: the draws come from augkit's per-image streams, so the same seed gives other values, with
 * the same distribution.
 *
 * @param value A number, a `[min, max]` range or an `iap` parameter, in [-1e6, 1e6]. Default `[-20, 20]` (imgaug's).
 * @param perChannel true, false, or the probability that an image gets one value per channel. Default false.
 * @example iaa.AddElementwise([-40, 40])                       // grainy brightness noise
 * @example iaa.AddElementwise([-40, 40], { perChannel: 0.5 }) // half of the images with coloured noise
 */
export const AddElementwise = defineAugmenter(
  elementwiseValuesDefinition({
    type: 'AddElementwise',
    name: 'value',
    option: numberOption([-20, 20], VALUE_MAP_RANGE, 'The value added to each pixel, drawn per pixel.'),
    op: 'add',
    examples: [{ value: [-40, 40], perChannel: 0.5 }],
  }),
);
