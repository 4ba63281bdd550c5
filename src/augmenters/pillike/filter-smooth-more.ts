import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Smooths each image more strongly with Pillow's `ImageFilter.SMOOTH_MORE`: a 5×5 weighted mean (centre 44, inner ring 5, outer ring 1, divided by 100).
 *
 * imgaug's `iaa.pillike.FilterSmoothMore`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer two rows and columns on each side keep their values, and an image smaller
 * than 5×5 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterSmoothMore()
 */
export const FilterSmoothMore = defineAugmenter({ type: 'pillike.FilterSmoothMore', ...filterSteps('SMOOTH_MORE') });
