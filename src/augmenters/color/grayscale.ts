import { grayscaleImage, grayscaleImages } from '../../kernels/grayscale.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** How much of the gray version is blended in for this image. */
export interface GrayscaleParams {
  readonly alpha: number;
}

/**
 * Turns each image gray, or blends its gray version in with strength `alpha` drawn per image.
 *
 * The first three channels are read as RGB. uint8 uses OpenCV's RGB2GRAY fixed point,
 * `Y = (9798 R + 19235 G + 3735 B + 16384) >> 15`, copied into the three channels (bit-exact with imgaug at
 * alpha 1); a partial alpha blends as imgaug's `blend_alpha` (in double, rounded half to even). float32 uses
 * `0.299 R + 0.587 G + 0.114 B`, unrounded. Images with fewer than three channels are returned unchanged; channels
 * after the third (e.g. an alpha channel) are copied unchanged.
 *
 * @param alpha The strength of the effect in [0, 1]: a number, a `[min, max]` range or an `iap` parameter. Default 1.
 * @example iaa.Grayscale()            // fully gray
 * @example iaa.Grayscale([0, 1])      // from untouched to fully gray, per image
 */
export const Grayscale = defineAugmenter({
  type: 'Grayscale',
  kind: 'pixel',
  primary: 'alpha',
  options: {
    alpha: numberOption(1, { min: 0, max: 1 }, 'How far each pixel moves towards its gray value (1: fully gray).'),
  },
  examples: [{ alpha: [0, 1] }],
  drawParams: ({ alpha }, random): GrayscaleParams => ({ alpha: alpha.draw(random.stream('alpha')) }),
  apply: (image, { alpha }, out) => grayscaleImage(image, alpha, out),
  applyBatch: (batch, params, out, size) =>
    grayscaleImages(
      batch,
      params.map((p) => p.alpha),
      out,
      size,
    ),
});
