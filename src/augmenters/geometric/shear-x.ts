import { defineAugmenter } from '../base/define.ts';
import { AFFINE_RULES, warpOptions } from './affine-core.ts';
import { affineSteps, axisOf, axisOption, prepareAffine } from './single-axis.ts';

/**
 * Shears each image along the x axis by an angle drawn per image, in degrees: `Affine({ shear: { x } })`.
 * @param shear Degrees in [-360, 360]: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.ShearX([-20, 20], { mode: 'edge' })
 */
export const ShearX = defineAugmenter({
  type: 'ShearX',
  kind: 'geometric',
  primary: 'shear',
  options: {
    shear: axisOption([-30, 30], AFFINE_RULES.shear, 'Degrees of shear along the x axis.'),
    ...warpOptions,
  },
  examples: [{ shear: [-20, 20] }],
  prepare: ({ shear, ...warp }) => prepareAffine('ShearX', { shear: axisOf('x', shear) }, warp),
  ...affineSteps,
});
