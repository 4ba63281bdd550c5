import type { Image, Shape } from '../../core/image.ts';
import { applyLut, applyWideLut, buildLut, mapFloat, widenLut } from '../../kernels/lut.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';

/** The drawn values of a value-mapping augmenter: one for the whole image, or one per channel. */
export interface ValueMapParams {
  readonly values: Float64Array;
}

/**
 * Draws one value (or, when `perChannel` draws > 0.5, one per channel) of `param` from the stream `name`.
 * The per-channel coin has its own stream, so turning it on never shifts the values' draws.
 */
export function drawValues(
  random: RandomSource,
  shape: Shape,
  name: string,
  param: Param<number>,
  perChannel: Param<number>,
): ValueMapParams {
  const n = perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1;
  const values = new Float64Array(n);
  param.drawMany(random.stream(name), values);
  return { values };
}

/**
 * Applies a per-value function to an image: for uint8 through 256-entry float32 lookup tables (imgaug's clip then
 * truncate), for float32 directly without clipping. `uint8` builds a table entry, `float` maps a float pixel.
 */
export function applyValueMap(
  image: Image,
  { values }: ValueMapParams,
  out: Image,
  uint8: (v: number, value: number) => number,
  float: (x: number, value: number) => number,
): void {
  if (image.data instanceof Uint8Array) {
    const src = image.data;
    const dst = out.data as Uint8Array;
    if (values.length === 1) {
      const entry = cachedLut(uint8, values[0]);
      if (entry.wide === undefined) {
        entry.bytes += src.length;
        if (entry.bytes >= WIDEN_AFTER) entry.wide = widenLut(entry.table);
      }
      if (entry.wide !== undefined) applyWideLut(src, entry.table, entry.wide, dst);
      else applyLut(src, [entry.table], 1, dst);
      return;
    }
    const tables: Uint8Array[] = [];
    for (let i = 0; i < values.length; i++) tables.push(cachedLut(uint8, values[i]).table);
    applyLut(src, tables, image.channels, dst);
  } else {
    mapFloat(image.data, values, image.channels, float, out.data);
  }
}

/** A cached table, the bytes it has mapped so far, and its two-byte form once that pays off. */
interface LutEntry {
  readonly table: Uint8Array;
  bytes: number;
  wide?: Uint16Array;
}

// A table that has mapped this many bytes gets its 65,536-entry two-byte form (building it costs about as much as
// mapping 64 KB one byte at a time); values drawn afresh per image never get there.
const WIDEN_AFTER = 1 << 18;

// A small cache keyed by (function, value): constant parameters then build their table once, not once per image.
const lutCache = new WeakMap<(v: number, value: number) => number, Map<number, LutEntry>>();

function cachedLut(f: (v: number, value: number) => number, value: number): LutEntry {
  let byValue = lutCache.get(f);
  if (!byValue) {
    byValue = new Map();
    lutCache.set(f, byValue);
  }
  let entry = byValue.get(value);
  if (!entry) {
    entry = { table: buildLut((v) => f(v, value), new Uint8Array(256)), bytes: 0 };
    if (byValue.size >= 64) byValue.clear();
    byValue.set(value, entry);
  }
  return entry;
}
