import { defineAugmenter } from '../base/define.ts';
import { enhanceSteps } from './enhance.ts';

/**
 * Changes the sharpness of each image by a factor drawn per image (Pillow's `ImageEnhance.Sharpness`): 0 gives the image smoothed by `ImageFilter.SMOOTH`, 1 the image unchanged, 2 a sharpened image.
 *
 * imgaug's `iaa.pillike.EnhanceSharpness`, with the bytes of Pillow 9.4: `Image.blend(degenerate, image, factor)` in float32,
 * truncated and clipped to 0–255. The smoothed image keeps its outer rows and columns (Pillow's filters do), so the border pixels stay unchanged; alpha is kept. uint8 images with 1, 3 or 4 channels.
 *
 * @param factor A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0, 2]`.
 * @example iaa.pillike.EnhanceSharpness([0, 2])
 */
export const EnhanceSharpness = defineAugmenter({
  type: 'pillike.EnhanceSharpness',
  ...enhanceSteps('sharpness', [0, 2], 'The sharpness: 0 smoothed, 1 unchanged, above 1 sharper.'),
});
