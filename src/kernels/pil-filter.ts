import type { GridShape } from './convolve.ts';

/**
 * One of Pillow's built-in filters (`ImageFilter.BLUR` …): its integer weights row by row as Pillow lists them, the
 * divisor they are scaled by and the offset added (`filterargs` in Pillow's ImageFilter.py).
 */
export interface PilFilter {
  readonly size: 3 | 5;
  readonly weights: readonly number[];
  readonly divisor: number;
  readonly offset: number;
}

/** Pillow 9.4's built-in filters, by their ImageFilter names. */
export const PIL_FILTERS = {
  BLUR: {
    size: 5,
    divisor: 16,
    offset: 0,
    weights: [1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1],
  },
  CONTOUR: { size: 3, divisor: 1, offset: 255, weights: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
  DETAIL: { size: 3, divisor: 6, offset: 0, weights: [0, -1, 0, -1, 10, -1, 0, -1, 0] },
  EDGE_ENHANCE: { size: 3, divisor: 2, offset: 0, weights: [-1, -1, -1, -1, 10, -1, -1, -1, -1] },
  EDGE_ENHANCE_MORE: { size: 3, divisor: 1, offset: 0, weights: [-1, -1, -1, -1, 9, -1, -1, -1, -1] },
  EMBOSS: { size: 3, divisor: 1, offset: 128, weights: [-1, 0, 0, 0, 1, 0, 0, 0, 0] },
  FIND_EDGES: { size: 3, divisor: 1, offset: 0, weights: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
  SHARPEN: { size: 3, divisor: 16, offset: 0, weights: [-2, -2, -2, -2, 32, -2, -2, -2, -2] },
  SMOOTH: { size: 3, divisor: 13, offset: 0, weights: [1, 1, 1, 1, 5, 1, 1, 1, 1] },
  SMOOTH_MORE: {
    size: 5,
    divisor: 100,
    offset: 0,
    weights: [1, 1, 1, 1, 1, 1, 5, 5, 5, 1, 1, 5, 44, 5, 1, 1, 5, 5, 5, 1, 1, 1, 1, 1, 1],
  },
} as const satisfies Record<string, PilFilter>;

/** A built-in filter's name. */
export type PilFilterName = keyof typeof PIL_FILTERS;

/**
 * Pillow's `ImagingFilter` on the value at `i` (a pixel at least size/2 from every edge) of an image whose rows are
 * `row` values apart and whose pixels are `step` values apart, in Pillow's float32 arithmetic: the weights divided
 * by the divisor in float32, the sum started at offset + 0.5 and grown one kernel row at a time (each row's three or
 * five products summed left to right first), then clipped to [0, 255] and truncated. Pillow's first kernel row
 * weighs the row *below* the pixel (the kernel is flipped vertically, not horizontally).
 */
export function pilFilterValue(src: Uint8Array, i: number, row: number, step: number, filter: PilFilter): number {
  const { size, weights, divisor } = filter;
  const r = size >> 1;
  let ss = Math.fround(filter.offset + 0.5);
  for (let k = 0; k < size; k++) {
    const at = i + (r - k) * row - r * step;
    let line = 0;
    for (let j = 0; j < size; j++) {
      const product = Math.fround(src[at + j * step] * Math.fround(weights[k * size + j] / divisor));
      line = j === 0 ? product : Math.fround(line + product);
    }
    ss = Math.fround(ss + line);
  }
  return ss <= 0 ? 0 : ss >= 255 ? 255 : Math.trunc(ss);
}

/**
 * Filters an HWC uint8 image with one of Pillow's 3×3 or 5×5 filters into `out` (not `src`), bytes equal to Pillow
 * 9.4's `Image.filter`: every channel on its own; the outer one (3×3) or two (5×5) rows and columns are copied
 * unchanged, and an image smaller than the kernel on either axis is copied whole.
 *
 * The sums run in integers: value = offset + S / divisor + 0.5, truncated, with S the integer weighted sum. That is
 * Pillow's float32 result except where offset + S / divisor + 0.5 is an integer exactly and the divisor is not a
 * power of two (Pillow's rounding errors, far below 1 / (2 · divisor) elsewhere, decide those): such values take
 * {@link pilFilterValue}.
 */
export function pilFilterU8(src: Uint8Array, shape: GridShape, filter: PilFilter, out: Uint8Array): void {
  const { height, width, channels } = shape;
  const { size, divisor } = filter;
  const r = size >> 1;
  if (height < size || width < size) {
    out.set(src.subarray(0, height * width * channels));
    return;
  }
  const row = width * channels;
  // The non-zero taps: offsets from the pixel and integer weights (Pillow's kernel row k weighs image row y + r − k).
  const offsets: number[] = [];
  const taps: number[] = [];
  for (let k = 0; k < size; k++) {
    for (let j = 0; j < size; j++) {
      const w = filter.weights[k * size + j];
      if (w === 0) continue;
      offsets.push((r - k) * row + (j - r) * channels);
      taps.push(w);
    }
  }
  const n = taps.length;
  const twice = 2 * divisor;
  const base = 2 * filter.offset * divisor + divisor;
  const exact = (divisor & (divisor - 1)) === 0;
  out.set(src.subarray(0, r * row));
  out.set(src.subarray((height - r) * row, height * row), (height - r) * row);
  for (let y = r; y < height - r; y++) {
    const start = y * row;
    const end = start + row;
    for (let i = start; i < start + r * channels; i++) out[i] = src[i];
    for (let i = end - r * channels; i < end; i++) out[i] = src[i];
    for (let i = start + r * channels; i < end - r * channels; i++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += taps[t] * src[i + offsets[t]];
      // 2 · divisor · (offset + S / divisor + 0.5), an integer; its floor division by 2 · divisor is the output.
      const num = base + 2 * s;
      if (num <= 0) out[i] = 0;
      else if (num > 255 * twice) out[i] = 255;
      else if (!exact && num % twice === 0) out[i] = pilFilterValue(src, i, row, channels, filter);
      else out[i] = (num / twice) | 0;
    }
  }
}
