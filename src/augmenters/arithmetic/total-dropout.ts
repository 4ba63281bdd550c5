import { drawNamed } from '../../params/constant.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** Whether this image is dropped. */
export interface TotalDropoutParams {
  readonly drop: boolean;
}

/**
 * Sets whole images to zero (black) with probability `p`, and leaves the others as they are (imgaug's
 * `TotalDropout`).
 *
 * `p` is drawn once per image (a range gives each image its own probability), then a coin decides. uint8 and
 * float32 images alike get 0 everywhere.
 *
 * Differs from imgaug: imgaug also empties a dropped image's keypoints, boxes, polygons and line strings and zeroes
 * its heatmaps and segmentation maps; augkit, whose pixel augmenters leave labels as they are, keeps them.
 *
 * @param p The probability of dropping an image: a number in [0, 1], a `[min, max]` range sampled per image, or an
 *   `iap` parameter. Default 1 (imgaug's).
 * @example iaa.TotalDropout(0.1)                 // one image in ten turns black
 * @example iaa.Sometimes(0.5, iaa.TotalDropout()) // the same, in two steps: half of the images
 */
export const TotalDropout = defineAugmenter({
  type: 'TotalDropout',
  kind: 'pixel',
  primary: 'p',
  options: {
    p: numberOption(1, { min: 0, max: 1 }, 'The probability of setting a whole image to zero.'),
  },
  examples: [{ p: 0.5 }, { p: [0.2, 0.8] }],
  drawParams: ({ p }, random): TotalDropoutParams => ({
    drop: random.stream('drop').random() < drawNamed(p, random, 'p'),
  }),
  apply(image, { drop }, out) {
    if (drop) out.data.fill(0);
    else out.data.set(image.data);
  },
});
