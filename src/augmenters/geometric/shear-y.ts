import { defineAugmenter } from '../base/define.ts';
import { AFFINE_RULES, warpOptions } from './affine-core.ts';
import { affineSteps, axisOf, axisOption, prepareAffine } from './single-axis.ts';

/**
 * Shears each image along the y axis by an angle drawn per image, in degrees: `Affine({ shear: { y } })`.
 * @param shear Degrees in [-360, 360]: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.ShearY([-20, 20])
 */
export const ShearY = defineAugmenter({
  type: 'ShearY',
  kind: 'geometric',
  primary: 'shear',
  options: {
    shear: axisOption([-30, 30], AFFINE_RULES.shear, 'Degrees of shear along the y axis.'),
    ...warpOptions,
  },
  examples: [{ shear: [-20, 20] }],
  prepare: ({ shear, ...warp }) => prepareAffine('ShearY', { shear: axisOf('y', shear) }, warp),
  ...affineSteps,
});
