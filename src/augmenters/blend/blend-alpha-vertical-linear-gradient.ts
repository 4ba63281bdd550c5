import { defineAugmenter } from '../base/define.ts';
import { type GradientBlendFactory, gradientBlendDefinition } from './gradient-mask.ts';

/**
 * Blends two versions of each image along a linear gradient from top to bottom (imgaug's
 * `BlendAlphaVerticalLinearGradient`): the background shows where the gradient is low, the foreground where it is high.
 *
 * The mask is `minValue` up to `startAt` (a fraction of the height), then rises linearly (numpy's float32 linspace) to
 * `maxValue` at `endAt`, and stays there; with `endAt` before `startAt` it runs the other way, inverted. All four
 * are drawn per image. For given values the uint8 bytes are imgaug 0.4.0's. Labels follow the branches by the
 * mask as in BlendAlphaMask (imgaug's rules).
 *
 * @example iaa.BlendAlphaVerticalLinearGradient(iaa.Multiply(0.2), undefined, { startAt: [0, 0.5] })
 */
export const BlendAlphaVerticalLinearGradient = defineAugmenter(
  gradientBlendDefinition('BlendAlphaVerticalLinearGradient', 'y'),
) as unknown as GradientBlendFactory;
