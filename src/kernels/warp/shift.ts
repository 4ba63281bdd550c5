/**
 * The whole-pixel shift path of warpAffine (translatePx, identity-like matrices): when every column steps exactly
 * one source pixel and no row has a sub-pixel fraction, each output row is a run of one source row and the
 * interpolation weights are exactly (1, 0, …), so copying gives the same bytes as the fixed-point path.
 */
import type { Image, PixelArray } from '../../core/image.ts';
import { type BorderMode, borderIndex } from '../border.ts';
import { copySpan } from '../copy.ts';
import { Scratch } from '../scratch.ts';
import { fillRun } from './row-job.ts';
import { AB_BITS, AB_SCALE, INTER_BITS, INTER_TAB_SIZE, SHORT_MAX, cvRound } from './tables.ts';
import type { WarpOrder } from './validate.ts';

/** Each output row's whole-pixel source start, for {@link shiftRows}. */
export interface ShiftPlan {
  readonly rowX: Int32Array;
  readonly rowY: Int32Array;
  /** Whether all rows start at the same x and at consecutive y: one translation for the whole image. */
  readonly translation: boolean;
}

const scratch = new Scratch();

/**
 * The shift path's check: undefined unless the fixed-point source coordinates are `x + kx` along every row and `ky`
 * down every column with zero fractions, which the checks below establish from the same cvRound arithmetic the
 * general path uses (`ax`, `ay` are the general path's per-column parts). Otherwise each row's source start, and
 * {@link shiftRows} copies the rows of any image of that size, with the border mode applied to the pixels outside.
 */
export function planShiftRows(...job: Parameters<typeof planRows>): ShiftPlan | undefined {
  const [, , ow, oh, inverse, delta, order] = job;
  // The last answer, when asked again for the same matrix and size (a list of images, or single calls, under one
  // transformation): `ax` and `ay` follow from the matrix, and the plan's rows are this module's scratch, which only
  // this function writes.
  if (
    last.ow === ow &&
    last.oh === oh &&
    last.delta === delta &&
    last.order === order &&
    last.inverse[0] === inverse[0] &&
    last.inverse[1] === inverse[1] &&
    last.inverse[2] === inverse[2] &&
    last.inverse[3] === inverse[3] &&
    last.inverse[4] === inverse[4] &&
    last.inverse[5] === inverse[5]
  ) {
    return last.plan;
  }
  const plan = planRows(...job);
  last.ow = ow;
  last.oh = oh;
  last.delta = delta;
  last.order = order;
  last.inverse.set(inverse.subarray(0, 6));
  last.plan = plan;
  return plan;
}

// planShiftRows' last question and answer (NaN never equals, so nothing matches before the first call).
const last = {
  ow: -1,
  oh: -1,
  delta: 0,
  order: 0 as WarpOrder,
  inverse: new Float64Array(6).fill(Number.NaN),
  plan: undefined as ShiftPlan | undefined,
};

function planRows(
  ax: Int32Array,
  ay: Int32Array,
  ow: number,
  oh: number,
  inverse: Float64Array,
  delta: number,
  order: WarpOrder,
): ShiftPlan | undefined {
  for (let x = 0; x < ow; x++) if (ax[x] !== x * AB_SCALE || ay[x] !== 0) return undefined;
  const ib = inverse[1];
  const ic = inverse[2];
  const ie = inverse[4];
  const iff = inverse[5];
  const fracMask = order === 0 ? 0 : (INTER_TAB_SIZE - 1) << INTER_BITS;
  const rowX = scratch.i32(0, oh);
  const rowY = scratch.i32(1, oh);
  for (let y = 0; y < oh; y++) {
    const X0 = (cvRound((ib * y + ic) * AB_SCALE) + delta) | 0;
    const Y0 = (cvRound((ie * y + iff) * AB_SCALE) + delta) | 0;
    if ((X0 & fracMask) !== 0 || (Y0 & fracMask) !== 0) return undefined;
    rowX[y] = X0 >> AB_BITS;
    rowY[y] = Y0 >> AB_BITS;
    // OpenCV saturates source coordinates to int16; far-away shifts take the general path, which does the same.
    if (Math.abs(rowX[y]) + ow >= SHORT_MAX || Math.abs(rowY[y]) >= SHORT_MAX) return undefined;
  }
  let translation = true;
  for (let y = 1; y < oh && translation; y++) translation = rowX[y] === rowX[0] && rowY[y] === rowY[0] + y;
  return { rowX, rowY, translation };
}

const EMPTY_DV = new DataView(new ArrayBuffer(0));

