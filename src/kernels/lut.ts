import type { PixelArray } from '../core/image.ts';

/**
 * Fills `table` (256 entries) with imgaug's uint8 lookup table for `f`: the value is computed in float32, clipped to
 * [0, 255] and truncated toward zero (imgaug casts, it does not round).
 */
export function buildLut(f: (v: number) => number, table: Uint8Array): Uint8Array {
  for (let v = 0; v < 256; v++) {
    const x = Math.fround(f(v));
    table[v] = x <= 0 || Number.isNaN(x) ? 0 : x >= 255 ? 255 : Math.trunc(x);
  }
  return table;
}

/**
 * Maps every value of `src` through `table` into `out`. With `channels > 1` and several tables (one per channel),
 * channel c uses `tables[c]`. `out` may be `src` (in place).
 */
export function applyLut(src: Uint8Array, tables: readonly Uint8Array[], channels: number, out: Uint8Array): void {
  const n = src.length;
  if (tables.length === 1) {
    const t = tables[0];
    for (let i = 0; i < n; i++) out[i] = t[src[i]];
    return;
  }
  for (let c = 0; c < channels; c++) {
    const t = tables[c];
    for (let i = c; i < n; i += channels) out[i] = t[src[i]];
  }
}

/**
 * Applies `f` to every float32 value of `src` into `out`, with per-channel factors when `values` has one per channel.
 * No clipping (float images keep their range). `out` may be `src`.
 */
export function mapFloat(
  src: PixelArray,
  values: Float64Array,
  channels: number,
  f: (x: number, value: number) => number,
  out: PixelArray,
): void {
  const n = src.length;
  if (values.length === 1) {
    const v = values[0];
    for (let i = 0; i < n; i++) out[i] = f(src[i], v);
    return;
  }
  for (let i = 0; i < n; i++) out[i] = f(src[i], values[i % channels]);
}
