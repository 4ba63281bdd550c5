import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { blendWithIdentity, filterImage } from './matrix.ts';

/** The 3 × 3 kernel drawn for one image. */
export interface SharpenParams {
  readonly kernel: Filter2DKernel;
}

/**
 * Sharpens each image with the 3 × 3 kernel [[-1, -1, -1], [-1, 8 + lightness, -1], [-1, -1, -1]], blended with
 * the identity by `alpha` (0: unchanged, 1: fully sharpened); both are drawn once per image.
 *
 * `lightness` above 1 also brightens, below 1 darkens (at alpha 1, lightness 1 gives the classic sharpening kernel
 * with centre 9). The kernel is built in float32 as imgaug 0.4.0 builds it and applied with `cv2.filter2D`'s
 * arithmetic (borders mirrored without repeating the edge pixel), so uint8 images get imgaug's bytes; float32 images
 * are filtered the same way and not clipped. Every channel gets the same kernel.
 *
 * @param alpha The blend towards the sharpened image: a number in [0, 1], a `[min, max]` range drawn per image, or an
 *   `iap` parameter. Default `[0, 0.2]`.
 * @param lightness The brightness of the sharpened image: a number ≥ 0, a range or a parameter. Default `[0.8, 1.2]`.
 * @example iaa.Sharpen(1)                              // the full sharpening kernel, centre 9
 * @example iaa.Sharpen([0, 1], { lightness: [0.75, 1.5] }) // varying strength and brightness
 */
export const Sharpen = defineAugmenter({
  type: 'Sharpen',
  kind: 'pixel',
  primary: 'alpha',
  options: {
    alpha: numberOption([0, 0.2], { min: 0, max: 1 }, 'The blend of the sharpened image over the original.'),
    lightness: numberOption([0.8, 1.2], { min: 0, max: 1e6 }, 'The brightness of the sharpened image (1: kept).'),
  },
  examples: [{ alpha: [0, 1], lightness: [0.75, 1.5] }],
  drawParams({ alpha, lightness }, random): SharpenParams {
    const a = alpha.draw(random.stream('alpha'));
    const l = Math.fround(lightness.draw(random.stream('lightness')));
    return { kernel: blendWithIdentity(a, [-1, -1, -1, -1, 8 + l, -1, -1, -1, -1]) };
  },
  apply: (image, { kernel }, out) => filterImage(image, [kernel], out),
});
