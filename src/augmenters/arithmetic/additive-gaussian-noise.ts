import type { Image } from '../../core/image.ts';
import { noiseU8Wasm } from '../../kernels/wasm/noise.ts';
import { NORMAL_WORDS, NormalSampler } from '../../random/normal.ts';
import type { RandomStream } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';

/** The noise's mean and spread for this image, and the address of its per-pixel draws. */
interface NoiseParams {
  readonly loc: number;
  readonly scale: number;
  readonly perChannel: boolean;
  readonly noise: RandomStream;
}

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
    scale: numberOption([0, 15], { min: 0, max: 1e6 }),
    loc: numberOption(0, { min: -1e6, max: 1e6 }),
    perChannel: probabilityOption(false),
  },
  drawParams: ({ scale, loc, perChannel }, random): NoiseParams => ({
    loc: loc.draw(random.stream('loc')),
    scale: scale.draw(random.stream('scale')),
    perChannel: perChannel.draw(random.stream('perChannel')) > 0.5,
    noise: random.stream('noise'),
  }),
  apply: (image, params, out) => addNoise(image, params, out),
});

// One sampler and one buffer of values for every image: apply runs one image at a time.
const sampler = new NormalSampler();
const normals = new Float64Array(NORMAL_WORDS);

function addNoise(image: Image, { loc, scale, perChannel, noise }: NoiseParams, out: Image): void {
  const src = image.data;
  const dst = out.data;
  const cn = image.channels;
  const u8 = src instanceof Uint8Array;
  const unit = u8 ? 1 : 1 / 255;
  const mean = loc * unit;
  const sd = scale * unit;
  const step = perChannel ? 1 : cn;
  if (u8 && noiseU8Wasm({ src, out: dst as Uint8Array, step, mean, sd, noise })) return;
  const values = src.length / step;
  sampler.start(noise);
  for (let first = 0; first < values; first += NORMAL_WORDS) {
    const count = Math.min(NORMAL_WORDS, values - first);
    sampler.fill(normals, count);
    for (let k = 0, base = first * step; k < count; k++, base += step) {
      const z = mean + sd * normals[k];
      if (u8) {
        const add = Math.round(z);
        for (let c = 0; c < step; c++) {
          const v = src[base + c] + add;
          dst[base + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      } else {
        for (let c = 0; c < step; c++) dst[base + c] = src[base + c] + z;
      }
    }
  }
}
