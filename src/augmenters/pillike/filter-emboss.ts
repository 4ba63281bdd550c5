import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Embosses each image with Pillow's `ImageFilter.EMBOSS`: 128 plus each value minus its neighbour one row down and one column left, so flat regions turn mid-gray and edges light or dark.
 *
 * imgaug's `iaa.pillike.FilterEmboss`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterEmboss()
 */
export const FilterEmboss = defineAugmenter({ type: 'pillike.FilterEmboss', ...filterSteps('EMBOSS') });
