import { defineAugmenter } from '../base/define.ts';
import { enhanceSteps } from './enhance.ts';

/**
 * Changes the contrast of each image by a factor drawn per image (Pillow's `ImageEnhance.Contrast`): 0 gives a flat image of the mean gray, 1 the image unchanged, above 1 more contrast.
 *
 * imgaug's `iaa.pillike.EnhanceContrast`, with the bytes of Pillow 9.4: `Image.blend(degenerate, image, factor)` in float32,
 * truncated and clipped to 0–255. The mean gray is the mean of the pixels' "L" values, rounded half up, the same for every channel; alpha is kept. uint8 images with 1, 3 or 4 channels.
 *
 * @param factor A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0.5, 1.5]`.
 * @example iaa.pillike.EnhanceContrast([0.5, 1.5])
 */
export const EnhanceContrast = defineAugmenter({
  type: 'pillike.EnhanceContrast',
  ...enhanceSteps(
    'contrast',
    [0.5, 1.5],
    'The strength of the contrast: 0 a flat gray image, 1 unchanged, above 1 more contrast.',
  ),
});
