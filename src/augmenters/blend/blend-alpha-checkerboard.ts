import type { NumberInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { CheckerboardMaskGen, gridOptions } from './grid-mask.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';

export interface BlendAlphaCheckerboardOptions extends CommonOptions {
  readonly nbRows?: NumberInput;
  readonly nbCols?: NumberInput;
  readonly foreground?: Branch;
  readonly background?: Branch;
}

/**
 * Shows the foreground branch's image and the background's in alternating cells of an `nbRows` × `nbCols`
 * checkerboard (imgaug's `BlendAlphaCheckerboard`): the top-left cell is the foreground's, its neighbours the
 * background's.
 *
 * Cells as in BlendAlphaRegularGrid; rows and columns are drawn per image. The uint8 bytes are imgaug 0.4.0's.
 * Labels follow the branches by the mask as in BlendAlphaMask (imgaug's rules).
 *
 * @param nbRows The number of rows: an integer ≥ 1, a `[min, max]` range or an `iap` parameter (required).
 * @param nbCols The number of columns, as nbRows (required).
 * @example iaa.BlendAlphaCheckerboard(2, [1, 4], iaa.AddToHue([-100, 100]))
 */
export const BlendAlphaCheckerboard = defineAugmenter({
  type: 'BlendAlphaCheckerboard',
  kind: 'meta',
  positional: ['nbRows', 'nbCols', 'foreground', 'background'],
  options: { ...gridOptions(), ...branchOptions() },
  examples: [{ nbRows: [1, 4], nbCols: [2, 5], foreground: { type: 'Multiply', mul: [0, 0.5] } }],
  validate: (options) => checkBranches('BlendAlphaCheckerboard', options),
  prepare: ({ nbRows, nbCols, foreground, background }) => ({
    generator: CheckerboardMaskGen({ nbRows, nbCols }),
    foreground,
    background,
  }),
  ...maskBlendSteps('BlendAlphaCheckerboard'),
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaCheckerboardOptions): Augmenter<MaskBlendParams>;
  (
    nbRows: NumberInput,
    nbCols: NumberInput,
    foreground?: Branch,
    background?: Branch,
    options?: CommonOptions,
  ): Augmenter<MaskBlendParams>;
}>;
