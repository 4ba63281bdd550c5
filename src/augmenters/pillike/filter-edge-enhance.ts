import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Enhances the edges of each image with Pillow's `ImageFilter.EDGE_ENHANCE`: each value plus half its difference from its eight neighbours (3×3 weights −1 around 10, divided by 2).
 *
 * imgaug's `iaa.pillike.FilterEdgeEnhance`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterEdgeEnhance()
 */
export const FilterEdgeEnhance = defineAugmenter({ type: 'pillike.FilterEdgeEnhance', ...filterSteps('EDGE_ENHANCE') });
