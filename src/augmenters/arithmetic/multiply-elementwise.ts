import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';
import { elementwiseValuesDefinition } from './elementwise-values.ts';

/**
 * Multiplies each pixel (or, with `perChannel`, each channel of each pixel) by a factor drawn for it: multiplicative
 * noise whose distribution is `mul`'s (imgaug's `MultiplyElementwise`).
 *
 * `[min, max]` draws each pixel's factor uniformly from the range; a number multiplies everything alike (as
 * `Multiply`); an `iap` parameter is drawn once per pixel, in row-major order. uint8: the product is computed in
 * float32, clipped to 0–255 and truncated (imgaug 0.4.0's `multiply_elementwise`: 255 × 0.5 = 127.5 → 127). float32
 * images get the plain product, not clipped (saturating at ±3.4e38).
 *
 * Differs from imgaug: the draws come from augkit's per-image streams, so the same seed gives other factors, with
 * the same distribution.
 *
 * @param mul A number, a `[min, max]` range or an `iap` parameter, in [-1e6, 1e6]. Default `[0.8, 1.2]` (imgaug's).
 * @param perChannel true, false, or the probability that an image gets one factor per channel. Default false.
 * @example iaa.MultiplyElementwise([0.5, 1.5])                      // speckled brightness
 * @example iaa.MultiplyElementwise([0.5, 1.5], { perChannel: 0.5 }) // half of the images in colour
 */
export const MultiplyElementwise = defineAugmenter(
  elementwiseValuesDefinition({
    type: 'MultiplyElementwise',
    name: 'mul',
    option: numberOption([0.8, 1.2], VALUE_MAP_RANGE, 'The factor each pixel is multiplied by, drawn per pixel.'),
    op: 'multiply',
    examples: [{ mul: [0.5, 1.5], perChannel: 0.5 }],
  }),
);
