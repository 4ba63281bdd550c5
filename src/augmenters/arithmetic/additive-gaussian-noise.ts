import type { Image } from '../../core/image.ts';
import { addNoise } from '../../kernels/noise.ts';
import { NORMAL_WORDS, NormalSampler, ZIGGURAT } from '../../random/normal.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { type NoiseParams, drawLocScale, noisePerChannelOption, noiseUnit } from './noise-core.ts';

/**
 * Adds Gaussian noise N(loc, scale) to each pixel: one value per pixel shared by its channels, or with
 * `perChannel` one per channel; `loc` and `scale` are drawn once per image.
 *
 * uint8: the noise is rounded to the nearest integer (halves up) and added with saturation to 0–255. float32 images are read as
 * 0–1 intensities like everywhere in augkit: `loc` and `scale` are given in 0–255 units and divided by 255, and
 * the result is not clipped.
 *
 * Differs from imgaug: the draws come from augkit's per-image streams, so the same seed gives other noise than in
 * imgaug, with the same distribution; float32 images get the noise scaled to 0–1. The normal values come from a
 * ziggurat (`random/normal.ts`); augkit before 2026-11-28 used Box–Muller, so its noise for a seed differs.
 *
 * @param scale The standard deviation in 0–255 units, ≥ 0: a number, a `[min, max]` range or an `iap` parameter.
 *   Default `[0, 15]` (imgaug's).
 * @param loc The mean. Default 0.
 * @example iaa.AdditiveGaussianNoise({ scale: 0.1 * 255 })            // the bench's case
 * @example iaa.AdditiveGaussianNoise([0, 20], { perChannel: true })   // coloured noise of varying strength
 */
export const AdditiveGaussianNoise = defineAugmenter({
  type: 'AdditiveGaussianNoise',
  kind: 'pixel',
  primary: 'scale',
  options: {
    scale: numberOption([0, 15], { min: 0, max: 1e6 }, 'The standard deviation of the noise, in 0–255 units.'),
    loc: numberOption(0, { min: -1e6, max: 1e6 }, 'The mean of the noise.'),
    perChannel: noisePerChannelOption,
  },
  examples: [{ scale: [0, 30], loc: [-5, 5], perChannel: 0.5 }],
  drawParams: drawLocScale,
  apply: (image, params, out) => addNoiseTo(image, params, out),
});

// One sampler for every image: apply runs one image at a time.
const sampler = new NormalSampler();
const fill = (out: Float64Array, count: number): void => sampler.fill(out, count);

function addNoiseTo(image: Image, { loc, scale, perChannel, noise }: NoiseParams, out: Image): void {
  const unit = noiseUnit(image);
  sampler.start(noise);
  addNoise({
    src: image.data,
    out: out.data,
    step: perChannel ? 1 : image.channels,
    mean: loc * unit,
    sd: scale * unit,
    normals: { fill, words: noise, blockWords: NORMAL_WORDS, ziggurat: ZIGGURAT },
  });
}
