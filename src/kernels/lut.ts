import type { PixelArray } from '../core/image.ts';
import { defineKernel } from './table.ts';
import { RGB_LINE_BLOCK, lutLineWasm, lutRgbLinesWasm } from './wasm/lut.ts';

/** The uint8 table that maps every value to itself (for channels a per-channel lookup leaves alone); read only. */
export const IDENTITY_LUT = Uint8Array.from({ length: 256 }, (_, v) => v);

/**
 * Fills `table` (256 entries) with imgaug's uint8 lookup table for `f`: the value is computed in float32, clipped to
 * [0, 255] and truncated toward zero (imgaug casts, it does not round).
 */
export function buildLut(f: (v: number) => number, table: Uint8Array): Uint8Array {
  for (let v = 0; v < 256; v++) table[v] = lutEntry(f(v));
  return table;
}

/**
 * {@link buildLut} for `v ↦ f(v, value)`, without a closure per table (for tables built per image).
 * @example buildValueLut((v, mul) => v * mul, 0.5, new Uint8Array(256))
 */
export function buildValueLut(f: (v: number, value: number) => number, value: number, table: Uint8Array): Uint8Array {
  for (let v = 0; v < 256; v++) table[v] = lutEntry(f(v, value));
  return table;
}

/** A table entry from a computed value: float32, clipped to [0, 255], truncated toward zero; NaN gives 0. */
function lutEntry(value: number): number {
  const x = Math.fround(value);
  return x <= 0 || Number.isNaN(x) ? 0 : x >= 255 ? 255 : Math.trunc(x);
}

/**
 * Maps every value of `src` through `table` into `out`. With `channels > 1` and several tables (one per channel),
 * channel c uses `tables[c]`. `out` may be `src` (in place).
 */
export function applyLut(src: Uint8Array, tables: readonly Uint8Array[], channels: number, out: Uint8Array): void {
  if (tables.length === 1) {
    applyLutRange(src, tables[0], 0, src.length, out);
    return;
  }
  // The common per-channel case (RGB) in one pass with its three tables in registers, or through WebAssembly with
  // a line per channel (the tables' fixedForms: every Multiply, LinearContrast and Add table has one).
  if (channels === 3 && tables.length === 3) {
    applyRgbLuts(src, tables, out);
  } else for (let c = 0; c < channels; c++) mapChannel(src, tables[c], c, channels, out);
}

/** Maps RGB pixels, channel c through `tables[c]`. */
const applyRgbLuts = defineKernel({
  name: 'applyRgbLuts',
  reference: (src: Uint8Array, tables: readonly Uint8Array[], out: Uint8Array) =>
    mapRgb(src, tables[0], tables[1], tables[2], out),
  wasm: rgbLinesInWasm,
  when: (src) => src.length >= FORM_MIN_BYTES,
  condition: 'at least 32 KB, every table with a fixed-point line',
});

/**
 * Maps the whole 48-byte blocks of RGB pixels `src` through WebAssembly when each channel's table has a line, and
 * the rest with the loop. False, having mapped nothing, when a table has no line or the kernels do not run.
 */
function rgbLinesInWasm(src: Uint8Array, tables: readonly Uint8Array[], out: Uint8Array): boolean {
  const r = fixedForm(tables[0]);
  const g = r && fixedForm(tables[1]);
  const b = g && fixedForm(tables[2]);
  if (r === undefined || g === undefined || b === undefined) return false;
  const n = src.length - (src.length % RGB_LINE_BLOCK);
  if (!lutRgbLinesWasm(src, out, n, [r, g, b])) return false;
  if (n < src.length) mapRgb(src.subarray(n), tables[0], tables[1], tables[2], out.subarray(n));
  return true;
}

/** Each of the three channels through its table (a loop of its own: see the word loops below). */
function mapRgb(src: Uint8Array, t0: Uint8Array, t1: Uint8Array, t2: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i + 2 < src.length; i += 3) {
    out[i] = t0[src[i]];
    out[i + 1] = t1[src[i + 1]];
    out[i + 2] = t2[src[i + 2]];
  }
}

/** Channel `c` of every pixel through `t` (a loop of its own: see the word loops below). */
function mapChannel(src: Uint8Array, t: Uint8Array, c: number, channels: number, out: Uint8Array): void {
  for (let i = c; i < src.length; i += channels) out[i] = t[src[i]];
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
  applyLutRange(src, { table, mul: -1, add: 0, wide }, 0, src.length, out);
}

