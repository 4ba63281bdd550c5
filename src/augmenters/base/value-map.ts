import type { Image, Shape } from '../../core/image.ts';
import { FLOAT32_MAX } from '../../core/limits.ts';
import { type PreparedLut, applyLut, applyLutRange, buildValueLut, mapFloat, prepareLut } from '../../kernels/lut.ts';
import type { Param } from '../../params/param.ts';
import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { AugmenterDefinition, OptionDef } from './define.ts';
import { probabilityOption } from './options.ts';

/**
 * The range of a value-mapping augmenter's factor or offset (Multiply's `mul`, Add's `value`, LinearContrast's
 * `alpha`; GammaContrast's `gamma` up to its max): wider values only saturate uint8 images and overflow float32 ones.
 */
export const VALUE_MAP_RANGE = { min: -1e6, max: 1e6 } as const;

// The largest finite float32.

/**
 * A float32 result that stays finite: values beyond float32's range saturate at ±3.4e38 instead of becoming
 * ±Infinity in the Float32Array (float32 results are otherwise not clipped). NaN stays NaN.
 */
export function saturateF32(y: number): number {
  return y > FLOAT32_MAX ? FLOAT32_MAX : y < -FLOAT32_MAX ? -FLOAT32_MAX : y;
}

/** The drawn values of a value-mapping augmenter: one for the whole image, or one per channel. */
export interface ValueMapParams {
  readonly values: Float64Array;
}

/** What a value-mapping augmenter's definition states itself; {@link valueMapDefinition} adds the rest. */
export interface ValueMapSpec<K extends string> {
  readonly type: string;
  /** The option holding the drawn value (imgaug's first argument), and how it is checked. */
  readonly name: K;
  readonly option: OptionDef<NumberInput, Param<number>>;
  /** What one drawn value is called in `perChannel`'s doc ("factor", "gamma", …). */
  readonly noun: string;
  readonly examples: readonly Record<string, unknown>[];
  /** The result for uint8 value `v` (the table rounds and clips it), and for float32 value `x`. */
  readonly uint8: (v: number, value: number) => number;
  readonly float: (x: number, value: number) => number;
}

type ValueMapOptions<K extends string> = Record<K, OptionDef<NumberInput, Param<number>>> & {
  perChannel: OptionDef<ProbabilityInput, Param<number>>;
};
/** The parsed options (`ParsedOf<ValueMapOptions<K>>`, spelled out for a generic K). */
type ValueMapParsed<K extends string> = Record<K, Param<number>> & { perChannel: Param<number> };

/**
 * The definition every value-mapping augmenter shares: a pixel augmenter with its value option and `perChannel`,
 * drawing with {@link drawValues} and mapping with {@link applyValueMap} / {@link applyValueMapBatch}.
 */
export function valueMapDefinition<const K extends string>(
  spec: ValueMapSpec<K>,
): AugmenterDefinition<ValueMapOptions<K>, ValueMapParams, ValueMapParsed<K>, K> {
  const { name, uint8, float } = spec;
  const options = {
    [name]: spec.option,
    perChannel: probabilityOption(
      false,
      `Whether an image gets one ${spec.noun} per channel (or the probability that it does).`,
    ),
  } as ValueMapOptions<K>;
  return {
    type: spec.type,
    kind: 'pixel',
    primary: name,
    options,
    examples: spec.examples,
    drawParams: (o, random, shape) => drawValues(random, shape, name, o[name], o.perChannel),
    fixedParams: (o, shape) => fixedValues(shape, o[name], o.perChannel),
    apply: (image, params, out) => applyValueMap(image, params, out, uint8, float),
    applyBatch: (batch, params, out, size) => applyValueMapBatch(batch, params, out, size, uint8, float),
  };
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
  const fixed = fixedValues(shape, param, perChannel);
  if (fixed !== undefined) return fixed;
  const n = perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1;
  const values = new Float64Array(n);
  param.drawMany(random.stream(name), values);
  return { values };
}

/**
 * The params {@link drawValues} gives every image when both parameters are constant (undefined otherwise): one
 * shared object per parameter and value count, which lets a batch map all images in one pass
 * (`applyValueMapBatch`) and skip drawing per image.
 */
export function fixedValues(shape: Shape, param: Param<number>, perChannel: Param<number>): ValueMapParams | undefined {
  if (isFixed(param) && isFixed(perChannel)) {
    const perChannelOn = perChannel.bounds[0] > 0.5;
    const n = perChannelOn ? shape.channels : 1;
    const byCount = entryOf(fixedParams, param, newMap<number, ValueMapParams>);
    let fixed = byCount.get(n);
    if (!fixed) {
      fixed = { values: new Float64Array(n).fill(param.bounds[0]) };
      byCount.set(n, fixed);
      shared.add(fixed);
    }
    return fixed;
  }
  return undefined;
}

const fixedParams = new WeakMap<Param<number>, Map<number, ValueMapParams>>();

