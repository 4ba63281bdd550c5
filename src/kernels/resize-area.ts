// OpenCV 4.6's INTER_AREA when no side grows (resize.cpp: resizeAreaFast_ for whole-number factors, resizeArea_
// otherwise), the bytes cv2.resize gives uint8 images. A side that grows is resize.ts's business (OpenCV runs its
// bilinear kernel then).
import type { Image } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { type AreaTable, areaU8Wasm } from './wasm/resize.ts';

// Reused per call (kernels run synchronously): 0–2 the x table (source offset, destination offset, weight), 3–5 the
// y table, 6–7 the row sums, 8 the fast path's offsets.
const scratch = new Scratch();

/**
 * The whole-number factor `ssize / dsize` when OpenCV takes its fast area path for this axis (`scale` within
 * DBL_EPSILON of an integer, with OpenCV's `scale = 1 / (dsize / ssize)`), else 0.
 */
export function areaFactor(ssize: number, dsize: number): number {
  const scale = 1 / (dsize / ssize);
  const k = Math.round(scale);
  return Math.abs(scale - k) < Number.EPSILON ? k : 0;
}

/**
 * Shrinks `src` into `out` (neither side larger than `src`'s) by averaging the source area under each destination
 * pixel, as cv2.resize with INTER_AREA does. Whole-number factors on both axes sum each block in integers and
 * multiply by the float32 `1 / area` (a 2 × 2 block of 1, 3 or 4 channels: `(a + b + c + d + 2) >> 2`, OpenCV's
 * vector path); other factors weigh the source pixels a destination pixel covers, in float32 and in OpenCV's order
 * (a row's columns first, then the rows). uint8 rounds half to even and clips; float32 is not rounded and sums in
 * double (within float32 rounding of OpenCV). `out` must not be `src`.
 */
export function resizeAreaShrink(src: Image, out: Image): void {
  const fx = areaFactor(src.width, out.width);
  const fy = areaFactor(src.height, out.height);
  if (fx > 0 && fy > 0) areaFast(src, out, fx, fy);
  else areaWeighted(src, out);
}

function areaFast(src: Image, out: Image, fx: number, fy: number): void {
  const { width: sw, channels: cn } = src;
  const { width: dw, height: dh } = out;
  const s = src.data;
  const d = out.data;
  const stride = sw * cn;
  const rowLen = dw * cn;
  const area = fx * fy;
  // The block's offsets from its top-left value, row by row as OpenCV lists them.
  const ofs = scratch.i32(8, area);
  for (let y = 0, k = 0; y < fy; y++) for (let x = 0; x < fx; x++) ofs[k++] = y * stride + x * cn;
  const u8 = s instanceof Uint8Array;
  const shift = u8 && area === 4 && (cn === 1 || cn === 3 || cn === 4);
  const scale = Math.fround(1 / area);
  for (let y = 0; y < dh; y++) {
    const row = y * fy * stride;
    let o = y * rowLen;
    for (let x = 0; x < dw; x++) {
      for (let c = 0; c < cn; c++) {
        const base = row + x * fx * cn + c;
        let sum = 0;
        for (let k = 0; k < area; k++) sum += s[base + ofs[k]];
        if (!u8) d[o++] = sum / area;
        else if (shift) d[o++] = (sum + 2) >> 2;
        else {
          const v = roundHalfEven(Math.fround(sum * scale));
          d[o++] = v > 255 ? 255 : v;
        }
      }
    }
  }
}

/** computeResizeAreaTab: for each destination pixel the source pixels it covers and their float32 weights. */
function areaTable(
  ssize: number,
  dsize: number,
  slot: number,
): { si: Int32Array; di: Int32Array; alpha: Float32Array; n: number } {
  const scale = 1 / (dsize / ssize);
  const cap = 2 * ssize + 2;
  const si = scratch.i32(slot, cap);
  const di = scratch.i32(slot + 1, cap);
  const alpha = scratch.f32(slot + 2, cap);
  let n = 0;
  for (let dx = 0; dx < dsize; dx++) {
    const fsx1 = dx * scale;
    const fsx2 = fsx1 + scale;
    const cellWidth = Math.min(scale, ssize - fsx1);
    let sx2 = Math.floor(fsx2);
    sx2 = Math.min(sx2, ssize - 1);
    const sx1 = Math.min(Math.ceil(fsx1), sx2);
    if (sx1 - fsx1 > 1e-3) {
      di[n] = dx;
      si[n] = sx1 - 1;
      alpha[n++] = (sx1 - fsx1) / cellWidth;
    }
    for (let sx = sx1; sx < sx2; sx++) {
      di[n] = dx;
      si[n] = sx;
      alpha[n++] = 1 / cellWidth;
    }
    if (fsx2 - sx2 > 1e-3) {
      di[n] = dx;
      si[n] = sx2;
      alpha[n++] = Math.min(Math.min(fsx2 - sx2, 1), cellWidth) / cellWidth;
    }
  }
  return { si, di, alpha, n };
}

