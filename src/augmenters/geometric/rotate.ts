import { defineAugmenter } from '../base/define.ts';
import { AFFINE_RULES, warpOptions } from './affine-core.ts';
import { affineSteps, axisOption, prepareAffine } from './single-axis.ts';

/**
 * Rotates each image by an angle drawn per image, in degrees (clockwise on screen for positive values), about its
 * centre: `Affine({ rotate })`. Takes Affine's `order`, `cval`, `mode` and `fitOutput`.
 * @param rotate Degrees: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.Rotate([-45, 45], { fitOutput: true })
 */
export const Rotate = defineAugmenter({
  type: 'Rotate',
  kind: 'geometric',
  primary: 'rotate',
  options: {
    rotate: axisOption([-30, 30], AFFINE_RULES.rotate, 'Degrees, clockwise on screen for positive values.'),
    ...warpOptions,
  },
  examples: [{ rotate: [-20, 20] }],
  prepare: ({ rotate, ...warp }) =>
    prepareAffine('Rotate', { rotate: rotate?.param, rotateIntegerTyped: rotate?.integerTyped }, warp),
  ...affineSteps,
});
