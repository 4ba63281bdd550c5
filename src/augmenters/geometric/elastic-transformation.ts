import { MAX_SIGMA } from '../../core/limits.ts';
import type { BorderMode } from '../../kernels/border.ts';
import { elasticWarp } from '../../kernels/elastic.ts';
import type { WarpOrder } from '../../kernels/warp-affine.ts';
import { drawNamed } from '../../params/constant.ts';
import type { RandomStream } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { enumOption, numberOption, numberSetOption } from '../base/options.ts';

/** imgaug's ElasticTransformation border modes (scipy's names for OpenCV's borders). */
export type ElasticMode = 'constant' | 'nearest' | 'reflect' | 'wrap';

/** What one image's draw gives; the displacement fields are made from `noise` when the image is warped. */
export interface ElasticTransformationParams {
  readonly alpha: number;
  readonly sigma: number;
  /** The interpolation actually used: imgaug's orders 2, 4 and 5 are bicubic (3). */
  readonly order: WarpOrder;
  readonly cval: number;
  readonly mode: BorderMode;
  /** The stream of the uniform noise, read from its start on every apply. */
  readonly noise: RandomStream;
}

/** imgaug's ElasticTransformation → OpenCV borders: BORDER_CONSTANT, REPLICATE, REFLECT_101, WRAP. */
const BORDERS: Readonly<Record<ElasticMode, BorderMode>> = {
  constant: 'constant',
  nearest: 'edge',
  reflect: 'reflect',
  wrap: 'wrap',
};

const OWNER = 'ElasticTransformation';

/**
 * Moves pixels locally along smooth random displacement fields (imgaug's `ElasticTransformation`, after Simard et
 * al. 2003): a water-like distortion for `sigma` around a tenth of `alpha`, pixel noise for small sigmas.
 *
 * Per image, two fields of uniform noise in [-1, 1) are blurred with a Gaussian of standard deviation `sigma`,
 * scaled by `alpha`, and each output pixel is read at its position minus the fields' values there, with OpenCV's
 * `remap` arithmetic (as imgaug 0.4.0 does for uint8 and float32 images). Output has the input's shape; uint8
 * output is rounded and saturated, float32 output is not clipped. Any channel count works.
 *
 * - `alpha`: the strength, in pixels per unit of blurred noise: a number ≥ 0, a `[min, max]` range or an `iap`
 *   parameter, drawn per image. Default `[0, 40]`. 0 returns the image unchanged.
 * - `sigma`: the smoothness, the blur's standard deviation in pixels (in [0, 100], same forms). Default `[4, 8]`. The
 *   blurred noise shrinks as sigma grows (its standard deviation is about 0.2 / sigma), so alpha ≈ 10 × sigma
 *   gives visible warps; sigma ≤ 0.001 skips the blur.
 * - `order`: 0 nearest, 1 bilinear, 2–5 bicubic (default 3); a list chooses per image.
 * - `cval`: the fill value under `mode: 'constant'` (uint8 truncates it to an integer, as imgaug). Default 0.
 * - `mode`: 'constant' (default), 'nearest' (repeat the edge pixel), 'reflect' (mirror without repeating it) or
 *   'wrap'; a list chooses per image.
 *
 * `generateShiftMaps` and `mapCoordinates` are the two steps given the noise: with the same fields, uint8 bytes
 * equal `cv2.convertMaps` + `cv2.remap`'s, and the fields equal OpenCV's blur to within float32 rounding.
 *
 * Differs from imgaug: the random numbers differ (Philox-seeded xoshiro128** instead of numpy's generator, with the
 * values numpy's float32 `random() · 2 − 1` takes). Orders 2, 4 and 5 are bicubic, which is what imgaug's
 * OpenCV backend does with them (its docs promise scipy's spline orders, which only its scipy backend has). One
 * `cval` fills every channel, where imgaug passes OpenCV a 3-value border, so its 4th channel (of each group of 4)
 * is filled with 0. Images with a side of 32767 or more, which imgaug sends to scipy, also go through OpenCV's
 * arithmetic here. Labels (`augment`) move as imgaug moves them: points by the median of the field around them.
 *
 * @example iaa.ElasticTransformation(50, { sigma: 5 })           // strong water-like warps on every image
 * @example iaa.ElasticTransformation([0, 70], { sigma: [4, 6] }) // from none to strong, for 128×128 images
 * @example iaa.ElasticTransformation({ alpha: 10, sigma: 1, order: 0, mode: 'reflect' }) // pixel jitter
 */
export const ElasticTransformation = defineAugmenter({
  type: OWNER,
  kind: 'geometric',
  primary: 'alpha',
  options: {
    alpha: numberOption([0, 40], { min: 0, max: 1e6 }, 'The strength of the displacement, in pixels.'),
    sigma: numberOption(
      [4, 8],
      { min: 0, max: MAX_SIGMA },
      'The smoothness of the displacement field (its blur sigma).',
    ),
    order: numberSetOption(3, [0, 1, 2, 3, 4, 5], 'The interpolation: 0 nearest, 1 bilinear, 2–5 bicubic.'),
    cval: numberOption(0, { min: -1e38, max: 1e38 }, "The fill value under mode 'constant'."),
    mode: enumOption<ElasticMode>(
      'constant',
      ['constant', 'nearest', 'reflect', 'wrap'],
      'How pixels outside the image are filled.',
    ),
  },
  examples: [
    { alpha: [0, 40], sigma: [4, 8] },
    { alpha: [5, 20], sigma: [0, 2], order: [0, 1, 2, 3, 4, 5], mode: ['constant', 'nearest', 'reflect', 'wrap'] },
    { alpha: 30, sigma: 3, order: 1, cval: [0, 255], mode: 'constant' },
  ],
  drawParams({ alpha, sigma, order, cval, mode }, random): ElasticTransformationParams {
    const o = drawNamed(order, random, 'order');
    return {
      alpha: drawNamed(alpha, random, 'alpha'),
      sigma: drawNamed(sigma, random, 'sigma'),
      order: o === 0 ? 0 : o === 1 ? 1 : 3,
      cval: drawNamed(cval, random, 'cval'),
      mode: BORDERS[drawNamed(mode, random, 'mode')],
      noise: random.stream('noise'),
    };
  },
  apply: (image, params, out) => elasticWarp(image, params, out),
  warp: (_options, shape, params) => ({ kind: 'displacement', field: params, output: shape }),
});
