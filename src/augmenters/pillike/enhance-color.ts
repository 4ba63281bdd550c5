import { defineAugmenter } from '../base/define.ts';
import { enhanceSteps } from './enhance.ts';

/**
 * Changes the colourfulness of each image by a factor drawn per image (Pillow's `ImageEnhance.Color`): 0 gives the gray image, 1 the image unchanged, above 1 stronger colours.
 *
 * imgaug's `iaa.pillike.EnhanceColor`, with the bytes of Pillow 9.4: `Image.blend(degenerate, image, factor)` in float32,
 * truncated and clipped to 0–255. The gray image is Pillow's "L" conversion, (19595 R + 38470 G + 7471 B + 32768) >> 16; a 1-channel image is returned unchanged, and alpha is kept. uint8 images with 1, 3 or 4 channels.
 *
 * @param factor A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0, 3]`.
 * @example iaa.pillike.EnhanceColor([0, 3])       // from gray to vivid
 */
export const EnhanceColor = defineAugmenter({
  type: 'pillike.EnhanceColor',
  ...enhanceSteps('color', [0, 3], 'How colourful the result is: 0 gray, 1 unchanged, above 1 more saturated.'),
});
