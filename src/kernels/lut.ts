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
    // Four values per 32-bit read and write (unaligned views are fine for DataView): a quarter of the loads and
    // stores of a byte loop, which is what a LUT's time goes to.
    const m = n & ~3;
    const from = viewOf(src, 0);
    const to = viewOf(out, 1);
    for (let i = 0, a = src.byteOffset, b = out.byteOffset; i < m; i += 4, a += 4, b += 4) {
      const v = from.getUint32(a, true);
      to.setUint32(b, t[v & 255] | (t[(v >>> 8) & 255] << 8) | (t[(v >>> 16) & 255] << 16) | (t[v >>> 24] << 24), true);
    }
    for (let i = m; i < n; i++) out[i] = t[src[i]];
    return;
  }
  for (let c = 0; c < channels; c++) {
    const t = tables[c];
    for (let i = c; i < n; i += channels) out[i] = t[src[i]];
  }
}

/**
 * The 65,536-entry table of `table` applied to two bytes at once (entry `lo | hi << 8` holds
 * `table[lo] | table[hi] << 8`), for {@link applyWideLut}. Building it costs as much as mapping 64 KB, so it pays
 * off for a table that is used on many pixels (a constant Multiply); keep it with its table.
 */
export function widenLut(table: Uint8Array): Uint16Array {
  const wide = new Uint16Array(65536);
  for (let hi = 0; hi < 256; hi++) {
    const high = table[hi] << 8;
    const row = hi << 8;
    for (let lo = 0; lo < 256; lo++) wide[row | lo] = table[lo] | high;
  }
  return wide;
}

/**
 * Maps every value of `src` through `table` into `out` as {@link applyLut} does with one table, reading two values
 * per lookup from `wide = widenLut(table)`. `out` may be `src` (in place).
 */
export function applyWideLut(src: Uint8Array, table: Uint8Array, wide: Uint16Array, out: Uint8Array): void {
  const n = src.length;
  const m = n & ~3;
  const from = viewOf(src, 0);
  const to = viewOf(out, 1);
  for (let i = 0, a = src.byteOffset, b = out.byteOffset; i < m; i += 4, a += 4, b += 4) {
    const v = from.getUint32(a, true);
    to.setUint32(b, wide[v & 0xffff] | (wide[v >>> 16] << 16), true);
  }
  for (let i = m; i < n; i++) out[i] = table[src[i]];
}

// The images of a batch are views on one buffer: one DataView per buffer (two slots, source and output) spares an
// allocation per image. Offsets are then the views' byte offsets into that buffer.
const views: (DataView | undefined)[] = [undefined, undefined];

function viewOf(a: Uint8Array, slot: number): DataView {
  const view = views[slot];
  if (view !== undefined && view.buffer === a.buffer) return view;
  const fresh = new DataView(a.buffer);
  views[slot] = fresh;
  return fresh;
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
