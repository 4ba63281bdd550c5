import { AFFINE_RULES } from './affine-core.ts';
import { axisOf, axisOption, defineAffineShortcut } from './single-axis.ts';

/**
 * Shears each image along the y axis by an angle drawn per image, in degrees: `Affine({ shear: { y } })`.
 * @param shear Degrees in [-360, 360]: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.ShearY([-20, 20])
 */
export const ShearY = defineAffineShortcut(
  'ShearY',
  'shear',
  { shear: axisOption([-30, 30], AFFINE_RULES.shear) },
  ({ shear }) => ({
    shear: axisOf('y', shear),
  }),
);
