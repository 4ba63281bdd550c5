import { dropoutImages } from '../../kernels/mask.ts';
import { defineAugmenter } from '../base/define.ts';
import { maskDefinition } from '../base/elementwise.ts';

/**
 * Turns a random fraction of each image's pixels black (pepper): `SaltAndPepper` without the salt.
 *
 * A probability `p` is drawn once per image, then every pixel is replaced with probability `p`: all its channels
 * together, or, with `perChannel`, each channel on its own. uint8 and float32 images get 0; the other values are
 * copied unchanged. With exact black this is `Dropout`'s operation (the same kernel), with imgaug's default `p`.
 *
 * Differs from imgaug: imgaug 0.4.0 draws its pepper from the lower half of `Beta(0.5, 0.5) · 255` (values from 0
 * to 127, most of them near 0); augkit uses exactly black, as its `SaltAndPepper` does. An `iap` parameter for `p`
 * is a probability drawn per image, and the per-pixel draws come from augkit's Philox streams (as `Dropout`).
 *
 * @param p The probability of replacing a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.05]` (imgaug's).
 * @param perChannel true, false, or the probability that an image decides each channel independently. Default false.
 * @example iaa.Pepper(0.05)                        // 5 % of the pixels turn black
 * @example iaa.Pepper([0, 0.1], { perChannel: 0.5 }) // half of the images channel by channel
 */
export const Pepper = defineAugmenter(
  maskDefinition({
    type: 'Pepper',
    p: [0, 0.05],
    pDoc: 'The probability of replacing a pixel with pepper (black).',
    kernel: dropoutImages,
  }),
);
