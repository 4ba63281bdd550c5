import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';
import { StochasticParameterMaskGen } from './mask-generators.ts';

export interface BlendAlphaElementwiseOptions extends CommonOptions {
  readonly factor?: NumberInput;
  readonly foreground?: Branch;
  readonly background?: Branch;
  readonly perChannel?: ProbabilityInput;
}

/**
 * Blends two versions of each image with an opacity `factor` drawn per pixel (imgaug's `BlendAlphaElementwise`):
 * BlendAlpha with a mask of independent draws, one per pixel or, with `perChannel`, one per value.
 *
 * Branches as in BlendAlpha. A constant factor gives BlendAlpha's (and imgaug's) bytes; drawn factors come from
 * augkit's streams (the same distribution as imgaug's, other values). Labels follow the branches by
 * the mask as in BlendAlphaMask (imgaug's rules).
 *
 * @param factor The foreground's opacity per pixel: a number in [0, 1], a `[min, max]` range or an `iap` parameter.
 * @example iaa.BlendAlphaElementwise([0, 1], iaa.AddToHue(100))                    // hue shifted by a share per pixel
 * @example iaa.BlendAlphaElementwise({ factor: [0, 1], foreground: iaa.Add(100), perChannel: 0.5 })
 */
export const BlendAlphaElementwise = defineAugmenter({
  type: 'BlendAlphaElementwise',
  kind: 'meta',
  positional: ['factor', 'foreground', 'background'],
  options: {
    factor: numberOption([0, 1], { min: 0, max: 1 }, "The foreground's opacity, drawn per pixel (or per value)."),
    ...branchOptions(),
    perChannel: probabilityOption(false, 'Whether each channel draws its own mask (or the probability that it does).'),
  },
  examples: [{ factor: [0, 1], foreground: { type: 'Multiply', mul: [0.2, 0.6] }, perChannel: 0.5 }],
  validate: (options) => checkBranches('BlendAlphaElementwise', options),
  prepare: ({ factor, perChannel, foreground, background }) => ({
    generator: StochasticParameterMaskGen({ parameter: factor, perChannel }),
    foreground,
    background,
  }),
  ...maskBlendSteps('BlendAlphaElementwise'),
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaElementwiseOptions): Augmenter<MaskBlendParams>;
  (
    factor?: NumberInput,
    foreground?: Branch,
    background?: Branch,
    options?: Omit<BlendAlphaElementwiseOptions, 'factor' | 'foreground' | 'background'>,
  ): Augmenter<MaskBlendParams>;
}>;
