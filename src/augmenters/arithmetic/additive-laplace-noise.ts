import { addDrawnNoise, laplaceValues } from '../../kernels/noise.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { drawLocScale, noisePerChannelOption, noiseUnit } from './noise-core.ts';

/**
 * Adds Laplace noise to each pixel: one value per pixel shared by its channels, or with `perChannel` one per
 * channel; `loc` and `scale` are drawn once per image. Laplace noise has heavier tails than Gaussian noise of the
 * same spread: most pixels change little, a few change a lot.
 *
 * uint8: the noise is rounded half to even and added with saturation to 0–255 (imgaug's `add_elementwise`).
 * float32 images are read as 0–1 intensities: `loc` and `scale` are given in 0–255 units and divided by 255, and
 * the result is not clipped.
 *
 * Differs from imgaug: the draws come from augkit's per-image streams (inversion of the Laplace CDF from 32-bit
 * draws), so the same seed gives other noise than in imgaug, with the same distribution; float32 images get the
 * noise scaled to 0–1.
 *
 * @param scale The scale b of the noise (its standard deviation is b·√2), in 0–255 units, ≥ 0: a number, a
 *   `[min, max]` range or an `iap` parameter. Default `[0, 15]` (imgaug's).
 * @param loc The mean. Default 0.
 * @example iaa.AdditiveLaplaceNoise({ scale: 0.1 * 255 })          // grainy, with some strong outliers
 * @example iaa.AdditiveLaplaceNoise([0, 20], { perChannel: true }) // coloured noise of varying strength
 */
export const AdditiveLaplaceNoise = defineAugmenter({
  type: 'AdditiveLaplaceNoise',
  kind: 'pixel',
  primary: 'scale',
  options: {
    scale: numberOption([0, 15], { min: 0, max: 1e6 }, 'The scale of the noise, in 0–255 units.'),
    loc: numberOption(0, { min: -1e6, max: 1e6 }, 'The mean of the noise.'),
    perChannel: noisePerChannelOption,
  },
  examples: [{ scale: [0, 30], loc: [-5, 5], perChannel: 0.5 }],
  drawParams: drawLocScale,
  apply(image, { loc, scale, perChannel, noise }, out) {
    const unit = noiseUnit(image);
    addDrawnNoise({
      src: image.data,
      out: out.data,
      step: perChannel ? 1 : image.channels,
      draws: noise,
      values: laplaceValues(loc * unit, scale * unit),
    });
  },
});
