import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Blurs each image with Pillow's `ImageFilter.BLUR`: the mean of the 16 pixels on the border of the 5×5 window around each pixel (the window's inner 3×3 left out).
 *
 * imgaug's `iaa.pillike.FilterBlur`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer two rows and columns on each side keep their values, and an image smaller
 * than 5×5 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterBlur()
 */
export const FilterBlur = defineAugmenter({ type: 'pillike.FilterBlur', ...filterSteps('BLUR') });
