import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Draws the contours of each image with Pillow's `ImageFilter.CONTOUR`: 255 minus the edges of FIND_EDGES' Laplacian, so flat regions turn white and edges dark.
 *
 * imgaug's `iaa.pillike.FilterContour`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterContour()
 */
export const FilterContour = defineAugmenter({ type: 'pillike.FilterContour', ...filterSteps('CONTOUR') });
