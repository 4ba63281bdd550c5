/**
 * uint8 bilinear row loops, which visit every image of a batch per output pixel (warpAffineBatch; a single image is
 * a batch of one): each output pixel's coordinates, weights and tap offsets are computed once, then applied to all
 * `job.n` images (sources `job.size` elements apart, outputs `job.osize` apart).
 *
 * OpenCV's weights are (32−fy)(32−fx)·32 … in 1/32768 with (sum + 16384) >> 15, which equals (sum' + 512) >> 10 with
 * the weights divided by 32: a plain four-product sum, or factored as two horizontal blends (a, b) and a vertical
 * one, the same integer. The one table entry OpenCV adjusts (fx = fy = 0, weights 32767 and 1) gives the top-left
 * tap exactly, as this formula does. wasm/warp.c has the same loops.
 */
import { tap } from './border-axis.ts';
import type { RowJob, RowLoop } from './row-job.ts';
import { INTER_BITS, toShort } from './tables.ts';

export function pickInteriorBatch(cn: number): RowLoop {
  if (cn === 1) return linear8C1Batch;
  if (cn === 3) return linear8C3Batch;
  return linear8CnBatch;
}

function linear8C1Batch(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, dv, size, osize, ax, ay } = job;
  const d = job.d as Uint8Array;
  const span = job.n * osize;
  let o = row + xl;
  for (let x = xl; x < xr; x++, o++) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    const w11 = fx * fy;
    const w10 = (fy << 5) - w11;
    const w01 = (fx << 5) - w11;
    const w00 = 1024 - w01 - w10 - w11;
    let i = (Math.imul(Y >> INTER_BITS, stride) + (X >> INTER_BITS)) | 0;
    const end = o + span;
    for (let ok = o; ok < end; ok += osize, i += size) {
      const t = dv.getUint16(i, true);
      const u = dv.getUint16(i + stride, true);
      d[ok] = ((t & 255) * w00 + (t >> 8) * w01 + (u & 255) * w10 + (u >> 8) * w11 + 512) >> 10;
    }
  }
}

function linear8C3Batch(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, dv, size, osize, ax, ay } = job;
  const d = job.d as Uint8Array;
  const span = job.n * osize;
  let o = row + xl * 3;
  for (let x = xl; x < xr; x++, o += 3) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    // With the weights computed once per pixel for all images, the plain four-product sum (weights in 1/1024,
    // summing to 1024: the same integer as the factored form) costs fewer operations per value.
    const w11 = fx * fy;
    const w10 = (fy << 5) - w11;
    const w01 = (fx << 5) - w11;
    const w00 = 1024 - w01 - w10 - w11;
    let i = (Math.imul(Y >> INTER_BITS, stride) + Math.imul(X >> INTER_BITS, 3)) | 0;
    const end = o + span;
    for (let ok = o; ok < end; ok += osize, i += size) {
      const j = (i + stride) | 0;
      const t0 = dv.getUint32(i, true);
      const t1 = dv.getUint16(i + 4, true);
      const b0 = dv.getUint32(j, true);
      const b1 = dv.getUint16(j + 4, true);
      d[ok] = ((t0 & 255) * w00 + (t0 >>> 24) * w01 + (b0 & 255) * w10 + (b0 >>> 24) * w11 + 512) >> 10;
      d[ok + 1] = (((t0 >> 8) & 255) * w00 + (t1 & 255) * w01 + ((b0 >> 8) & 255) * w10 + (b1 & 255) * w11 + 512) >> 10;
      d[ok + 2] = (((t0 >> 16) & 255) * w00 + (t1 >> 8) * w01 + ((b0 >> 16) & 255) * w10 + (b1 >> 8) * w11 + 512) >> 10;
    }
  }
}

