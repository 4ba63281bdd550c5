import { defineAugmenter } from '../base/define.ts';
import { enhanceSteps } from './enhance.ts';

/**
 * Changes the brightness of each image by a factor drawn per image (Pillow's `ImageEnhance.Brightness`): 0 gives a black image, 1 the image unchanged, above 1 brighter.
 *
 * imgaug's `iaa.pillike.EnhanceBrightness`, with the bytes of Pillow 9.4: `Image.blend(degenerate, image, factor)` in float32,
 * truncated and clipped to 0–255. Every colour value is multiplied by the factor in float32, truncated and clipped to 255; alpha is kept. uint8 images with 1, 3 or 4 channels.
 *
 * @param factor A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0.5, 1.5]`.
 * @example iaa.pillike.EnhanceBrightness([0.5, 1.5])
 */
export const EnhanceBrightness = defineAugmenter({
  type: 'pillike.EnhanceBrightness',
  ...enhanceSteps('brightness', [0.5, 1.5], 'The brightness: 0 black, 1 unchanged, above 1 brighter.'),
});