/** The weighted area shrink; uint8 images run in WebAssembly where available (wasm/resize.c, the same bytes). */
const areaWeighted = defineKernel({
  name: 'resizeArea',
  reference: (src: Image, out: Image) =>
    areaWeightedLoop(src, out, areaTable(src.width, out.width, 0), areaTable(src.height, out.height, 3)),
  wasm: (src: Image, out: Image) =>
    areaU8Wasm(
      src.data as Uint8Array,
      out.data as Uint8Array,
      src.width,
      src.channels,
      out.width,
      areaTable(src.width, out.width, 0),
      areaTable(src.height, out.height, 3),
    ),
  when: (src) => src.data instanceof Uint8Array,
  condition: 'uint8',
});

function areaWeightedLoop(src: Image, out: Image, xt: AreaTable, yt: AreaTable): void {
  const { width: sw, channels: cn } = src;
  const { width: dw } = out;
  const rowLen = dw * cn;
  const buf = scratch.f64(6, rowLen);
  const sum = scratch.f64(7, rowLen);
  // Source rows are weighed into `buf` (columns), then into `sum` (rows); a destination row is written when the next
  // one starts. uint8 keeps every product and sum in float32, as OpenCV's float accumulators do.
  const u8 = src.data instanceof Uint8Array;
  sum.fill(0);
  let prev = yt.di[0];
  for (let j = 0; j < yt.n; j++) {
    const dy = yt.di[j];
    const row = yt.si[j] * sw * cn;
    if (u8) weighRowU8(src.data as Uint8Array, row, xt, cn, buf);
    else weighRowF32(src.data as Float32Array, row, xt, cn, buf);
    const beta = yt.alpha[j];
    if (dy !== prev) {
      writeRow(sum, out, prev * rowLen, u8);
      if (u8) for (let i = 0; i < rowLen; i++) sum[i] = Math.fround(beta * buf[i]);
      else for (let i = 0; i < rowLen; i++) sum[i] = beta * buf[i];
      prev = dy;
    } else if (u8) {
      for (let i = 0; i < rowLen; i++) sum[i] = Math.fround(sum[i] + Math.fround(beta * buf[i]));
    } else {
      for (let i = 0; i < rowLen; i++) sum[i] += beta * buf[i];
    }
  }
  writeRow(sum, out, prev * rowLen, u8);
}

/** One source row's columns weighed into `buf` in float32, in the table's order. */
function weighRowU8(s: Uint8Array, row: number, xt: AreaTable, cn: number, buf: Float64Array): void {
  buf.fill(0);
  const { si, di, alpha, n } = xt;
  if (cn === 3) {
    for (let k = 0; k < n; k++) {
      const a = alpha[k];
      const i = row + si[k] * 3;
      const o = di[k] * 3;
      buf[o] = Math.fround(buf[o] + Math.fround(s[i] * a));
      buf[o + 1] = Math.fround(buf[o + 1] + Math.fround(s[i + 1] * a));
      buf[o + 2] = Math.fround(buf[o + 2] + Math.fround(s[i + 2] * a));
    }
    return;
  }
  for (let k = 0; k < n; k++) {
    const a = alpha[k];
    const i = row + si[k] * cn;
    const o = di[k] * cn;
    for (let c = 0; c < cn; c++) buf[o + c] = Math.fround(buf[o + c] + Math.fround(s[i + c] * a));
  }
}

function weighRowF32(s: Float32Array, row: number, xt: AreaTable, cn: number, buf: Float64Array): void {
  buf.fill(0);
  const { si, di, alpha, n } = xt;
  for (let k = 0; k < n; k++) {
    const a = alpha[k];
    const i = row + si[k] * cn;
    const o = di[k] * cn;
    for (let c = 0; c < cn; c++) buf[o + c] += s[i + c] * a;
  }
}

/** A destination row from the sums: uint8 rounded half to even and clipped, float32 as it is. */
function writeRow(sum: Float64Array, out: Image, at: number, u8: boolean): void {
  const d = out.data;
  const n = sum.length;
  if (!u8) {
    for (let i = 0; i < n; i++) d[at + i] = sum[i];
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(sum[i]);
    d[at + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
