import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { blendWithIdentity, filterImage } from './matrix.ts';

/** The 3 × 3 kernel drawn for one image. */
export interface EmbossParams {
  readonly kernel: Filter2DKernel;
}

/**
 * Embosses each image, a relief lit from the top left, with the 3 × 3 kernel
 * [[-1 - s, -s, 0], [-s, 1, s], [0, s, 1 + s]] (s = `strength`), blended with the identity by `alpha`; both are
 * drawn once per image.
 *
 * The kernel is built in float32 as imgaug 0.4.0 builds it and applied with `cv2.filter2D`'s arithmetic (borders
 * mirrored without repeating the edge pixel), so uint8 images get imgaug's bytes; float32 images are filtered the
 * same way and not clipped. Every channel gets the same kernel.
 *
 * @param alpha The blend towards the embossed image: a number in [0, 1], a `[min, max]` range drawn per image, or an
 *   `iap` parameter. Default `[0, 1]`.
 * @param strength The relief's depth: a number ≥ 0, a range or a parameter. Default `[0.25, 1]`.
 * @example iaa.Emboss(1, { strength: 1 })                  // kernel [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]
 * @example iaa.Emboss([0, 1], { strength: [0.5, 1.5] })
 */
export const Emboss = defineAugmenter({
  type: 'Emboss',
  kind: 'pixel',
  primary: 'alpha',
  options: {
    alpha: numberOption([0, 1], { min: 0, max: 1 }, 'The blend of the embossed image over the original.'),
    strength: numberOption([0.25, 1], { min: 0, max: 1e6 }, 'The depth of the relief.'),
  },
  examples: [{ alpha: [0, 1], strength: [0.5, 1.5] }],
  drawParams({ alpha, strength }, random): EmbossParams {
    const a = alpha.draw(random.stream('alpha'));
    const s = Math.fround(strength.draw(random.stream('strength')));
    return { kernel: blendWithIdentity(a, [-1 - s, -s, 0, -s, 1, s, 0, s, 1 + s]) };
  },
  apply: (image, { kernel }, out) => filterImage(image, [kernel], out),
});
