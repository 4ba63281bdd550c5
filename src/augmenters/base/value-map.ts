import type { Image, Shape } from '../../core/image.ts';
import { applyLut, buildLut, mapFloat } from '../../kernels/lut.ts';
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
    const tables: Uint8Array[] = [];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      tables.push(cachedLut(uint8, value));
    }
    applyLut(image.data, tables, image.channels, out.data as Uint8Array);
  } else {
    mapFloat(image.data, values, image.channels, float, out.data);
  }
}

// A small cache keyed by (function, value): constant parameters then build their table once, not once per image.
const lutCache = new WeakMap<(v: number, value: number) => number, Map<number, Uint8Array>>();

function cachedLut(f: (v: number, value: number) => number, value: number): Uint8Array {
  let byValue = lutCache.get(f);
  if (!byValue) {
    byValue = new Map();
    lutCache.set(f, byValue);
  }
  let table = byValue.get(value);
  if (!table) {
    table = buildLut((v) => f(v, value), new Uint8Array(256));
    if (byValue.size >= 64) byValue.clear();
    byValue.set(value, table);
  }
  return table;
}
