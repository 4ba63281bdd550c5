import { borderLinear8Batch } from './batch.ts';
/**
 * Border row loops: output pixels any of whose taps may lie outside the source. Integer source coordinates are first
 * saturated to int16 as OpenCV stores them; each tap's column and row offsets then come from the border tables
 * (`tap`), where -1 means the tap reads cval. uint8 bilinear has its own (batch.ts).
 */
import { tap } from './border-axis.ts';
import type { RowJob, RowLoop } from './row-job.ts';
import { AB_BITS, COEF_ROUND, INTER_BITS, toShort } from './tables.ts';
import type { WarpOrder } from './validate.ts';

export function pickBorder(u8: boolean, order: WarpOrder): RowLoop {
  if (order === 0) return borderNearest;
  if (order === 3) return borderCubic;
  return u8 ? borderLinear8Batch : borderLinearF;
}

function borderNearest(job: RowJob, row: number, X0: number, Y0: number, x0: number, x1: number): void {
  const { s, d, cn, cval, bx, by, ax, ay } = job;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const c = tap(bx, toShort((X0 + ax[x]) >> AB_BITS));
    const r = tap(by, toShort((Y0 + ay[x]) >> AB_BITS));
    if (c < 0 || r < 0) {
      for (let k = 0; k < cn; k++) d[o + k] = cval;
    } else {
      const i = r + c;
      for (let k = 0; k < cn; k++) d[o + k] = s[i + k];
    }
  }
}

// Bilinear float32 with OpenCV's float table.
function borderLinearF(job: RowJob, row: number, X0: number, Y0: number, x0: number, x1: number): void {
  const { s, d, cn, cval, wF, bx, by, ax, ay } = job;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS);
    const sy = toShort(Y >> INTER_BITS);
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const cx0 = tap(bx, sx);
    const cx1 = tap(bx, sx + 1);
    const cy0 = tap(by, sy);
    const cy1 = tap(by, sy + 1);
    const i00 = cy0 < 0 || cx0 < 0 ? -1 : cy0 + cx0;
    const i01 = cy0 < 0 || cx1 < 0 ? -1 : cy0 + cx1;
    const i10 = cy1 < 0 || cx0 < 0 ? -1 : cy1 + cx0;
    const i11 = cy1 < 0 || cx1 < 0 ? -1 : cy1 + cx1;
    const w0 = wF[w];
    const w1 = wF[w + 1];
    const w2 = wF[w + 2];
    const w3 = wF[w + 3];
    for (let k = 0; k < cn; k++) {
      const v0 = i00 < 0 ? cval : s[i00 + k];
      const v1 = i01 < 0 ? cval : s[i01 + k];
      const v2 = i10 < 0 ? cval : s[i10 + k];
      const v3 = i11 < 0 ? cval : s[i11 + k];
      d[o + k] = v0 * w0 + v1 * w1 + v2 * w2 + v3 * w3;
    }
  }
}

// Per-pixel tap offsets of the bicubic border path (4 columns, 4 rows), reused.
const cubicCols = new Int32Array(4);
const cubicRows = new Int32Array(4);

function borderCubic(job: RowJob, row: number, X0: number, Y0: number, x0: number, x1: number): void {
  const { s, d, cn, cval, u8, bx, by, ax, ay } = job;
  const W: ArrayLike<number> = u8 ? job.wI : job.wF;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS) - 1;
    const sy = toShort(Y >> INTER_BITS) - 1;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    for (let i = 0; i < 4; i++) {
      cubicCols[i] = tap(bx, sx + i);
      cubicRows[i] = tap(by, sy + i);
    }
    // OpenCV sums cval·1 + Σ (tap − cval)·weight over the taps inside: the same integer as Σ weight·tap with
    // cval outside, since the weights sum to one.
    for (let k = 0; k < cn; k++) {
      let sum = 0;
      for (let i = 0, wr = w; i < 4; i++, wr += 4) {
        const r = cubicRows[i];
        if (r < 0) {
          sum += cval * (W[wr] + W[wr + 1] + W[wr + 2] + W[wr + 3]);
          continue;
        }
        const c0 = cubicCols[0];
        const c1 = cubicCols[1];
        const c2 = cubicCols[2];
        const c3 = cubicCols[3];
        sum +=
          (c0 < 0 ? cval : s[r + c0 + k]) * W[wr] +
          (c1 < 0 ? cval : s[r + c1 + k]) * W[wr + 1] +
          (c2 < 0 ? cval : s[r + c2 + k]) * W[wr + 2] +
          (c3 < 0 ? cval : s[r + c3 + k]) * W[wr + 3];
      }
      if (u8) {
        const v = (sum + COEF_ROUND) >> 15;
        d[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
      } else {
        d[o + k] = sum;
      }
    }
  }
}
