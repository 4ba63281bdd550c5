import { defineAugmenter } from '../base/define.ts';
import { UniformColorQuantizationToNBits } from '../color/uniform-color-quantization-to-n-bits.ts';

/**
 * Keeps the `nbBits` highest bits of each value (drawn per image) and zeroes the rest: Pillow's
 * `ImageOps.posterize` (v & ~(2^(8 − nbBits) − 1)).
 *
 * imgaug's `iaa.pillike.Posterize`, its alias of `UniformColorQuantizationToNBits` (the same draws and bytes). uint8
 * images with 1, 3 or 4 channels; a fourth channel (alpha) is kept, as imgaug keeps it (Pillow refuses RGBA).
 *
 * @param nbBits An integer in [1, 8], a `[min, max]` range or an `iap` parameter. Default `[1, 8]`.
 * @example iaa.pillike.Posterize([2, 4])
 */
export const Posterize = defineAugmenter({ ...UniformColorQuantizationToNBits.definition, type: 'pillike.Posterize' });
