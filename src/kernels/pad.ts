// Padding with numpy.pad's modes, the way imgaug 0.4.0 pads images (`imgaug.augmenters.size.pad`): OpenCV's
// copyMakeBorder for constant, edge, reflect and symmetric, numpy.pad for the others.
import type { Image, PixelArray } from '../core/image.ts';
import { FLOAT32_MAX } from '../core/limits.ts';
import { roundHalfEven } from '../core/round.ts';
import { borderIndex } from './border.ts';
import { Scratch } from './scratch.ts';

/** Pixels added to (or removed from) each side of an image, in imgaug's order. */
export interface Sides {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** numpy.pad's modes, imgaug's `pad_mode` values. */
export type PadMode =
  | 'constant'
  | 'edge'
  | 'linear_ramp'
  | 'maximum'
  | 'mean'
  | 'median'
  | 'minimum'
  | 'reflect'
  | 'symmetric'
  | 'wrap';

/** Every pad mode, in numpy's documentation order. */
export const PAD_MODES: readonly PadMode[] = [
  'constant',
  'edge',
  'linear_ramp',
  'maximum',
  'mean',
  'median',
  'minimum',
  'reflect',
  'symmetric',
  'wrap',
];

/** Modes that read one existing pixel per padded pixel (an index map); the others compute values per row/column. */
type IndexMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';

function isIndexMode(mode: PadMode): mode is IndexMode {
  return mode === 'constant' || mode === 'edge' || mode === 'reflect' || mode === 'symmetric' || mode === 'wrap';
}

/**
 * The fill value `padImage` writes under 'constant' (and ramps towards under 'linear_ramp'), as imgaug computes it:
 * clipped to the dtype's range (float32's finite range for float32), and for uint8 under 'constant' truncated to an integer (imgaug hands OpenCV
 * `int(cval)`); 'linear_ramp' keeps the fraction (numpy's `end_values`).
 */
export function padCvalFor(cval: number, mode: PadMode, u8: boolean): number {
  if (!u8) return Math.fround(Math.min(Math.max(cval, -FLOAT32_MAX), FLOAT32_MAX));
  const clipped = cval < 0 ? 0 : cval > 255 ? 255 : cval;
  return mode === 'linear_ramp' ? clipped : Math.trunc(clipped);
}

const scratch = new Scratch();

/**
 * Pads `src` into `out` by `sides` pixels with numpy.pad's `mode` (imgaug's `pad`), `out` being
 * (top + H + bottom) × (left + W + right) with the same channels and dtype; `out` must not be `src`.
 *
 * 'constant' fills with `cval`; 'edge', 'reflect' (OpenCV's REFLECT_101), 'symmetric' (REFLECT) and 'wrap' repeat
 * the image periodically for pads of any size. 'maximum', 'mean', 'median' and 'minimum' fill with the statistic
 * of the whole row or column, and 'linear_ramp' ramps from the edge pixel to `cval`; numpy pads the rows first,
 * then the columns, so a corner takes the statistic (or ramp) of the padded rows. uint8 results are bit-exact
 * with numpy 1.24: means and medians rounded half to even, ramps floored, computed with numpy's float64 order of
 * operations. float32 follows numpy's float32 arithmetic (ramps and means in float32, summed in order, as numpy
 * does along a strided axis). `cval` is used as given: pass it through {@link padCvalFor}.
 */
export function padImage(src: Image, out: Image, sides: Sides, mode: PadMode, cval: number): void {
  if (isIndexMode(mode)) padByIndex(src, out, sides, mode, cval);
  else padByStatistic(src, out, sides, mode, cval);
}

function padByIndex(src: Image, out: Image, sides: Sides, mode: IndexMode, cval: number): void {
  if (mode === 'constant') {
    padConstant(src, out, sides, cval);
    return;
  }
  const { height: h, width: w, channels: cn } = src;
  const { top, left } = sides;
  const ow = out.width;
  const oh = out.height;
  const s = src.data;
  const d = out.data;
  const rowLen = ow * cn;
  const srcRow = w * cn;
  const leftLen = left * cn;
  // The source column of each padded column (-1: cval); only the padded ones are read.
  const cols = scratch.i32(0, ow);
  for (let x = 0; x < ow; x++) cols[x] = borderIndex(x - left, w, mode);
  for (let y = 0; y < oh; y++) {
    const o = y * rowLen;
    const sy = borderIndex(y - top, h, mode);
    if (sy < 0) {
      d.fill(cval, o, o + rowLen);
      continue;
    }
    const base = sy * srcRow;
    d.set(s.subarray(base, base + srcRow), o + leftLen);
    for (let x = 0; x < left; x++) copyPixel(s, base + cols[x] * cn, d, o + x * cn, cn);
    for (let x = left + w; x < ow; x++) copyPixel(s, base + cols[x] * cn, d, o + x * cn, cn);
  }
}

/**
 * 'constant': the image's rows copied into place, and between them one fill per row, of the run from a row's last
 * pixel to the next row's first (its right pad and the next row's left pad lie next to each other), the first fill
 * reaching from the start (the top rows) and the last to the end (the bottom rows).
 */
function padConstant(src: Image, out: Image, sides: Sides, cval: number): void {
  const { height: h, width: w, channels: cn } = src;
  const s = src.data;
  const d = out.data;
  const rowLen = out.width * cn;
  const srcRow = w * cn;
  const first = sides.top * rowLen + sides.left * cn;
  const end = out.height * rowLen;
  d.fill(cval, 0, h === 0 ? end : first);
  for (let y = 0; y < h; y++) {
    const o = first + y * rowLen;
    d.set(s.subarray(y * srcRow, (y + 1) * srcRow), o);
    d.fill(cval, o + srcRow, y + 1 < h ? o + rowLen : end);
  }
}

function copyPixel(s: PixelArray, i: number, d: PixelArray, o: number, cn: number): void {
  for (let c = 0; c < cn; c++) d[o + c] = s[i + c];
}

/** A statistic or ramp mode: pads the rows (axis 0) over the image's columns, then the columns over all rows. */
function padByStatistic(src: Image, out: Image, sides: Sides, mode: PadMode, cval: number): void {
  const { height: h, width: w, channels: cn } = src;
  const { top, bottom, left, right } = sides;
  const ow = out.width;
  const oh = out.height;
  const d = out.data;
  const u8 = d instanceof Uint8Array;
  const rowLen = ow * cn;
  for (let y = 0; y < h; y++) d.set(src.data.subarray(y * w * cn, (y + 1) * w * cn), (y + top) * rowLen + left * cn);
  // Axis 0: lines are the columns left … left + W − 1 of each channel, running over rows top … top + H − 1.
  padAxis(d, {
    mode,
    cval,
    u8,
    lines: w * cn,
    lineAt: (i) => left * cn + i,
    length: h,
    start: top,
    step: rowLen,
    before: top,
    after: bottom,
  });
  // Axis 1: lines are every row of each channel, running over columns left … left + W − 1.
  padAxis(d, {
    mode,
    cval,
    u8,
    lines: oh * cn,
    lineAt: (i) => Math.floor(i / cn) * rowLen + (i % cn),
    length: w,
    start: left,
    step: cn,
    before: left,
    after: right,
  });
}

/** One axis of numpy's iterative padding: `lines` independent lines of `length` values `step` apart. */
interface AxisJob {
  readonly mode: PadMode;
  readonly cval: number;
  readonly u8: boolean;
  readonly lines: number;
  /** The array index of line i's element 0 (the first padded position). */
  lineAt(i: number): number;
  readonly length: number;
  /** The position of the first image value in a line. */
  readonly start: number;
  readonly step: number;
  readonly before: number;
  readonly after: number;
}

function padAxis(d: PixelArray, job: AxisJob): void {
  const { mode, lines, length, start, step, before, after, u8 } = job;
  if (before === 0 && after === 0) return;
  if (mode === 'linear_ramp') {
    rampSide(d, job, true);
    rampSide(d, job, false);
    return;
  }
  const values = scratch.f64(1, length);
  for (let i = 0; i < lines; i++) {
    const at = job.lineAt(i);
    const first = at + start * step;
    for (let k = 0; k < length; k++) values[k] = d[first + k * step];
    let v = statistic(values, mode, u8);
    // numpy rounds a statistic half to even before storing it in an integer array (`_round_if_needed`).
    if (u8) v = roundHalfEven(v);
    for (let k = 0; k < before; k++) d[at + k * step] = v;
    const end = first + length * step;
    for (let k = 0; k < after; k++) d[end + k * step] = v;
  }
}

function statistic(values: Float64Array, mode: PadMode, u8: boolean): number {
  const n = values.length;
  if (mode === 'maximum' || mode === 'minimum') {
    let m = values[0];
    for (let k = 1; k < n; k++) m = mode === 'maximum' ? Math.max(m, values[k]) : Math.min(m, values[k]);
    return m;
  }
  if (mode === 'mean') {
    // uint8 sums are exact in float64; numpy sums float32 in float32, in order along a strided axis.
    let sum = 0;
    if (u8) for (let k = 0; k < n; k++) sum += values[k];
    else for (let k = 0; k < n; k++) sum = Math.fround(sum + values[k]);
    return u8 ? sum / n : Math.fround(sum / n);
  }
  values.sort();
  const mid = n >> 1;
  return n & 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * numpy's `linspace(cval, edge, num=width, endpoint=False)` for one side of every line, written outwards from the
 * image. numpy multiplies by the step `delta / width`, unless some line's step is 0 anywhere along this side, when
 * it divides first (`i / width · delta`): the order changes the last bit, so both are kept. Integer output floors;
 * float32 images compute in float32 (numpy's type for a float32 edge), each operation rounded.
 */
function rampSide(d: PixelArray, job: AxisJob, isBefore: boolean): void {
  const { lines, length, start, step, u8 } = job;
  const width = isBefore ? job.before : job.after;
  if (width === 0) return;
  const r = u8 ? (v: number) => v : Math.fround;
  const cval = r(job.cval);
  const edgePos = isBefore ? start : start + length - 1;
  let anyZero = false;
  for (let i = 0; i < lines; i++) {
    const delta = r(d[job.lineAt(i) + edgePos * step] - cval);
    if (r(delta / width) === 0) anyZero = true;
  }
  for (let i = 0; i < lines; i++) {
    const at = job.lineAt(i);
    const delta = r(d[at + edgePos * step] - cval);
    const stepValue = r(delta / width);
    for (let k = 0; k < width; k++) {
      // k counts from the far end (numpy's index into the ramp); the before side runs outwards-in, the after side
      // is the reversed ramp.
      let v = r((anyZero ? r(r(k / width) * delta) : r(k * stepValue)) + cval);
      if (u8) v = Math.floor(v);
      const pos = isBefore ? k : start + length + width - 1 - k;
      d[at + pos * step] = v;
    }
  }
}
