import { defineAugmenter } from '../base/define.ts';
import { coarseDefinition } from './coarse.ts';

/**
 * Sets rectangular areas of each image to zero (black): a coarse mask of a few cells per side, each cell dropped
 * with probability `p`, is scaled up to the image with nearest neighbour (imgaug's `CoarseDropout`).
 *
 * Per image: `p`, and the mask's height and width in cells (`sizePx`, default 3 to 8, or `sizePercent` of the
 * image's sides; at least `minSize`), then a decision per cell, or per cell and channel with `perChannel` (coloured
 * blocks). The cells cover the image as OpenCV's INTER_NEAREST resize places them, so block edges are imgaug's to the
 * pixel. uint8 and float32 images alike get 0; the other values are copied unchanged.
 *
 * Differs from imgaug: the cell decisions come from augkit's Philox streams (the same seed drops other cells, with
 * the same statistics); an `iap` parameter for `p` is a probability drawn per image (as `Dropout`'s); giving both
 * `sizePx` and `sizePercent` is an error (imgaug silently uses `sizePx`).
 *
 * @param p The probability of dropping a cell: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0.02, 0.1]` (imgaug's).
 * @example iaa.CoarseDropout(0.1, { sizePercent: 0.05 })          // blocks of about 20 × 20 pixels on a 400 × 400 image
 * @example iaa.CoarseDropout([0, 0.2], { sizePx: 8, perChannel: 0.5 }) // an 8 × 8 grid, half of the images in colour
 */
export const CoarseDropout = defineAugmenter(
  coarseDefinition('CoarseDropout', 'black', 'dropped (set to zero)', [
    { p: [0.2, 0.5], sizePx: [2, 6], perChannel: 0.5 },
    { p: 0.3, sizePercent: [0.1, 0.5], minSize: 1 },
  ]),
);
