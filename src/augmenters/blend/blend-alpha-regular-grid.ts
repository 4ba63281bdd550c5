import { choice } from '../../params/choice.ts';
import type { NumberInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { RegularGridMaskGen, gridOptions } from './grid-mask.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';

export interface BlendAlphaRegularGridOptions extends CommonOptions {
  readonly nbRows?: NumberInput;
  readonly nbCols?: NumberInput;
  readonly foreground?: Branch;
  readonly background?: Branch;
  readonly alpha?: NumberInput;
}

/**
 * Blends two versions of each image cell by cell on a grid of `nbRows` × `nbCols` cells, each with its own opacity
 * `alpha` drawn per cell (imgaug's `BlendAlphaRegularGrid`; by default 0 or 1, so each cell shows one branch).
 *
 * Cells are int(height / rows) × int(width / cols) pixels, the grid centred and the few pixels left at the borders
 * mirrored from inside; rows and columns beyond the image's pixels are clipped to them. For given draws the uint8
 * bytes are imgaug 0.4.0's. Labels follow the branches by the mask as in
 * BlendAlphaMask (imgaug's rules).
 *
 * @param nbRows The number of rows: an integer ≥ 1, a `[min, max]` range or an `iap` parameter (required).
 * @param nbCols The number of columns, as nbRows (required).
 * @example iaa.BlendAlphaRegularGrid([4, 6], [1, 4], iaa.Multiply(0))              // drop about half of the cells
 * @example iaa.BlendAlphaRegularGrid(2, 2, iaa.Multiply(0), iaa.AverageBlur(8), { alpha: iaa.iap.choice([0, 0, 1]) })
 */
export const BlendAlphaRegularGrid = defineAugmenter({
  type: 'BlendAlphaRegularGrid',
  kind: 'meta',
  positional: ['nbRows', 'nbCols', 'foreground', 'background'],
  options: {
    ...gridOptions(),
    ...branchOptions(),
    alpha: numberOption(choice([0, 1]), { min: 0, max: 1 }, "Each cell's opacity, drawn per cell (default 0 or 1)."),
  },
  examples: [
    { nbRows: [2, 5], nbCols: [1, 4], foreground: { type: 'Multiply', mul: 0 } },
    { nbRows: 3, nbCols: 3, foreground: { type: 'Add', value: 50 }, alpha: [0, 1] },
  ],
  validate: (options) => checkBranches('BlendAlphaRegularGrid', options),
  prepare: ({ nbRows, nbCols, alpha, foreground, background }) => ({
    generator: RegularGridMaskGen({ nbRows, nbCols, alpha }),
    foreground,
    background,
  }),
  ...maskBlendSteps('BlendAlphaRegularGrid'),
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaRegularGridOptions): Augmenter<MaskBlendParams>;
  (
    nbRows: NumberInput,
    nbCols: NumberInput,
    foreground?: Branch,
    background?: Branch,
    options?: Omit<BlendAlphaRegularGridOptions, 'nbRows' | 'nbCols' | 'foreground' | 'background'>,
  ): Augmenter<MaskBlendParams>;
}>;
