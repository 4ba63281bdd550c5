import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { blendWithIdentity, filterImage } from './matrix.ts';

/** The 3 × 3 kernel drawn for one image. */
export interface EdgeDetectParams {
  readonly kernel: Filter2DKernel;
}

/**
 * Replaces each image by its edges, the Laplacian kernel [[0, 1, 0], [1, -4, 1], [0, 1, 0]], blended with the
 * identity by `alpha` drawn once per image (0: unchanged, 1: edges only, black where the image is flat).
 *
 * The kernel is built in float32 as imgaug 0.4.0 builds it and applied with `cv2.filter2D`'s arithmetic (borders
 * mirrored without repeating the edge pixel), so uint8 images get imgaug's bytes, negative responses clipped to 0;
 * float32 images are filtered the same way and not clipped. Every channel gets the same kernel.
 *
 * @param alpha The blend towards the edge image: a number in [0, 1], a `[min, max]` range drawn per image, or an
 *   `iap` parameter. Default `[0, 0.75]`.
 * @example iaa.EdgeDetect(1)        // edges only
 * @example iaa.EdgeDetect([0, 0.7]) // the edges partly over the image
 */
export const EdgeDetect = defineAugmenter({
  type: 'EdgeDetect',
  kind: 'pixel',
  primary: 'alpha',
  options: {
    alpha: numberOption([0, 0.75], { min: 0, max: 1 }, 'The blend of the edge image over the original.'),
  },
  examples: [{ alpha: [0, 1] }],
  drawParams: ({ alpha }, random): EdgeDetectParams => ({
    kernel: blendWithIdentity(alpha.draw(random.stream('alpha')), [0, 1, 0, 1, -4, 1, 0, 1, 0]),
  }),
  apply: (image, { kernel }, out) => filterImage(image, [kernel], out),
});
