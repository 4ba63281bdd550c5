// The masks of imgaug 0.4.0's deterministic mask generators (blend.py): linear gradients and regular grids, in
// float32 as imgaug makes them, one value per pixel (row-major H×W).
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';

const f32 = Math.fround;

// A gradient's line and a grid's row, reused across calls (kernels run synchronously).
const scratch = new Scratch();

/** A linear gradient along one axis (imgaug's `_LinearGradientMaskGen._generate_mask`), with its drawn values. */
export interface GradientMaskJob {
  readonly height: number;
  readonly width: number;
  /** 'x' varies along each row (HorizontalLinearGradientMaskGen), 'y' down the columns (Vertical…). */
  readonly axis: 'x' | 'y';
  readonly minValue: number;
  readonly maxValue: number;
  /** Where the gradient starts and ends, as fractions of the axis (end < start inverts the mask). */
  readonly startAt: number;
  readonly endAt: number;
  readonly out: Float32Array;
}

/**
 * Fills `out` with a linear gradient: `minValue` (clipped to [0, 1]) before pixel int(startAt · size), then
 * np.linspace(minValue, maxValue, end − start) in float32, then `maxValue`; when endAt < startAt the two ends
 * swap and the mask is 1 − mask.
 */
export const fillGradientMask = defineKernel({ name: 'fillGradientMask', reference: gradientLoop });

function gradientLoop(job: GradientMaskJob): void {
  const { height, width, axis, out } = job;
  const size = axis === 'x' ? width : height;
  const lo = Math.min(Math.max(job.minValue, 0), 1);
  const hi = Math.min(Math.max(job.maxValue, 0), 1);
  let start = Math.min(Math.max(Math.trunc(job.startAt * size), 0), size);
  let end = Math.min(Math.max(Math.trunc(job.endAt * size), 0), size);
  const inverted = end < start;
  if (inverted) [start, end] = [end, start];
  const line = scratch.f32(0, size);
  line.fill(f32(lo), 0, start);
  linspaceF32(lo, hi, end - start, line, start);
  line.fill(f32(hi), end, size);
  if (inverted) for (let i = 0; i < size; i++) line[i] = 1 - line[i];
  if (axis === 'x') {
    for (let y = 0; y < height; y++) out.set(line, y * width);
  } else {
    for (let y = 0; y < height; y++) out.fill(line[y], y * width, (y + 1) * width);
  }
}

/**
 * numpy 1.24's `linspace(start, stop, num, dtype=float32)` into `out` from `at`: i · step + start in double, the last
 * value exactly `stop`, each stored as float32 (a zero step gives `start` throughout, one value gives `start`).
 */
function linspaceF32(start: number, stop: number, num: number, out: Float32Array, at: number): void {
  if (num <= 0) return;
  const div = num - 1;
  const delta = stop - start;
  const step = div > 0 ? delta / div : Number.NaN;
  for (let i = 0; i < num; i++) {
    // numpy multiplies by the step, or, when the step is 0 (or there is no step), scales i / div by delta.
    out[at + i] = step !== 0 && div > 0 ? i * step + start : div > 0 ? (i / div) * delta + start : start;
  }
  if (num > 1) out[at + num - 1] = stop;
}

/** A regular grid of cells (imgaug's `RegularGridMaskGen.generate_mask`), each with its alpha. */
export interface GridMaskJob {
  readonly height: number;
  readonly width: number;
  /** Rows and columns of the grid, already clipped to [1, height] and [1, width]. */
  readonly rows: number;
  readonly cols: number;
  /** rows × cols alphas, row-major (stored as float32). */
  readonly alphas: ArrayLike<number>;
  readonly out: Float32Array;
}

/**
 * Fills `out` with a grid of cells int(height / rows) × int(width / cols) pixels, each its alpha, centred: the
 * pixels left over at the borders (fewer than a cell) take the values mirrored from inside (numpy's `reflect` pad,
 * the extra one at the bottom or right).
 */
export const fillGridMask = defineKernel({ name: 'fillGridMask', reference: gridLoop });

function gridLoop({ height, width, rows, cols, alphas, out }: GridMaskJob): void {
  const cellH = Math.trunc(height / rows);
  const cellW = Math.trunc(width / cols);
  const gridH = rows * cellH;
  const gridW = cols * cellW;
  const top = Math.floor((height - gridH) / 2);
  const left = Math.floor((width - gridW) / 2);
  const row = scratch.f32(0, width);
  for (let y = 0; y < height; y++) {
    const r = Math.trunc(reflect101(y - top, gridH) / cellH);
    for (let x = 0; x < width; x++) row[x] = alphas[r * cols + Math.trunc(reflect101(x - left, gridW) / cellW)];
    out.set(row, y * width);
  }
}

/** An index outside 0…n−1 mirrored back without repeating the edge (one reflection suffices here). */
function reflect101(i: number, n: number): number {
  return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}
