import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Smooths each image with Pillow's `ImageFilter.SMOOTH`: a 3×3 weighted mean, the centre weighing 5 and its eight neighbours 1 each (divided by 13).
 *
 * imgaug's `iaa.pillike.FilterSmooth`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterSmooth()
 */
export const FilterSmooth = defineAugmenter({ type: 'pillike.FilterSmooth', ...filterSteps('SMOOTH') });