function linear8CnBatch(job: RowJob, row: number, X0: number, Y0: number, xl: number, xr: number): void {
  const { stride, cn, n, size, osize, ax, ay } = job;
  const s = job.s as Uint8Array;
  const d = job.d as Uint8Array;
  let o = row + xl * cn;
  for (let x = xl; x < xr; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const fx = X & 31;
    const fy = Y & 31;
    const i0 = (Y >> INTER_BITS) * stride + (X >> INTER_BITS) * cn;
    for (let k = 0; k < n; k++) {
      const i = i0 + k * size;
      const j = i + stride;
      const ok = o + k * osize;
      for (let c = 0; c < cn; c++) {
        const p = s[i + c];
        const q = s[j + c];
        const a = (p << 5) + fx * (s[i + c + cn] - p);
        const b = (q << 5) + fx * (s[j + c + cn] - q);
        d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
      }
    }
  }
}

/**
 * The border loop of uint8 bilinear, for a batch: cval stands in for the taps outside, and the border tables are
 * read inline, with coordinates beyond the tables (near-singular matrices) going through `tap`.
 */
export function borderLinear8Batch(job: RowJob, row: number, X0: number, Y0: number, x0: number, x1: number): void {
  const { cn, cval, n, size, osize, bx, by, ax, ay } = job;
  const s = job.s as Uint8Array;
  const d = job.d as Uint8Array;
  const tx = bx.table;
  const nx = bx.n - 1;
  const offX = bx.off;
  const ty = by.table;
  const ny = by.n - 1;
  const offY = by.off;
  let o = row + x0 * cn;
  for (let x = x0; x < x1; x++, o += cn) {
    const X = (X0 + ax[x]) >> INTER_BITS;
    const Y = (Y0 + ay[x]) >> INTER_BITS;
    const sx = toShort(X >> INTER_BITS);
    const sy = toShort(Y >> INTER_BITS);
    const fx = X & 31;
    const fy = Y & 31;
    const ix = sx + offX;
    const iy = sy + offY;
    let c0: number;
    let c1: number;
    let r0: number;
    let r1: number;
    if (ix >= 0 && ix < nx) {
      c0 = tx[ix];
      c1 = tx[ix + 1];
    } else {
      c0 = tap(bx, sx);
      c1 = tap(bx, sx + 1);
    }
    if (iy >= 0 && iy < ny) {
      r0 = ty[iy];
      r1 = ty[iy + 1];
    } else {
      r0 = tap(by, sy);
      r1 = tap(by, sy + 1);
    }
    const i00 = r0 < 0 || c0 < 0 ? -1 : r0 + c0;
    const i01 = r0 < 0 || c1 < 0 ? -1 : r0 + c1;
    const i10 = r1 < 0 || c0 < 0 ? -1 : r1 + c0;
    const i11 = r1 < 0 || c1 < 0 ? -1 : r1 + c1;
    if ((i00 | i01 | i10 | i11) >= 0) {
      // Every tap reads the image (always so outside constant mode): no cval checks per value.
      const end = o + n * osize;
      for (let ok = o, base = 0; ok < end; ok += osize, base += size) {
        for (let c = 0; c < cn; c++) {
          const v00 = s[base + i00 + c];
          const v01 = s[base + i01 + c];
          const v10 = s[base + i10 + c];
          const v11 = s[base + i11 + c];
          const a = (v00 << 5) + fx * (v01 - v00);
          const b = (v10 << 5) + fx * (v11 - v10);
          d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
        }
      }
      continue;
    }
    for (let k = 0, base = 0, ok = o; k < n; k++, base += size, ok += osize) {
      for (let c = 0; c < cn; c++) {
        const v00 = i00 < 0 ? cval : s[base + i00 + c];
        const v01 = i01 < 0 ? cval : s[base + i01 + c];
        const v10 = i10 < 0 ? cval : s[base + i10 + c];
        const v11 = i11 < 0 ? cval : s[base + i11 + c];
        const a = (v00 << 5) + fx * (v01 - v00);
        const b = (v10 << 5) + fx * (v11 - v10);
        d[ok + c] = ((a << 5) + fy * (b - a) + 512) >> 10;
      }
    }
  }
}
