import { argumentError } from '../../core/errors.ts';
import { defineAugmenter } from '../base/define.ts';
import { AFFINE_RULES, axesOption, warpOptions } from './affine-core.ts';
import { affineSteps, affineTransformOptions, prepareAffine } from './single-axis.ts';

/**
 * Warps each image with an affine transformation drawn per image: scale, then rotate and shear, then translate,
 * all about the image centre, in one resampling (imgaug's `Affine`).
 *
 * The matrix is built exactly as imgaug 0.4.0 builds it (centre ((W−1)/2, (H−1)/2), scikit-image's matrix whose
 * shear turns the y axis, the y-shear between quarter turns), and uint8 images are warped with OpenCV's fixed-point
 * arithmetic, so the bytes equal imgaug's. float32 images use the same coordinates with float weights, unclipped.
 *
 * - `scale`: a factor in (0, 1000] for both axes, or `{ x, y }` (2 zooms in). Default 1.
 * - `translatePx`: integer pixels in [-1e6, 1e6] for both axes, or `{ x, y }` (+x right, +y down). Default 0.
 * - `translatePercent`: fractions in [-1000, 1000] of the width (x) and height (y), or `{ x, y }`. Not together
 *   with `translatePx`.
 * - `rotate`: degrees in [-3600, 3600], clockwise on screen for positive values. Default 0.
 * - `shear`: degrees of x-shear in [-360, 360], or `{ x, y }`. Default 0.
 * - `order`: 0 nearest, 1 bilinear (default), 3 bicubic; a list chooses per image.
 * - `cval`: the fill value under `mode: 'constant'` (uint8 truncates it to an integer, as imgaug). Default 0.
 * - `mode`: 'constant' (default), 'edge', 'symmetric', 'reflect' or 'wrap' (imgaug's names; 'reflect' mirrors
 *   without repeating the edge pixel, 'symmetric' repeats it); a list chooses per image.
 * - `fitOutput`: enlarge or shrink the canvas so the whole transformed image is visible (up to augkit's limit of
 *   8192 × 8192 pixels per image; a larger canvas throws before anything is allocated). Default false.
 * Every numeric option takes a number, a `[min, max]` range sampled per image, or an `iap` parameter.
 *
 * Differs from imgaug: a JS number cannot tell `90` from `90.0`. An integer angle is read as imgaug reads a Python
 * int (radians in double precision), so `rotate: 90, fitOutput: true` gives 28×28 on a 28×28 image, where imgaug's
 * `rotate=90.0` gives 29×29 from float32 rounding. Ranges and non-integer angles follow imgaug's float32 rounding.
 *
 * @example iaa.Affine({ rotate: [-45, 45], fitOutput: true })       // any angle, nothing cut off
 * @example iaa.Affine({ translatePx: { x: [-10, 10] } })            // the walkthrough's horizontal shifts
 * @example iaa.Affine({ scale: 2, mode: 'edge' })                   // zoom in, borders repeat the edge
 */
export const Affine = defineAugmenter({
  type: 'Affine',
  kind: 'geometric',
  options: {
    ...affineTransformOptions,
    shear: axesOption(0, AFFINE_RULES.shear, 'x', 'Degrees of x-shear, or { x, y }.'),
    ...warpOptions,
  },
  examples: [
    { rotate: [-45, 45], scale: [0.8, 1.2], mode: ['constant', 'edge', 'reflect', 'symmetric', 'wrap'], order: [0, 1] },
    { rotate: [-30, 30], fitOutput: true, cval: [0, 255], order: 3 },
    { translatePx: { x: [-3, 3], y: [-2, 2] }, shear: { x: [-10, 10], y: [-5, 5] } },
  ],
  validate(o) {
    if (o.translatePx && o.translatePercent) {
      throw argumentError(
        'Affine',
        'translatePx',
        'not given together with translatePercent (choose one unit)',
        'both',
      );
    }
  },
  prepare: ({ scale, translatePx, translatePercent, rotate, shear, ...warp }) =>
    prepareAffine(
      'Affine',
      {
        scale,
        translatePx,
        translatePercent,
        rotate: rotate?.param,
        rotateIntegerTyped: rotate?.integerTyped,
        shear,
      },
      warp,
    ),
  ...affineSteps,
});
