import { defineAugmenter } from '../base/define.ts';
import { AFFINE_RULES, warpOptions } from './affine-core.ts';
import { affineSteps, axisOf, axisOption, prepareAffine } from './single-axis.ts';

/**
 * Scales each image along the y axis by a factor drawn per image, about its centre: `Affine({ scale: { y } })`.
 * @param scale A factor > 0: a number, a `[min, max]` range or an `iap` parameter. Default `[0.5, 1.5]`.
 * @example iaa.ScaleY([0.8, 1.2])
 */
export const ScaleY = defineAugmenter({
  type: 'ScaleY',
  kind: 'geometric',
  primary: 'scale',
  options: {
    scale: axisOption([0.5, 1.5], AFFINE_RULES.scale, 'The zoom factor along the y axis (2 zooms in).'),
    ...warpOptions,
  },
  examples: [{ scale: [0.5, 1.5] }],
  prepare: ({ scale, ...warp }) => prepareAffine('ScaleY', { scale: axisOf('y', scale) }, warp),
  ...affineSteps,
});
