import { defineAugmenter } from '../base/define.ts';
import { UniformColorQuantizationToNBits } from './uniform-color-quantization-to-n-bits.ts';

/**
 * Keeps the `nbBits` highest bits of each value, drawn per image: imgaug's `Posterize`, its alias of
 * `UniformColorQuantizationToNBits` (the same bytes). uint8 images with 1, 3 or 4 channels; a fourth channel (alpha) is
 * kept.
 *
 * @param nbBits An integer in [1, 8], a `[min, max]` range or an `iap` parameter. Default `[1, 8]`.
 * @example iaa.Posterize(3) // 8 levels per channel
 */
export const Posterize = defineAugmenter({ ...UniformColorQuantizationToNBits.definition, type: 'Posterize' });
