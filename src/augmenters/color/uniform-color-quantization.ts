import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { type QuantizePrepared, quantizeSteps } from './quantization.ts';

/**
 * Reduces each channel of each image to `nColors` equally wide bins (drawn per image), each value moving to its bin's
 * centre: with q = 256 / nColors, v becomes round(floor(v / q) · q + q / 2) (imgaug's `UniformColorQuantization`, the
 * same bytes). uint8 images with 1, 3 or 4 channels; a fourth channel (alpha) is kept.
 *
 * Differs from imgaug: 255 colours quantize like any other count (imgaug 0.4.0's table has no row for 255 and turns
 * the image black); `toColorspace`, `maxSize` and `interpolation` are not implemented (imgaug's defaults: none).
 *
 * @param nColors An integer in [2, 256], a `[min, max]` range or an `iap` parameter. Default `[2, 16]`.
 * @example iaa.UniformColorQuantization([4, 8])
 */
export const UniformColorQuantization = defineAugmenter({
  type: 'UniformColorQuantization',
  kind: 'pixel',
  primary: 'nColors',
  options: {
    nColors: numberOption([2, 16], { integer: true, min: 2, max: 256 }, 'The number of bins per channel.'),
  },
  examples: [{ nColors: [2, 16] }],
  prepare: ({ nColors }): QuantizePrepared => ({ count: nColors, stream: 'nColors', bits: false }),
  ...quantizeSteps,
});
