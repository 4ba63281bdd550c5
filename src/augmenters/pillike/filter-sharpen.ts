import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Sharpens each image with Pillow's `ImageFilter.SHARPEN`: each value plus an eighth of its difference from its eight neighbours (3×3 weights −2 around 32, divided by 16).
 *
 * imgaug's `iaa.pillike.FilterSharpen`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterSharpen()
 */
export const FilterSharpen = defineAugmenter({ type: 'pillike.FilterSharpen', ...filterSteps('SHARPEN') });
