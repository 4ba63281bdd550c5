import type { Image } from '../../core/image.ts';
import { bilateralFilterF32, bilateralFilterU8 } from '../../kernels/bilateral.ts';
import { copyChannels } from '../../kernels/channels.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { numberArg } from '../../params/sugar.ts';
import { defineAugmenter } from '../base/define.ts';
import { integerRange, numberOption } from '../base/options.ts';

// One channel of an image of another channel count than 1 or 3, in and out (apply runs synchronously).
const scratch = new Scratch();

const D_RULES = { integer: true, min: 1, max: 99 };

/** The drawn diameter and sigmas of one image. */
export interface BilateralBlurParams {
  readonly d: number;
  readonly sigmaColor: number;
  readonly sigmaSpace: number;
}

/**
 * Blurs each image while keeping its edges (a bilateral filter): each pixel becomes the mean of the pixels within
 * distance d / 2, weighted by their distance (`sigmaSpace`) and by how close their colour is (`sigmaColor`), so
 * regions are smoothed but strong edges are not. d and the sigmas are drawn once per image; d = 1 returns an
 * unchanged copy.
 *
 * This is `cv2.bilateralFilter(image, d, sigmaColor, sigmaSpace)`, as imgaug 0.4.0 calls it, with OpenCV 4.6's
 * float32 tables and sums (borders mirrored without repeating the edge pixel), so 3-channel uint8 images get imgaug's
 * bytes; 1-channel uint8 images get OpenCV's (its gray path). The colour distance of an RGB pixel is the sum of its
 * channels' differences. Larger d is slow: the window has about 0.8 · d² pixels.
 *
 * Differs from imgaug: imgaug accepts 3-channel images only; augkit filters 1-channel images with OpenCV's gray path
 * and other channel counts channel by channel. float32 images are filtered with the same weights computed in double
 * (OpenCV's float path interpolates a table), the colour distance in the image's own units.
 *
 * @param d The diameter of the neighbourhood: an integer in [1, 99], a `[min, max]` range drawn per image, or an
 *   `iap` parameter. Default `[1, 9]`.
 * @param sigmaColor How different a colour may be and still be mixed in (0–255 units): a number ≥ 1, a range or a
 *   parameter. Default `[10, 250]`.
 * @param sigmaSpace How far pixels mix, in pixels: a number ≥ 1, a range or a parameter. Default `[10, 250]`.
 * @example iaa.BilateralBlur(5, { sigmaColor: 75, sigmaSpace: 75 })  // OpenCV's usual setting
 * @example iaa.BilateralBlur([3, 10], { sigmaColor: [10, 250], sigmaSpace: [10, 250] })
 */
export const BilateralBlur = defineAugmenter({
  type: 'BilateralBlur',
  kind: 'pixel',
  primary: 'd',
  options: {
    d: {
      ...numberOption([1, 9], D_RULES, 'The diameter of the neighbourhood, in pixels.'),
      parse: (owner, option, value) => numberArg(owner, option, integerRange(value), D_RULES),
    },
    sigmaColor: numberOption([10, 250], { min: 1, max: 1e6 }, 'How different colours may be and still mix (0–255).'),
    sigmaSpace: numberOption([10, 250], { min: 1, max: 1e6 }, 'How far pixels mix, in pixels.'),
  },
  examples: [{ d: [1, 9], sigmaColor: [10, 250], sigmaSpace: [10, 250] }],
  drawParams: ({ d, sigmaColor, sigmaSpace }, random): BilateralBlurParams => ({
    d: d.draw(random.stream('d')),
    // imgaug's sigmas are float32 samples.
    sigmaColor: Math.fround(sigmaColor.draw(random.stream('sigmaColor'))),
    sigmaSpace: Math.fround(sigmaSpace.draw(random.stream('sigmaSpace'))),
  }),
  apply: (image, params, out) => bilateralBlur(image, params, out),
});

function bilateralBlur(image: Image, { d, sigmaColor, sigmaSpace }: BilateralBlurParams, out: Image): void {
  if (d === 1) {
    out.data.set(image.data);
    return;
  }
  if (!(image.data instanceof Uint8Array)) {
    bilateralFilterF32(image.data, image, d, sigmaColor, sigmaSpace, out.data as Float32Array);
    return;
  }
  const dst = out.data as Uint8Array;
  const { height, width, channels } = image;
  if (channels === 1 || channels === 3) {
    bilateralFilterU8(image.data, image, d, sigmaColor, sigmaSpace, dst);
    return;
  }
  const n = height * width;
  const plane = scratch.u8(0, n);
  const filtered = scratch.u8(1, n);
  for (let c = 0; c < channels; c++) {
    copyChannels(image.data, channels, c, plane, 1, 0, 1, n);
    bilateralFilterU8(plane, { height, width, channels: 1 }, d, sigmaColor, sigmaSpace, filtered);
    copyChannels(filtered, 1, 0, dst, channels, c, 1, n);
  }
}