/** Copies one image's rows as {@link planShiftRows} found them, with the border mode applied outside the image. */
export function shiftRows(src: Image, out: Image, mode: BorderMode, cval: number, plan: ShiftPlan): void {
  const ow = out.width;
  const oh = out.height;
  const { rowX, rowY } = plan;
  const sw = src.width;
  const sh = src.height;
  const cn = src.channels;
  const s = src.data;
  const d = out.data;
  if (mode === 'constant' && sw === ow && sh === oh && plan.translation) {
    shiftBlock(s, d, sw, sh, cn, rowX[0], rowY[0], cval);
    return;
  }
  // uint8 runs shorter than a `set` call is worth are copied in 32-bit words (a byte loop costs several times more
  // per byte); the views and offsets are looked up once per image.
  const words = s instanceof Uint8Array;
  const sv = words ? views.of(s, 0) : EMPTY_DV;
  const dv = words ? views.of(d as Uint8Array, 1) : EMPTY_DV;
  const sOff = words ? s.byteOffset : 0;
  const dOff = words ? d.byteOffset : 0;
  for (let y = 0; y < oh; y++) {
    const row = y * ow * cn;
    const sy = borderIndex(rowY[y], sh, mode);
    if (sy < 0) {
      fillRun(d, cval, row, row + ow * cn);
      continue;
    }
    const srcRow = sy * sw * cn;
    const sx0 = rowX[y];
    // Output columns [a, b) read source columns inside the image: one contiguous copy (a plain loop for short
    // rows, where making a subarray costs more than the copy).
    const a = Math.min(ow, Math.max(0, -sx0));
    const b = Math.max(a, Math.min(ow, sw - sx0));
    const from = srcRow + (sx0 + a) * cn;
    const to = row + a * cn;
    const len = (b - a) * cn;
    if (len > 128) {
      copySpan(d, to, s, from, len);
    } else if (words) {
      const w = len & ~3;
      for (let i = 0; i < w; i += 4) dv.setUint32(dOff + to + i, sv.getUint32(sOff + from + i, true), true);
      for (let i = w; i < len; i++) d[to + i] = s[from + i];
    } else {
      for (let i = 0; i < len; i++) d[to + i] = s[from + i];
    }
    if (mode === 'constant') {
      if (a > 0) fillRun(d, cval, row, row + a * cn);
      if (b < ow) fillRun(d, cval, row + b * cn, row + ow * cn);
      continue;
    }
    for (let x = 0; x < ow; x++) {
      if (x === a) x = b;
      if (x >= ow) break;
      const sx = borderIndex(sx0 + x, sw, mode);
      const o = row + x * cn;
      for (let c = 0; c < cn; c++) d[o + c] = s[srcRow + sx * cn + c];
    }
  }
}

/**
 * A whole-pixel translation under the constant mode with the output the input's size: output (x, y) is input
 * (x + c, y + f), or cval outside. The rows that read the image are one contiguous span in both buffers (same
 * stride), so they move with one `set`; that copy also carries |c| pixels of the neighbouring source row between
 * consecutive rows, which are then filled with cval. (wasm/warp.c's shift_image does the same.)
 */
function shiftBlock(
  s: PixelArray,
  d: PixelArray,
  w: number,
  h: number,
  cn: number,
  c: number,
  f: number,
  cval: number,
) {
  const stride = w * cn;
  const y0 = Math.max(0, -f);
  const y1 = Math.min(h, h - f);
  const a = Math.min(w, Math.max(0, -c));
  const b = Math.max(a, Math.min(w, w - c));
  if (y0 >= y1 || a >= b) {
    fillRun(d, cval, 0, h * stride);
    return;
  }
  fillRun(d, cval, 0, y0 * stride);
  fillRun(d, cval, y1 * stride, h * stride);
  const from = (y0 + f) * stride + (a + c) * cn;
  copySpan(d, y0 * stride + a * cn, s, from, (y1 - y0 - 1) * stride + (b - a) * cn);
  const edge = (a + w - b) * cn;
  if (edge === 0) return;
  const at = a > 0 ? 0 : b * cn;
  for (let y = y0, r = y0 * stride + at; y < y1; y++, r += stride) fillRun(d, cval, r, r + edge);
}

/** DataViews over whole buffers (0: source, 1: output), kept while the buffer repeats (a batch's images share one). */
class ViewCache {
  private readonly buffers: (ArrayBufferLike | undefined)[] = [undefined, undefined];
  private readonly views: DataView<ArrayBufferLike>[] = [EMPTY_DV, EMPTY_DV];

  of(a: Uint8Array, which: 0 | 1): DataView<ArrayBufferLike> {
    if (a.buffer !== this.buffers[which]) {
      this.buffers[which] = a.buffer;
      this.views[which] = new DataView(a.buffer);
    }
    return this.views[which];
  }
}

const views = new ViewCache();
