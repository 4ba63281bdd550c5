import { saltAndPepperImages } from '../../kernels/mask.ts';
import { constant } from '../../params/constant.ts';
import { defineAugmenter } from '../base/define.ts';
import { type ElementwiseParams, drawElementwise, maskApply } from '../base/elementwise.ts';
import { numberOption } from '../base/options.ts';

// Impulse noise decides every channel on its own (imgaug's ImpulseNoise is SaltAndPepper with per_channel=True).
const PER_CHANNEL = constant(1);

/**
 * Replaces a random fraction of each image's values with white or black, every channel on its own: coloured
 * impulse noise (imgaug's `ImpulseNoise`, `SaltAndPepper` with `perChannel` always on).
 *
 * A probability `p` is drawn once per image, then every value (each channel of each pixel) is replaced with
 * probability `p`, by white (255, or 1 for float32) or black (0) with equal chance. See `SaltAndPepper` for how this
 * differs from imgaug (exact white and black instead of `Beta(0.5, 0.5) · 255`).
 *
 * @param p The probability of replacing a value: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default `[0, 0.03]` (imgaug's).
 * @example iaa.ImpulseNoise(0.1)   // 10 % of the values turn to 0 or 255
 */
export const ImpulseNoise = defineAugmenter({
  type: 'ImpulseNoise',
  kind: 'pixel',
  primary: 'p',
  options: {
    p: numberOption([0, 0.03], { min: 0, max: 1 }, 'The probability of replacing a value with white or black.'),
  },
  examples: [{ p: [0.1, 0.3] }],
  drawParams: ({ p }, random): ElementwiseParams => drawElementwise(random, p, PER_CHANNEL),
  ...maskApply(saltAndPepperImages),
});
