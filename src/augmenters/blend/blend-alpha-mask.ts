import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';
import type { MaskGenerator, MaskGeneratorSpec } from './mask-generator.ts';
import { isMaskGeneratorSpec, maskGeneratorOption } from './mask-generators.ts';

export interface BlendAlphaMaskOptions extends CommonOptions {
  /** What makes each image's mask: `iaa.VerticalLinearGradientMaskGen()`, `iaa.RegularGridMaskGen(…)`, … or its JSON. */
  readonly maskGenerator?: MaskGenerator | MaskGeneratorSpec;
  readonly foreground?: Branch;
  readonly background?: Branch;
}

/**
 * Blends two versions of each image pixel by pixel through a mask that a mask generator makes per image (imgaug's
 * `BlendAlphaMask`): where the mask is 1 the foreground branch's image shows, where it is 0 the background's.
 *
 * Generators: `StochasticParameterMaskGen` (values drawn per pixel), `HorizontalLinearGradientMaskGen`,
 * `VerticalLinearGradientMaskGen`, `RegularGridMaskGen`, `CheckerboardMaskGen`, and `InvertMaskGen` (another's
 * mask inverted for some images). Branches as in BlendAlpha (at least one; a missing one is the image). uint8 bytes
 * are imgaug's `blend_alpha` with the mask (masks all ≥ 0.99 show the foreground alone, all ≤ 0.01 the background).
 *
 * Labels follow the branches as imgaug 0.4.0's: each keypoint takes the foreground's move where the mask (its mean
 * over channels) at its input position, rounded half to even, is above 0.5, else the background's, and a keypoint
 * whose rounded position is outside the image becomes that rounded position (imgaug's rule, whatever the
 * branches do); boxes, polygons and line strings all take the foreground's moves when the whole mask's mean is
 * above 0.5, else the background's; heatmaps and segmentation maps take each cell from the foreground's result
 * where the mask, resized to the map, is at least 0.5, else from the background's.
 *
 * @example iaa.BlendAlphaMask(iaa.InvertMaskGen(0.5, iaa.VerticalLinearGradientMaskGen()), iaa.Multiply(0.3))
 */
export const BlendAlphaMask = defineAugmenter({
  type: 'BlendAlphaMask',
  kind: 'meta',
  positional: ['maskGenerator', 'foreground', 'background'],
  // A generator's JSON form as the first argument is the generator, not the options object.
  isPrimaryValue: isMaskGeneratorSpec,
  options: {
    maskGenerator: maskGeneratorOption(undefined, "What makes each image's mask (required)."),
    ...branchOptions(),
  },
  examples: [
    {
      maskGenerator: { type: 'InvertMaskGen', p: 0.5, child: { type: 'VerticalLinearGradientMaskGen' } },
      foreground: { type: 'Multiply', mul: [0.2, 0.6] },
    },
    {
      maskGenerator: { type: 'RegularGridMaskGen', nbRows: [1, 4], nbCols: [1, 4], alpha: [0, 1] },
      background: { type: 'Add', value: [-60, 60] },
    },
  ],
  validate: (options) => checkBranches('BlendAlphaMask', options),
  prepare: ({ maskGenerator, foreground, background }) => ({ generator: maskGenerator, foreground, background }),
  ...maskBlendSteps('BlendAlphaMask'),
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaMaskOptions): Augmenter<MaskBlendParams>;
  (
    maskGenerator: MaskGenerator | MaskGeneratorSpec,
    foreground?: Branch,
    background?: Branch,
    options?: CommonOptions,
  ): Augmenter<MaskBlendParams>;
}>;