/** `map`'s entry for `key`, made by `make` and stored the first time. */
function entryOf<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function newMap<K, V>(): Map<K, V> {
  return new Map();
}
// The params objects of constant parameters, shared by every image: their tables are cached (and prepared once
// they have mapped enough bytes). Values drawn per image get their tables built in scratch space instead, without
// a cache entry or an allocation each.
const shared = new WeakSet<ValueMapParams>();
const scratchTables = [new Uint8Array(256), new Uint8Array(256), new Uint8Array(256), new Uint8Array(256)];

/** The table of `value` for these params: cached for shared params, else built into scratch table `slot`. */
function tableFor(
  params: ValueMapParams,
  f: (v: number, value: number) => number,
  value: number,
  bytes: number,
  slot: number,
): Uint8Array | PreparedLut {
  if (shared.has(params)) {
    const entry = lutEntry(f, value, bytes);
    return entry.prepared ?? entry.table;
  }
  return buildValueLut(f, value, scratchTable(slot));
}

function scratchTable(slot: number): Uint8Array {
  while (slot >= scratchTables.length) scratchTables.push(new Uint8Array(256));
  return scratchTables[slot];
}

/** A parameter that always gives one number (a constant, or a range of zero width). */
function isFixed(p: Param<number>): boolean {
  return p.bounds[0] === p.bounds[1] && Number.isFinite(p.bounds[0]);
}

/**
 * Maps a whole uniform batch: runs of consecutive images that share one params object (constant parameters) are
 * mapped in one pass over their contiguous bytes, the rest image by image. `src` and `out` are N×H×W×C buffers.
 */
export function applyValueMapBatch(
  src: Image,
  params: readonly ValueMapParams[],
  out: Image,
  imageSize: number,
  uint8: (v: number, value: number) => number,
  float: (x: number, value: number) => number,
): void {
  const u8 = src.data instanceof Uint8Array;
  let start = 0;
  while (start < params.length) {
    const first = params[start];
    let end = start + 1;
    while (end < params.length && params[end] === first) end++;
    const from = start * imageSize;
    const to = end * imageSize;
    if (u8 && first.values.length === 1) {
      // One table over the run's bytes, addressed by offset: no view or object per image.
      const table = tableFor(first, uint8, first.values[0], to - from, 0);
      applyLutRange(src.data as Uint8Array, table, from, to, out.data as Uint8Array);
    } else {
      applyValueMap(
        { ...src, data: src.data.subarray(from, to) as typeof src.data },
        first,
        { ...out, data: out.data.subarray(from, to) as typeof out.data },
        uint8,
        float,
      );
    }
    start = end;
  }
}

/**
 * Applies a per-value function to an image: for uint8 through 256-entry float32 lookup tables (imgaug's clip then
 * truncate), for float32 directly without clipping. `uint8` builds a table entry, `float` maps a float pixel.
 */
export function applyValueMap(
  image: Image,
  params: ValueMapParams,
  out: Image,
  uint8: (v: number, value: number) => number,
  float: (x: number, value: number) => number,
): void {
  const { values } = params;
  if (image.data instanceof Uint8Array) {
    const src = image.data;
    const dst = out.data as Uint8Array;
    if (values.length === 1) {
      applyLutRange(src, tableFor(params, uint8, values[0], src.length, 0), 0, src.length, dst);
      return;
    }
    const tables: Uint8Array[] = [];
    const cached = shared.has(params);
    for (let i = 0; i < values.length; i++) {
      tables.push(cached ? cachedLut(uint8, values[i]).table : buildValueLut(uint8, values[i], scratchTable(i)));
    }
    applyLut(src, tables, image.channels, dst);
  } else {
    mapFloat(image.data, values, image.channels, float, out.data);
  }
}

/** The cached table for `value`, counting `bytes` more mapped bytes (and prepared for heavy use once that pays off). */
function lutEntry(f: (v: number, value: number) => number, value: number, bytes: number): LutEntry {
  const entry = cachedLut(f, value);
  if (entry.prepared === undefined) {
    entry.bytes += bytes;
    if (entry.bytes >= PREPARE_AFTER) entry.prepared = prepareLut(entry.table);
  }
  return entry;
}

/** A cached table, the bytes it has mapped so far, and its prepared form (fixed-point or two-byte) once that pays off. */
interface LutEntry {
  readonly table: Uint8Array;
  bytes: number;
  prepared?: PreparedLut;
}

// A table that has mapped this many bytes is prepared (its fixed-point form or its 65,536-entry two-byte form, which
// costs about as much as mapping 64 KB one byte at a time); values drawn afresh per image never get there.
const PREPARE_AFTER = 1 << 18;

// A small cache keyed by (function, value): constant parameters then build their table once, not once per image.
const lutCache = new WeakMap<(v: number, value: number) => number, Map<number, LutEntry>>();

function cachedLut(f: (v: number, value: number) => number, value: number): LutEntry {
  const byValue = entryOf(lutCache, f, newMap<number, LutEntry>);
  let entry = byValue.get(value);
  if (!entry) {
    entry = { table: buildValueLut(f, value, new Uint8Array(256)), bytes: 0 };
    if (byValue.size >= 64) byValue.clear();
    byValue.set(value, entry);
  }
  return entry;
}
