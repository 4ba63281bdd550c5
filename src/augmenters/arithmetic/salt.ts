import { saltImages } from '../../kernels/mask.ts';
import { defineAugmenter } from '../base/define.ts';
import { maskDefinition } from '../base/elementwise.ts';

/**
 * Turns a random fraction of each image's pixels white (salt): `SaltAndPepper` without the pepper.
 *
 * A probability `p` is drawn once per image, then every pixel is replaced with probability `p`: all its channels
 * together, or, with `perChannel`, each channel on its own. uint8 images get 255; float32 images, read as 0–1
 * intensities, get 1. The other values are copied unchanged.
 *
 * Differs from imgaug: imgaug 0.4.0 draws its salt from the upper half of `Beta(0.5, 0.5) · 255` (values from 128
 * to 255, most of them near 255); augkit uses exactly white, as its `SaltAndPepper` does. An `iap` parameter for `p`
 * is a probability drawn per image, and the per-pixel draws come from augkit's Philox streams (as `Dropout`).
 *
 * @param p The probability of replacing a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.03]` (imgaug's).
 * @param perChannel true, false, or the probability that an image decides each channel independently. Default false.
 * @example iaa.Salt(0.05)                       // 5 % of the pixels turn white
 * @example iaa.Salt([0, 0.1], { perChannel: true }) // coloured specks: channels turn to 255 independently
 */
export const Salt = defineAugmenter(
  maskDefinition({
    type: 'Salt',
    p: [0, 0.03],
    pDoc: 'The probability of replacing a pixel with salt (white).',
    kernel: saltImages,
  }),
);
