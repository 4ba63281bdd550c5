import { saltAndPepperImages } from '../../kernels/mask.ts';
import { defineAugmenter } from '../base/define.ts';
import { maskDefinition } from '../base/elementwise.ts';

/**
 * Replaces a random fraction of each image's pixels with white (salt) or black (pepper), with equal chance.
 *
 * A probability `p` is drawn once per image, then every pixel is replaced with probability `p`: all its channels
 * together with one colour, or, with `perChannel`, each channel on its own with its own colour. uint8 images get
 * 255 or 0; float32 images, read as 0–1 intensities, get 1 or 0. The other values are copied unchanged.
 *
 * Differs from imgaug: imgaug 0.4.0 draws replacements from `Beta(0.5, 0.5) · 255`, so most of its salt and
 * pepper is near-white and near-black grey; augkit uses exactly white and black, as the name says. An `iap`
 * parameter for `p` is a probability drawn per image (an unbounded one, such as a normal, clipped to [0, 1]). The per-pixel draws come from augkit's
 * Philox streams, so the same seed gives other pixels than in imgaug, with the same statistics.
 *
 * @param p The probability of replacing a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.03]` (imgaug's).
 * @param perChannel true, false, or the probability that an image decides each channel independently. Default false.
 * @example iaa.SaltAndPepper(0.05)                     // 5 % of the pixels turn white or black
 * @example iaa.SaltAndPepper(0.05, { perChannel: true }) // coloured noise: channels change independently
 */
export const SaltAndPepper = defineAugmenter(
  maskDefinition({
    type: 'SaltAndPepper',
    p: [0, 0.03],
    pDoc: 'The probability of replacing a pixel with salt (white) or pepper (black).',
    kernel: saltAndPepperImages,
  }),
);
