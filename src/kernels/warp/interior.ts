/**
 * Interior row loops: output pixels whose taps all lie inside the source, so no border checks. One loop per order,
 * dtype and common channel count; uint8 bilinear is in batch.ts (a single image is a batch of one).
 */
import { pickInteriorBatch } from './batch.ts';
import type { RowJob, RowLoop } from './row-job.ts';
import { AB_BITS, COEF_ROUND, INTER_BITS } from './tables.ts';
import type { WarpOrder } from './validate.ts';

export function pickInterior(u8: boolean, order: WarpOrder, cn: number): RowLoop {
  if (order === 0) {
    if (cn === 1) return nearestC1;
    if (cn === 3) return nearestC3;
    if (cn === 4) return nearestC4;
    return nearestCn;
  }
  if (order === 1) {
    if (!u8) return cn === 1 ? linearFC1 : linearFCn;
    // One image is a batch of one: the same loops (and the WebAssembly kernel runs first where it is available).
    return pickInteriorBatch(cn);
  }
  if (u8 && cn === 1) return cubic8C1;
  if (u8 && cn === 3) return cubic8C3;
  return cubicCn;
}

// Nearest copies values, so one loop serves uint8 and float32 (each call site sees one array type per run).
function nearestC1(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, stride, ax, ay } = job;
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    d[o] = s[(Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + ((X0 + ax[x]) >> AB_BITS)) | 0];
  }
}

function nearestC3(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, stride, ax, ay } = job;
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const i = (Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + Math.imul((X0 + ax[x]) >> AB_BITS, 3)) | 0;
    d[o] = s[i];
    d[o + 1] = s[i + 1];
    d[o + 2] = s[i + 2];
  }
}

function nearestC4(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, stride, ax, ay } = job;
  let o = row + xl * 4;
  for (let x = xl; x < xr; x++, o += 4) {
    const i = (Math.imul((Y0 + ay[x]) >> AB_BITS, stride) + Math.imul((X0 + ax[x]) >> AB_BITS, 4)) | 0;
    d[o] = s[i];
    d[o + 1] = s[i + 1];
    d[o + 2] = s[i + 2];
    d[o + 3] = s[i + 3];
  }
}

function nearestCn(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, stride, cn, ax, ay } = job;
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++) {
    const i = ((Y0 + ay[x]) >> AB_BITS) * stride + ((X0 + ax[x]) >> AB_BITS) * cn;
    for (let k = 0; k < cn; k++) d[o++] = s[i + k];
  }
}

// Bilinear float32: OpenCV's float table (exact products of multiples of 1/32), summed in double.
function linearFC1(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, stride, wF, ax, ay } = job;
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const i = (Y >> INTER_BITS) * stride + (X >> INTER_BITS);
    d[o] = s[i] * wF[w] + s[i + 1] * wF[w + 1] + s[i + stride] * wF[w + 2] + s[i + stride + 1] * wF[w + 3];
  }
}

function linearFCn(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, cn, wF, ax, ay } = job;
  const s = job.s as Float32Array;
  const d = job.d as Float32Array;
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 2;
    const w0 = wF[w];
    const w1 = wF[w + 1];
    const w2 = wF[w + 2];
    const w3 = wF[w + 3];
    const i = (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * cn;
    const j = i + stride;
    for (let k = 0; k < cn; k++) {
      d[o + k] = s[i + k] * w0 + s[i + k + cn] * w1 + s[j + k] * w2 + s[j + k + cn] * w3;
    }
  }
}

// Bicubic uint8: 16 taps with OpenCV's 15-bit 2-D table (not separable after its rounding), then
// (sum + 16384) >> 15 clipped to 0–255.
function cubic8C1(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, wI, dv, ax, ay } = job;
  const d = job.d as Uint8Array;
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    let i = (Math.imul((Y >> INTER_BITS) - 1, stride) + (X >> INTER_BITS) - 1) | 0;
    let sum = 0;
    // Each row's four taps come in one 32-bit read.
    for (let k = w; k < w + 16; k += 4, i += stride) {
      const t = dv.getUint32(i, true);
      sum =
        (sum +
          Math.imul(t & 255, wI[k]) +
          Math.imul((t >> 8) & 255, wI[k + 1]) +
          Math.imul((t >> 16) & 255, wI[k + 2]) +
          Math.imul(t >>> 24, wI[k + 3])) |
        0;
    }
    const v = (sum + COEF_ROUND) >> 15;
    d[o] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

function cubic8C3(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, wI, dv, ax, ay } = job;
  const d = job.d as Uint8Array;
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    let i = (Math.imul((Y >> INTER_BITS) - 1, stride) + Math.imul((X >> INTER_BITS) - 1, 3)) | 0;
    let r = 0;
    let g = 0;
    let b = 0;
    // A row of four RGB taps is twelve bytes: three 32-bit reads, RGBR GBRG BRGB.
    for (let k = w; k < w + 16; k += 4, i += stride) {
      const u0 = dv.getUint32(i, true);
      const u1 = dv.getUint32(i + 4, true);
      const u2 = dv.getUint32(i + 8, true);
      const c0 = wI[k];
      const c1 = wI[k + 1];
      const c2 = wI[k + 2];
      const c3 = wI[k + 3];
      r =
        (r +
          Math.imul(u0 & 255, c0) +
          Math.imul(u0 >>> 24, c1) +
          Math.imul((u1 >> 16) & 255, c2) +
          Math.imul((u2 >> 8) & 255, c3)) |
        0;
      g =
        (g +
          Math.imul((u0 >> 8) & 255, c0) +
          Math.imul(u1 & 255, c1) +
          Math.imul(u1 >>> 24, c2) +
          Math.imul((u2 >> 16) & 255, c3)) |
        0;
      b =
        (b +
          Math.imul((u0 >> 16) & 255, c0) +
          Math.imul((u1 >> 8) & 255, c1) +
          Math.imul(u2 & 255, c2) +
          Math.imul(u2 >>> 24, c3)) |
        0;
    }
    r = (r + COEF_ROUND) >> 15;
    g = (g + COEF_ROUND) >> 15;
    b = (b + COEF_ROUND) >> 15;
    d[o] = r < 0 ? 0 : r > 255 ? 255 : r;
    d[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
    d[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
  }
}

// Bicubic, any channel count and either dtype (uint8 rounded and clipped as above, float32 summed in double): the
// rare layouts, where one loop over two array types costs less than a copy of it.
function cubicCn(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { s, d, u8, stride, cn, ax, ay } = job;
  const W: ArrayLike<number> = u8 ? job.wI : job.wF;
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const w = (((Y & 31) << INTER_BITS) | (X & 31)) << 4;
    const base = ((Y >> INTER_BITS) - 1) * stride + ((X >> INTER_BITS) - 1) * cn;
    for (let k = 0; k < cn; k++) {
      let sum = 0;
      for (let ky = 0, i = base + k, wk = w; ky < 4; ky++, i += stride) {
        sum += s[i] * W[wk] + s[i + cn] * W[wk + 1] + s[i + 2 * cn] * W[wk + 2] + s[i + 3 * cn] * W[wk + 3];
        wk += 4;
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
