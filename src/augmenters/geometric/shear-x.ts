import { AFFINE_RULES } from './affine-core.ts';
import { axisOf, axisOption, defineAffineShortcut } from './single-axis.ts';

/**
 * Shears each image along the x axis by an angle drawn per image, in degrees: `Affine({ shear: { x } })`.
 * @param shear Degrees in [-360, 360]: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.ShearX([-20, 20], { mode: 'edge' })
 */
export const ShearX = defineAffineShortcut(
  'ShearX',
  'shear',
  { shear: axisOption([-30, 30], AFFINE_RULES.shear) },
  ({ shear }) => ({
    shear: axisOf('x', shear),
  }),
);
