import { defineAugmenter } from '../base/define.ts';
import { filterSteps } from './filter.ts';

/**
 * Enhances the edges of each image strongly with Pillow's `ImageFilter.EDGE_ENHANCE_MORE`: each value plus its whole difference from its eight neighbours (3×3 weights −1 around 9).
 *
 * imgaug's `iaa.pillike.FilterEdgeEnhanceMore`, with the bytes of Pillow 9.4's `Image.filter` (its float32 arithmetic). Every channel
 * is filtered on its own, alpha too; the outer one row and column on each side keep their values, and an image smaller
 * than 3×3 is returned unchanged. Nothing is drawn. uint8 images with 1, 3 or 4 channels.
 *
 * @example iaa.pillike.FilterEdgeEnhanceMore()
 */
export const FilterEdgeEnhanceMore = defineAugmenter({
  type: 'pillike.FilterEdgeEnhanceMore',
  ...filterSteps('EDGE_ENHANCE_MORE'),
});
