import { defineAugmenter } from '../base/define.ts';
import { coarseDefinition } from './coarse.ts';

/**
 * Fills rectangular areas of each image with salt and pepper: a coarse mask (as `CoarseDropout`'s) picks the areas,
 * and every pixel in them turns white or black with equal chance (imgaug's `CoarseSaltAndPepper`).
 *
 * Per image: `p`, and the mask's height and width in cells (`sizePx`, default 3 to 8, or `sizePercent` of the
 * image's sides; at least `minSize`), then a decision per cell (per cell and channel with `perChannel`); inside the
 * picked cells each pixel (each value with `perChannel`) draws its own colour, so the areas are speckled, as in
 * imgaug. uint8 images get 255 or 0; float32 images, read as 0–1 intensities, 1 or 0.
 *
 * Differs from imgaug: exact white and black instead of `Beta(0.5, 0.5) · 255` (see `SaltAndPepper`); the draws
 * come from augkit's Philox streams; an `iap` parameter for `p` is a probability drawn per image; `sizePx` and
 * `sizePercent` together are an error.
 *
 * @param p The probability of picking a cell: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0.02, 0.1]` (imgaug's).
 * @example iaa.CoarseSaltAndPepper(0.05, { sizePercent: [0.01, 0.1] }) // speckled patches
 */
export const CoarseSaltAndPepper = defineAugmenter(
  coarseDefinition('CoarseSaltAndPepper', 'saltAndPepper', 'filled with salt and pepper', [
    { p: [0.2, 0.5], sizePx: [2, 6], perChannel: 0.5 },
    { p: 0.3, sizePercent: [0.1, 0.5], minSize: 1 },
  ]),
);
