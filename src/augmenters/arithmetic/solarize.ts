import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { type ThresholdOption, invertDefinition } from './invert.ts';

/**
 * Inverts the values at or above a threshold drawn per image (128 ± 64 by default): bright areas turn dark, as on
 * an over-exposed film (imgaug's `Solarize`, which is `Invert` with a threshold).
 *
 * Everything else is `Invert`'s: `p` and `perChannel` decide which images (or channels) change, `min` and `max`
 * give the value range (uint8: v becomes 255 − v), and `invertAboveThreshold: false` inverts the values below the
 * threshold instead. uint8 bytes are imgaug 0.4.0's (its table cut at `int(threshold)`).
 *
 * @param p The probability of solarizing an image (or, with `perChannel`, each channel). Default 1.
 * @example iaa.Solarize()                       // values ≥ t, t drawn from [64, 192), become 255 − v
 * @example iaa.Solarize(0.5, { threshold: 128 }) // half of the images: 200 → 55, 100 stays
 */
export const Solarize = defineAugmenter(
  invertDefinition(
    'Solarize',
    numberOption(
      [64, 192],
      { min: -1e38, max: 1e38 },
      'Invert only values at or above it (or below it, see invertAboveThreshold); drawn per image.',
    ) as ThresholdOption,
    true,
    [
      { p: 0.5, perChannel: 0.5 },
      { threshold: [32, 224], invertAboveThreshold: 0.5 },
    ],
  ),
);