/** A table prepared for mapping many bytes ({@link prepareLut}), for {@link applyLutRange}. */
export interface PreparedLut {
  readonly table: Uint8Array;
  /** When ≥ 0: `table[v] = (v · mul + add) >> 8` for every v, so values are computed rather than looked up. */
  readonly mul: number;
  readonly add: number;
  /** Otherwise the two-byte table ({@link widenLut}). */
  readonly wide: Uint16Array | undefined;
  /** The table's {@link fixedForm}, for the WebAssembly kernel, when it has one (undefined when `mul` ≥ 0). */
  readonly fixed?: FixedForm;
}

/** `table[v] = clamp((v · mul + add) >> 16, 0, 255)` for every v, with `v · mul + add` within an int32. */
export interface FixedForm {
  readonly mul: number;
  readonly add: number;
}

/** One in the fixed-point form's 16 fractional bits. */
const FIXED_ONE = 65536;
/** Slopes in ±2²² (factors up to 64): v · mul for v ≤ 255 then stays within ±2³⁰. */
const FIXED_MUL_LIMIT = 1 << 22;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Finds the clamped fixed-point line that gives every entry of `table`, `table[v] = clamp((v · mul + add) >> 16, 0,
 * 255)` (the form of WebAssembly's lut_fixed_u8), or undefined when there is none. The tables of Multiply,
 * LinearContrast and Add (float32 lines, clipped and truncated) have one: every table of 1,001 factors in [0, 4],
 * 1,001 alphas in [0, 3], 4,000 random ones and every Add in [−255, 255] did in a check (bench/README.md, "Lookup
 * tables"); gamma curves do not. Costs about as much as mapping 12 KB through a plain table.
 *
 * Each entry bounds `add` from both sides for a given `mul` (clamped entries from one side only, and the int32 range
 * from the other), so the slopes that work form an interval: a binary search over mul, where the pair of entries
 * whose bounds cross tells on which side the interval lies.
 * @example fixedForm(buildLut((v) => v * 0.6, new Uint8Array(256))) // { mul: 39296, add: 6528 }
 */
export function fixedForm(table: Uint8Array): FixedForm | undefined {
  let lo = -FIXED_MUL_LIMIT;
  let hi = FIXED_MUL_LIMIT;
  while (lo <= hi) {
    const mul = Math.floor((lo + hi) / 2);
    const bounds = addBounds(table, mul);
    // Any add in the range gives the table; the one nearest 0 keeps the numbers small.
    if (bounds.low <= bounds.high) return { mul, add: Math.min(Math.max(0, bounds.low), bounds.high) };
    // Entries a (the largest lower bound) and b (the smallest upper bound) cross: L_a − a·mul > U_b − b·mul, which
    // holds for every mul on this side of the current one when a > b (so the interval is above) and the other way
    // round when a < b (a = b cannot cross: each entry's own bounds are ordered).
    if (bounds.lowAt > bounds.highAt) lo = mul + 1;
    else hi = mul - 1;
  }
  return undefined;
}

/** The range of `add` that gives every entry of `table` with slope `mul`, and the entries that bound it. */
function addBounds(table: Uint8Array, mul: number): { low: number; high: number; lowAt: number; highAt: number } {
  let low = -Infinity;
  let high = Infinity;
  let lowAt = 0;
  let highAt = 0;
  for (let v = 0; v < 256; v++) {
    const t = table[v];
    const base = v * mul;
    // 0 takes everything below one; 255 everything from 255 up; both stay within an int32.
    const l = (t === 0 ? INT32_MIN : t * FIXED_ONE) - base;
    const h = (t === 255 ? INT32_MAX : t * FIXED_ONE + FIXED_ONE - 1) - base;
    if (l > low) {
      low = l;
      lowAt = v;
    }
    if (h < high) {
      high = h;
      highAt = v;
    }
  }
  return { low, high, lowAt, highAt };
}

/**
 * Prepares `table` for mapping many bytes: finds its fixed-point affine form `(v · mul + add) >> 8` (mul in
 * 0…256, every `v · mul + add` below 65,536) when it has one — tables of Multiply by a factor ≤ 1 and of
 * LinearContrast with alpha in [0, 1] often do — and otherwise builds its two-byte form. Costs about as much as
 * mapping 64 KB.
 * @example prepareLut(buildLut((v) => v * 0.5, new Uint8Array(256))) // { mul: 128, add: 0, … }
 */
export function prepareLut(table: Uint8Array): PreparedLut {
  const span = table[255] - table[0];
  if (span >= 0) {
    // table[v] · 256 ≤ v · mul + add < table[v] · 256 + 256 for all v bounds add from both sides; the slope must
    // be near span / 255, so only mul within ±2 of 256 · span / 255 can work.
    const guess = Math.round((256 * span) / 255);
    for (let mul = Math.max(0, guess - 2); mul <= Math.min(256, guess + 2); mul++) {
      let lo = 0;
      let hi = 65535 - 255 * mul;
      for (let v = 0; v < 256 && lo <= hi; v++) {
        const base = table[v] * 256 - v * mul;
        if (base > lo) lo = base;
        if (base + 255 < hi) hi = base + 255;
      }
      if (lo <= hi) return { table, mul, add: lo, wide: undefined };
    }
  }
  return { table, mul: -1, add: 0, wide: widenLut(table), fixed: fixedForm(table) };
}

/**
 * Ranges shorter than this stay in the word loops: the call into WebAssembly and the copies cost more than they save
 * (break-even measured at about 2 KB for the 8-bit line and 4–8 KB for the 32-bit one: bench/README.md,
 * "Measurements behind the kernels").
 */
const WASM_MIN_BYTES = 4096;
/** A plain table gets its {@link fixedForm} looked for on ranges of at least this many bytes (it costs about 12 KB's). */
const FORM_MIN_BYTES = 32768;

/** Maps the range with WebAssembly when `lut` has a fixed-point form and the kernels run; false otherwise. */
function fixedInWasm(
  src: Uint8Array,
  lut: Uint8Array | PreparedLut,
  start: number,
  end: number,
  out: Uint8Array,
): boolean {
  if (!(lut instanceof Uint8Array)) {
    if (lut.mul >= 0) return lutLineWasm(src, out, start, end, { mul: lut.mul, add: lut.add, shift: 8 });
    return lut.fixed !== undefined && lutLineWasm(src, out, start, end, { ...lut.fixed, shift: 16 });
  }
  if (end - start < FORM_MIN_BYTES) return false;
  const form = fixedForm(lut);
  return form !== undefined && lutLineWasm(src, out, start, end, { ...form, shift: 16 });
}

/**
 * Maps `src[start … end)` through `lut` (a table, or a {@link prepareLut} table) into the same positions of `out`
 * (which has `src`'s length and may be `src`). Lets a batch map each image's part of one N×H×W×C buffer without
 * making a view per image.
 */
export const applyLutRange = defineKernel({
  name: 'applyLutRange',
  reference: mapRange,
  // A fixed-point form: WebAssembly SIMD where it runs (faster than every word loop: bench/README.md, "Lookup tables").
  wasm: fixedInWasm,
  when: (_src, _lut, start, end) => end - start >= WASM_MIN_BYTES,
  condition: 'ranges of at least 4 KB whose table has a fixed-point line',
});

function mapRange(src: Uint8Array, lut: Uint8Array | PreparedLut, start: number, end: number, out: Uint8Array): void {
  const table = lut instanceof Uint8Array ? lut : lut.table;
  // Whole groups of four words (16 bytes) go through the word loops; the last 0–15 bytes through the byte loop.
  const words = ((end - start) >> 4) << 2;
  const a = src.byteOffset + start;
  const b = out.byteOffset + start;
  if (words > 0 && ((a | b) & 3) === 0) {
    // Four values per int32 read and write on typed-array views of the buffers (aligned here): a quarter of the
    // loads and stores of a byte loop, and cheaper in V8 than the same reads through a DataView.
    const s = new Int32Array(src.buffer, a, words);
    const d = new Int32Array(out.buffer, b, words);
    if (lut instanceof Uint8Array || (lut.mul < 0 && lut.wide === undefined)) mapWords(s, d, table);
    else if (lut.mul < 0) mapWordsWide(s, d, lut.wide as Uint16Array);
    else if (lut.mul === 128 && lut.add < 32768) halveWords(s, d, Math.imul(lut.add >> 7, 0x01010101));
    else mapWordsAffine(s, d, lut.mul, lut.add | (lut.add << 16));
  } else if (words > 0) {
    // Unaligned: the same four-at-a-time mapping through DataViews.
    mapUnaligned(viewOf(src, 0), viewOf(out, 1), a, b, a + (words << 2), table);
  }
  for (let i = start + (words << 2); i < end; i++) out[i] = table[src[i]];
}

// The loops below are each a function of one loop and nothing else, with every value it needs computed by the
// caller. V8 compiles the first call of a loop this long in the middle of it (on-stack replacement), with type
// feedback only for what has run so far: code after the loop (a tail loop, say) then has none, the compiled code
// gives up there on every later call, and in some processes V8 never replaces it, so every call paid a bailout and
// ran part of its work outside optimised code (the README's Development section has the cost). test/jit/loops.test.ts
// checks this in V8's trace.
//
// They take views of exactly the words they map, a multiple of four, and run `i` up to the view's length: V8 then
// drops the bounds checks on the source, and four words per iteration spread the loop's own checks, which cost
// about as much as a halving body.

function mapWords(s: Int32Array, d: Int32Array, t: Uint8Array): void {
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    d[i] = t[v & 255] | (t[(v >> 8) & 255] << 8) | (t[(v >> 16) & 255] << 16) | (t[v >>> 24] << 24);
  }
}

function mapWordsWide(s: Int32Array, d: Int32Array, wide: Uint16Array): void {
  for (let i = 0; i < s.length; i += 2) {
    const v = s[i];
    const w = s[i + 1];
    d[i] = wide[v & 0xffff] | (wide[v >>> 16] << 16);
    d[i + 1] = wide[w & 0xffff] | (wide[w >>> 16] << 16);
  }
}

/**
 * Halving tables (Multiply(0.5), LinearContrast(0.5)), prepared as mul = 128 and add < 32768:
 * (128v + add) >> 8 = ⌊(v + q) / 2⌋ with q = ⌊add / 128⌋ in every byte of `q4` (the dropped fraction of add / 128
 * never reaches the next integer), and ⌊(a + b) / 2⌋ = (a & b) + ((a ^ b) >> 1) byte by byte, which never carries
 * across bytes.
 */
function halveWords(s: Int32Array, d: Int32Array, q4: number): void {
  for (let i = 0; i < s.length; i += 4) {
    const a = s[i];
    const b = s[i + 1];
    const c = s[i + 2];
    const e = s[i + 3];
    d[i] = (a & q4) + (((a ^ q4) >>> 1) & 0x7f7f7f7f);
    d[i + 1] = (b & q4) + (((b ^ q4) >>> 1) & 0x7f7f7f7f);
    d[i + 2] = (c & q4) + (((c ^ q4) >>> 1) & 0x7f7f7f7f);
    d[i + 3] = (e & q4) + (((e ^ q4) >>> 1) & 0x7f7f7f7f);
  }
}

/**
 * `(v · mul + add) >> 8` on the four bytes of each word, two at a time in 16-bit lanes (bytes 0 and 2, then 1 and
 * 3; `add2` holds add in both lanes): a lane never exceeds 65,535 (prepareLut checked), so lanes do not carry into
 * each other.
 */
function mapWordsAffine(s: Int32Array, d: Int32Array, mul: number, add2: number): void {
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    const even = (Math.imul(v & 0xff00ff, mul) + add2) | 0;
    const odd = (Math.imul((v >>> 8) & 0xff00ff, mul) + add2) | 0;
    d[i] = ((even >>> 8) & 0xff00ff) | (odd & 0xff00ff00);
  }
}

/** {@link mapWords} at unaligned byte offsets: the words from byte `p` (up to `pEnd`) of `from` to byte `q` of `to`. */
function mapUnaligned(from: DataView, to: DataView, p: number, q: number, pEnd: number, t: Uint8Array): void {
  for (; p < pEnd; p += 4, q += 4) {
    const v = from.getInt32(p, true);
    to.setInt32(q, t[v & 255] | (t[(v >> 8) & 255] << 8) | (t[(v >> 16) & 255] << 16) | (t[v >>> 24] << 24), true);
  }
}

// The images of a batch are views on one buffer: one DataView per buffer (two slots, source and output) spares an
// allocation per image. Offsets are then the views' byte offsets into that buffer.
const views: (DataView | undefined)[] = [undefined, undefined];

function viewOf(a: Uint8Array, slot: number): DataView {
  const view = views[slot];
  if (view !== undefined && view.buffer === a.buffer && view.byteLength >= a.byteOffset + a.length) return view;
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
