import { defineAugmenter } from '../base/define.ts';
import { coarseDefinition } from './coarse.ts';

/**
 * Turns rectangular areas of each image black: a coarse mask (as `CoarseDropout`'s) picks the areas (imgaug's
 * `CoarsePepper`; with exact black, `CoarseDropout`'s operation).
 *
 * Per image: `p`, and the mask's height and width in cells (`sizePx`, default 3 to 8, or `sizePercent` of the
 * image's sides; at least `minSize`), then a decision per cell (per cell and channel with `perChannel`). uint8 and
 * float32 images get 0.
 *
 * Differs from imgaug: exact black instead of the lower half of `Beta(0.5, 0.5) · 255` (see `Pepper`); the draws
 * come from augkit's Philox streams; an `iap` parameter for `p` is a probability drawn per image; `sizePx` and
 * `sizePercent` together are an error.
 *
 * @param p The probability of blackening a cell: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0.02, 0.1]` (imgaug's).
 * @example iaa.CoarsePepper(0.05, { sizePercent: [0.01, 0.1] }) // black patches
 */
export const CoarsePepper = defineAugmenter(
  coarseDefinition('CoarsePepper', 'black', 'blackened', [
    { p: [0.2, 0.5], sizePx: [2, 6], perChannel: 0.5 },
    { p: 0.3, sizePercent: [0.1, 0.5], minSize: 1 },
  ]),
);
