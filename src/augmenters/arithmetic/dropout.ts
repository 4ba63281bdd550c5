import { dropoutImages } from '../../kernels/mask.ts';
import { defineAugmenter } from '../base/define.ts';
import { maskDefinition } from '../base/elementwise.ts';

/**
 * Sets a random fraction of each image's pixels to zero (black).
 *
 * A drop probability `p` is drawn once per image, then every pixel is dropped with probability `p`: all its
 * channels together, or, with `perChannel`, each channel on its own (so dropped values show as coloured specks).
 * uint8 and float32 images alike get 0 for dropped values; the other values are copied unchanged.
 *
 * Differs from imgaug: imgaug 0.4.0's default `p` is 0, which does nothing; augkit's default is `[0, 0.2]`. An
 * `iap` parameter for `p` is a drop probability drawn per image (an unbounded one clipped to [0, 1]); imgaug instead uses such
 * a parameter's per-pixel draws as keep/drop decisions. The per-pixel draws come from augkit's Philox streams, so
 * the same seed gives other pixels than in imgaug, with the same statistics.
 *
 * @param p The probability of dropping a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.2]`.
 * @param perChannel true, false, or the probability that an image decides each channel independently. Default false.
 * @example iaa.Dropout(0.05)                          // 5 % of the pixels of every image turn black
 * @example iaa.Dropout([0, 0.1], { perChannel: 0.5 }) // up to 10 %, half of the images channel by channel
 */
export const Dropout = defineAugmenter(
  maskDefinition({
    type: 'Dropout',
    p: [0, 0.2],
    pDoc: 'The probability of setting a pixel to zero.',
    kernel: dropoutImages,
  }),
);
