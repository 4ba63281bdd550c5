import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Replaces each image by its edges with Pillow's `ImageFilter.FIND_EDGES`: eight times each value minus its eight neighbours (a Laplacian), clipped to 0–255, so flat regions turn black.
 *
 * imgaug's `iaa.pillike.FilterFindEdges`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterFindEdges()
 */
export const FilterFindEdges = defineAugmenter({ type: 'pillike.FilterFindEdges', ...filterSteps('FIND_EDGES') });
