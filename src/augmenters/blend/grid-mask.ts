import type { Shape } from '../../core/image.ts';
import { fillGridMask } from '../../kernels/blend-masks.ts';
import { choice } from '../../params/choice.ts';
import { drawNamed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, numberArg } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { OptionDef } from '../base/define.ts';
import { integerRange, numberOption } from '../base/options.ts';
import { defineMaskGenerator } from './mask-generator.ts';

/** One image's grid: its rows and columns (clipped to the image) and each cell's alpha, row-major. */
export interface GridMaskParams {
  readonly rows: number;
  readonly cols: number;
  readonly alphas: Float32Array;
}

/** The grid's `nbRows` and `nbCols` options (integers ≥ 1, drawn per image). */
export function gridOptions() {
  const count = (what: string): OptionDef<NumberInput, Param<number>> => ({
    ...numberOption(undefined, CELLS, `The number of ${what} (required); drawn per image.`),
    parse: (owner, option, value) => numberArg(owner, option, integerRange(value), CELLS),
  });
  return { nbRows: count('rows of cells'), nbCols: count('columns of cells') };
}

/** Cell counts: integers from 1 (more than the image's pixels are clipped to them, as imgaug does). */
const CELLS = { min: 1, max: 1e6, integer: true };

/** Draws the grid's rows and columns (imgaug clips them to the image's height and width). */
export function drawGridCells(nbRows: Param<number>, nbCols: Param<number>, random: RandomSource, shape: Shape) {
  return {
    rows: Math.min(Math.max(drawNamed(nbRows, random, 'nbRows'), 1), Math.max(shape.height, 1)),
    cols: Math.min(Math.max(drawNamed(nbCols, random, 'nbCols'), 1), Math.max(shape.width, 1)),
  };
}

function fill(params: GridMaskParams, shape: Shape, out: Float32Array): void {
  if (shape.height === 0 || shape.width === 0) return;
  fillGridMask({ height: shape.height, width: shape.width, ...params, out });
}

/**
 * A mask of `nbRows` × `nbCols` cells, each with an alpha drawn per cell (imgaug's `RegularGridMaskGen`). Cells are
 * int(height / rows) × int(width / cols) pixels, the grid centred, the few pixels left at the borders mirrored from
 * inside. `alpha` defaults to 0 or 1 per cell (imgaug's `[0.0, 1.0]` list).
 * @example iaa.RegularGridMaskGen({ nbRows: [2, 4], nbCols: [2, 4] })
 */
export const RegularGridMaskGen = defineMaskGenerator({
  type: 'RegularGridMaskGen',
  positional: ['nbRows', 'nbCols', 'alpha'],
  options: {
    ...gridOptions(),
    alpha: numberOption(choice([0, 1]), { min: 0, max: 1 }, "Each cell's opacity, drawn per cell."),
  },
  draw({ nbRows, nbCols, alpha }, random, shape): GridMaskParams {
    const { rows, cols } = drawGridCells(nbRows, nbCols, random, shape);
    const alphas = new Float32Array(rows * cols);
    alpha.drawMany(random.stream('alpha'), alphas);
    return { rows, cols, alphas };
  },
  fill: (_options, params, shape, out) => fill(params, shape, out),
});

/**
 * A checkerboard mask of `nbRows` × `nbCols` cells (imgaug's `CheckerboardMaskGen`): 1 in the top-left cell and
 * every cell an even number of steps from it, 0 in the others; cells laid out as {@link RegularGridMaskGen}'s.
 * @example iaa.CheckerboardMaskGen({ nbRows: 2, nbCols: [1, 4] })
 */
export const CheckerboardMaskGen = defineMaskGenerator({
  type: 'CheckerboardMaskGen',
  positional: ['nbRows', 'nbCols'],
  options: gridOptions(),
  draw({ nbRows, nbCols }, random, shape): GridMaskParams {
    const { rows, cols } = drawGridCells(nbRows, nbCols, random, shape);
    const alphas = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) alphas[r * cols + c] = (r + c) % 2 === 0 ? 1 : 0;
    return { rows, cols, alphas };
  },
  fill: (_options, params, shape, out) => fill(params, shape, out),
});
