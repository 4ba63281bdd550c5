import { addDrawnNoise, poissonValues } from '../../kernels/noise.ts';
import type { RandomStream } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { noisePerChannelOption, noiseUnit } from './noise-core.ts';

/** The noise's mean for this image, and the address of its per-pixel draws. */
export interface PoissonNoiseParams {
  readonly lam: number;
  readonly perChannel: boolean;
  readonly noise: RandomStream;
}

/**
 * Adds Poisson noise with a random sign to each pixel: an integer k ~ Poisson(lam), added or subtracted with equal
 * chance (imgaug's `RandomSign(Poisson(lam))`), one per pixel shared by its channels or, with `perChannel`, one per
 * channel; `lam` is drawn once per image.
 *
 * uint8: k is added with saturation to 0–255. float32 images are read as 0–1 intensities: the noise is k / 255,
 * and the result is not clipped.
 *
 * Differs from imgaug: the draws come from augkit's per-image streams (inversion of the Poisson CDF from 31-bit
 * draws, the sign from a draw's last bit), so the same seed gives other noise than in imgaug, with the same
 * distribution; `lam` is at most 1e4 (beyond a few hundred, every uint8 value saturates anyway).
 *
 * @param lam The mean λ of the noise's magnitude, in 0–255 units, in [0, 1e4]: a number, a `[min, max]` range or
 *   an `iap` parameter. Default `[0, 15]` (imgaug's).
 * @example iaa.AdditivePoissonNoise(10)                         // about ±10 on every pixel
 * @example iaa.AdditivePoissonNoise([0, 20], { perChannel: true }) // coloured noise of varying strength
 */
export const AdditivePoissonNoise = defineAugmenter({
  type: 'AdditivePoissonNoise',
  kind: 'pixel',
  primary: 'lam',
  options: {
    lam: numberOption([0, 15], { min: 0, max: 1e4 }, 'The mean of the noise magnitude, in 0–255 units.'),
    perChannel: noisePerChannelOption,
  },
  examples: [{ lam: [0, 30], perChannel: 0.5 }],
  drawParams: ({ lam, perChannel }, random): PoissonNoiseParams => ({
    lam: lam.draw(random.stream('lam')),
    perChannel: perChannel.draw(random.stream('perChannel')) > 0.5,
    noise: random.stream('noise'),
  }),
  apply(image, { lam, perChannel, noise }, out) {
    addDrawnNoise({
      src: image.data,
      out: out.data,
      step: perChannel ? 1 : image.channels,
      draws: noise,
      values: poissonValues(lam, noiseUnit(image)),
    });
  },
});
