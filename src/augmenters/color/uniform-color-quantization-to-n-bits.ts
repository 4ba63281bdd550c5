import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { type QuantizePrepared, quantizeSteps } from './quantization.ts';

/**
 * Keeps the `nbBits` highest bits of each value (drawn per image) and zeroes the rest: 2^nbBits bins, each value moving
 * to its bin's lower edge (imgaug's `UniformColorQuantizationToNBits`, the same bytes; 8 bits keep the image). uint8
 * images with 1, 3 or 4 channels; a fourth channel (alpha) is kept.
 *
 * Differs from imgaug: `toColorspace`, `maxSize` and `interpolation` are not implemented (imgaug's defaults: none).
 *
 * @param nbBits An integer in [1, 8], a `[min, max]` range or an `iap` parameter. Default `[1, 8]`.
 * @example iaa.UniformColorQuantizationToNBits([2, 4])
 */
export const UniformColorQuantizationToNBits = defineAugmenter({
  type: 'UniformColorQuantizationToNBits',
  kind: 'pixel',
  primary: 'nbBits',
  options: {
    nbBits: numberOption([1, 8], { integer: true, min: 1, max: 8 }, 'The number of bits kept per value.'),
  },
  examples: [{ nbBits: [1, 7] }],
  prepare: ({ nbBits }): QuantizePrepared => ({ count: nbBits, stream: 'nbBits', bits: true }),
  ...quantizeSteps,
});
