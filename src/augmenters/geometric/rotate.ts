import { AFFINE_RULES } from './affine-core.ts';
import { axisOption, defineAffineShortcut } from './single-axis.ts';

/**
 * Rotates each image by an angle drawn per image, in degrees (clockwise on screen for positive values), about its
 * centre: `Affine({ rotate })`. Takes Affine's `order`, `cval`, `mode` and `fitOutput`.
 * @param rotate Degrees: a number, a `[min, max]` range or an `iap` parameter. Default `[-30, 30]`.
 * @example iaa.Rotate([-45, 45], { fitOutput: true })
 */
export const Rotate = defineAffineShortcut(
  'Rotate',
  'rotate',
  { rotate: axisOption([-30, 30], AFFINE_RULES.rotate) },
  ({ rotate }) => ({
    rotate: rotate?.param,
    rotateIntegerTyped: rotate?.integerTyped,
  }),
);
