import { AFFINE_RULES } from './affine-core.ts';
import { axisOf, axisOption, defineAffineShortcut } from './single-axis.ts';

/**
 * Scales each image along the x axis by a factor drawn per image, about its centre: `Affine({ scale: { x } })`.
 * @param scale A factor > 0: a number, a `[min, max]` range or an `iap` parameter. Default `[0.5, 1.5]`.
 * @example iaa.ScaleX([0.8, 1.2])
 */
export const ScaleX = defineAffineShortcut(
  'ScaleX',
  'scale',
  { scale: axisOption([0.5, 1.5], AFFINE_RULES.scale) },
  ({ scale }) => ({
    scale: axisOf('x', scale),
  }),
);
