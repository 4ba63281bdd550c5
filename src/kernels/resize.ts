import type { Image } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { resizeAreaShrink } from './resize-area.ts';
import { resizeCubic } from './resize-cubic.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';
import { halveU8Wasm, resizeLinearU8Wasm } from './wasm/resize.ts';

/** Interpolation for resizing: OpenCV's INTER_NEAREST, INTER_LINEAR, INTER_AREA and INTER_CUBIC. */
export type ResizeInterpolation = 'nearest' | 'linear' | 'area' | 'cubic';

const COEF_BITS = 11;
const COEF_SCALE = 1 << COEF_BITS;

/**
 * Resizes `src` into `out` (whose height and width give the new size; same channels and dtype).
 *
 * uint8 gives cv2.resize's bytes (OpenCV 4.6, what imgaug 0.4.0 calls). 'nearest' picks `floor(dst · src/dst)`
 * with no half-pixel offset. 'linear' uses half-pixel centres with 11-bit fixed-point weights, the horizontal pass
 * exact in integers and the vertical pass as OpenCV's SIMD code rounds it (`((r0 >> 4)·b0 >> 16) + ((r1 >> 4)·b1 >>
 * 16)`, then `(v + 2) >> 2`); rows above the first and below the last keep their weights and read the edge row (OpenCV
 * clamps columns but not rows), and an exact halving of both sides is OpenCV's area average, as OpenCV switches to
 * it. 'area' averages the covered source area when no side grows (resize-area.ts) and is bilinear with INTER_AREA's
 * positions when one does (see {@link resizeAuto}). 'cubic' is Keys' kernel (a = −0.75) in OpenCV's fixed point
 * (resize-cubic.ts). float32 uses the same positions with float weights, unclipped. uint8 'linear' and exact halving run in WebAssembly where available (wasm/resize.c, the same bytes as
 * the TypeScript loops, which stay the reference). `out` must not be `src`.
 */
export function resizeImage(src: Image, out: Image, interpolation: ResizeInterpolation): void {
  const { width: sw, height: sh, channels: cn } = src;
  const { width: dw, height: dh } = out;
  if (sw === dw && sh === dh) {
    out.data.set(src.data);
    return;
  }
  const grows = dh > sh || dw > sw;
  if (interpolation === 'nearest') resizeNearest(src, out);
  else if (interpolation === 'cubic') resizeCubic(src, out);
  else if (interpolation === 'area' ? !grows : sw === 2 * dw && sh === 2 * dh) {
    // OpenCV's fast 2 × 2 average for 1, 3 and 4 channels; every other shrink by area (resize-area.ts).
    if (src.data instanceof Uint8Array && sw === 2 * dw && sh === 2 * dh && (cn === 1 || cn === 3 || cn === 4)) {
      halveArea(src, out);
    } else resizeAreaShrink(src, out);
  } else resizeLinear(src, out, interpolation === 'area');
}

/**
 * Resizes `src` into `out` choosing the interpolation as imgaug 0.4.0 does when none is given
 * (`imresize_single_image(image, (h, w))`, `interpolation=None`): INTER_AREA when the height or the width grows,
 * INTER_LINEAR otherwise, a copy when the size is unchanged.
 *
 * With either side growing, OpenCV 4.x does not average areas but runs its bilinear kernel with INTER_AREA's
 * source positions on both axes (a side that shrinks is sampled that way too): a destination pixel reads source
 * pixel `floor(d · src/dst)` and blends in the next one only where it straddles that pixel's right edge, so an
 * integer factor repeats pixels like 'nearest', and 2 → 5 gives `a a (a+b)/2 b b`. uint8 uses the 11-bit weights
 * and rounding of 'linear' (see {@link resizeImage}); float32 uses float weights, unclipped. When no side grows
 * this is `resizeImage(src, out, 'linear')`, exact halving included. `out` must not be `src`.
 *
 * @example resizeAuto(image, { data: new Uint8Array(4 * 5 * 3), height: 4, width: 5, channels: 3 }) // 2×2×3 → 4×5
 */
export function resizeAuto(src: Image, out: Image): void {
  resizeImage(src, out, out.height > src.height || out.width > src.width ? 'area' : 'linear');
}

// Per-call buffers, reused (every one is written before it is read): so a resize allocates nothing per call. Slots:
// 0 nearest's columns, 1–2 linear's two rows.
const scratch = new Scratch();

function resizeNearest(src: Image, out: Image): void {
  const { width: sw, height: sh, channels: cn } = src;
  const { width: dw, height: dh } = out;
  const fx = 1 / (dw / sw);
  const fy = 1 / (dh / sh);
  const xs = scratch.i32(0, dw);
  for (let x = 0; x < dw; x++) xs[x] = Math.min(Math.floor(x * fx), sw - 1) * cn;
  const s = src.data;
  const d = out.data;
  for (let y = 0; y < dh; y++) {
    const sy = Math.min(Math.floor(y * fy), sh - 1);
    const srow = sy * sw * cn;
    let o = y * dw * cn;
    for (let x = 0; x < dw; x++) {
      const i = srow + xs[x];
      for (let c = 0; c < cn; c++) d[o++] = s[i + c];
    }
  }
}

/** Area resizing of a uint8 image to half its size: the mean of each 2×2 block, rounded. */
const halveArea = defineKernel({
  name: 'halveArea',
  reference: halveAreaLoop,
  wasm: (src: Image, out: Image) =>
    halveU8Wasm(src.data as Uint8Array, out.data as Uint8Array, src.width, src.height, src.channels),
});

function halveAreaLoop(src: Image, out: Image): void {
  const { width: sw, channels: cn } = src;
  const { width: dw, height: dh } = out;
  const s = src.data;
  const d = out.data;
  const stride = sw * cn;
  if (cn === 3 || cn === 1) {
    // Monomorphic loops for RGB and gray: one output row walks both source rows with running offsets.
    const rowOut = dw * cn;
    const step = 2 * cn;
    for (let y = 0; y < dh; y++) {
      let i = 2 * y * stride;
      let j = i + stride;
      let o = y * rowOut;
      const end = o + rowOut;
      if (cn === 3) {
        for (; o < end; o += 3, i += step, j += step) {
          d[o] = (s[i] + s[i + 3] + s[j] + s[j + 3] + 2) >> 2;
          d[o + 1] = (s[i + 1] + s[i + 4] + s[j + 1] + s[j + 4] + 2) >> 2;
          d[o + 2] = (s[i + 2] + s[i + 5] + s[j + 2] + s[j + 5] + 2) >> 2;
        }
      } else {
        for (; o < end; o++, i += 2, j += 2) d[o] = (s[i] + s[i + 1] + s[j] + s[j + 1] + 2) >> 2;
      }
    }
    return;
  }
  for (let y = 0; y < dh; y++) {
    const r0 = 2 * y * stride;
    const r1 = r0 + stride;
    let o = y * dw * cn;
    for (let x = 0; x < dw; x++) {
      const i = 2 * x * cn;
      for (let c = 0; c < cn; c++) {
        d[o++] = (s[r0 + i + c] + s[r0 + i + cn + c] + s[r1 + i + c] + s[r1 + i + cn + c] + 2) >> 2;
      }
    }
  }
}

/**
 * OpenCV's linear source positions and 11-bit weights along one axis. `area` selects the positions OpenCV's
 * INTER_AREA falls back to when a side grows (resize.cpp, generic path, `area_mode`) instead of half-pixel
 * centres: source pixel `floor(d · ssize/dsize)`, and as fraction how far the destination pixel's right edge lies
 * past that source pixel's right edge, in destination pixels (0 if it does not). OpenCV keeps only the fraction's
 * fractional part, which matters where rounding makes it exactly 1: the fraction then reads 0, not the next pixel.
 */
interface Axis {
  readonly ofs: Int32Array;
  /** The second source pixel (row): `ofs + 1` within the image, else the edge. */
  readonly ofs1: Int32Array;
  readonly w0: Int32Array;
  readonly w1: Int32Array;
  readonly f: Float64Array;
}

/** Axes computed lately, by (ssize, dsize, area, rows): a batch resizes many images between few sizes. Read-only. */
const axisCache = new Map<number, Axis>();

/**
 * One axis's positions and weights; `rows` for the vertical axis, where OpenCV keeps a position outside the image
 * with its weights and reads the edge row for both taps (columns are clamped to the edge pixel with weight 0).
 */
function linearAxis(ssize: number, dsize: number, area: boolean, rows = false): Axis {
  const key = ((ssize * 65536 + dsize) * 2 + (area ? 1 : 0)) * 2 + (rows ? 1 : 0);
  let axis = axisCache.get(key);
  if (axis === undefined) {
    if (axisCache.size >= 64) axisCache.clear();
    axis = computeLinearAxis(ssize, dsize, area, rows);
    axisCache.set(key, axis);
  }
  return axis;
}

function computeLinearAxis(ssize: number, dsize: number, area: boolean, rows: boolean): Axis {
  // OpenCV's scale is 1 / (dsize / ssize), which can differ from ssize / dsize in the last bit.
  const scale = 1 / (dsize / ssize);
  // OpenCV's area_mode uses inv_scale = dsize/ssize and scale = 1/inv_scale, which can differ from ssize/dsize in
  // the last bit, enough to move a floor (6 → 34 at d = 17); its fraction is rounded to float before the floor.
  const invScale = dsize / ssize;
  const areaScale = 1 / invScale;
  const ofs = new Int32Array(dsize);
  const ofs1 = new Int32Array(dsize);
  const w0 = new Int32Array(dsize);
  const w1 = new Int32Array(dsize);
  const f = new Float64Array(dsize);
  for (let d = 0; d < dsize; d++) {
    let fx: number;
    let sx: number;
    if (area) {
      sx = Math.floor(d * areaScale);
      fx = Math.fround(d + 1 - (sx + 1) * invScale);
      fx = fx <= 0 ? 0 : fx - Math.floor(fx);
    } else {
      fx = Math.fround((d + 0.5) * scale - 0.5);
      sx = Math.floor(fx);
      fx = Math.fround(fx - sx);
    }
    if (rows) {
      ofs[d] = Math.min(Math.max(sx, 0), ssize - 1);
      ofs1[d] = Math.min(Math.max(sx + 1, 0), ssize - 1);
    } else {
      if (sx < 0) {
        fx = 0;
        sx = 0;
      }
      if (sx >= ssize - 1) {
        fx = 0;
        sx = ssize - 1;
      }
      ofs[d] = sx;
      ofs1[d] = Math.min(sx + 1, ssize - 1);
    }
    f[d] = fx;
    w0[d] = roundHalfEven(Math.fround(1 - fx) * COEF_SCALE);
    w1[d] = roundHalfEven(fx * COEF_SCALE);
  }
  return { ofs, ofs1, w0, w1, f };
}

/** Bilinear resizing (with `area`, INTER_AREA's upscaling, which is bilinear with other weights). */
const resizeLinear = defineKernel({
  name: 'resizeLinear',
  reference: resizeLinearLoop,
  wasm: (src: Image, out: Image, area: boolean) =>
    resizeLinearU8Wasm(
      src.data as Uint8Array,
      out.data as Uint8Array,
      src.width,
      src.height,
      src.channels,
      linearAxis(src.width, out.width, area),
      linearAxis(src.height, out.height, area, true),
    ),
  when: (src) => src.data instanceof Uint8Array,
  condition: 'uint8',
});

function resizeLinearLoop(src: Image, out: Image, area: boolean): void {
  const { width: sw, height: sh, channels: cn } = src;
  const { width: dw, height: dh } = out;
  const ax = linearAxis(sw, dw, area);
  const ay = linearAxis(sh, dh, area, true);
  const s = src.data;
  const d = out.data;
  const rowLen = dw * cn;
  if (s instanceof Uint8Array) {
    // Horizontal pass per source row needed, kept for the two rows a destination row reads.
    const r0 = scratch.i32(1, rowLen);
    const r1 = scratch.i32(2, rowLen);
    const hresize = (sy: number, row: Int32Array) => {
      const base = sy * sw * cn;
      for (let x = 0; x < dw; x++) {
        const i = base + ax.ofs[x] * cn;
        const a0 = ax.w0[x];
        const a1 = ax.w1[x];
        const next = ax.ofs[x] < sw - 1 ? cn : 0;
        for (let c = 0; c < cn; c++) {
          row[x * cn + c] = a1 === 0 ? s[i + c] * COEF_SCALE : s[i + c] * a0 + s[i + next + c] * a1;
        }
      }
    };
    let have0 = -1;
    let have1 = -1;
    for (let y = 0; y < dh; y++) {
      const sy = ay.ofs[y];
      const sy1 = ay.ofs1[y];
      if (have0 !== sy) {
        if (have1 === sy) r0.set(r1);
        else hresize(sy, r0);
        have0 = sy;
      }
      if (have1 !== sy1) {
        hresize(sy1, r1);
        have1 = sy1;
      }
      const b0 = ay.w0[y];
      const b1 = ay.w1[y];
      const o = y * rowLen;
      // OpenCV's SIMD vertical pass, which drops low bits before multiplying (IMGAUG_CONVENTIONS.md).
      for (let k = 0; k < rowLen; k++) {
        const v = ((((r0[k] >> 4) * b0) >> 16) + (((r1[k] >> 4) * b1) >> 16) + 2) >> 2;
        d[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
    return;
  }
  for (let y = 0; y < dh; y++) {
    const sy = ay.ofs[y];
    const sy1 = ay.ofs1[y];
    const fy = ay.f[y];
    for (let x = 0; x < dw; x++) {
      const sx = ax.ofs[x];
      const sx1 = Math.min(sx + 1, sw - 1);
      const fx = ax.f[x];
      for (let c = 0; c < cn; c++) {
        const p00 = s[(sy * sw + sx) * cn + c];
        const p01 = s[(sy * sw + sx1) * cn + c];
        const p10 = s[(sy1 * sw + sx) * cn + c];
        const p11 = s[(sy1 * sw + sx1) * cn + c];
        d[(y * dw + x) * cn + c] = (p00 * (1 - fx) + p01 * fx) * (1 - fy) + (p10 * (1 - fx) + p11 * fx) * fy;
      }
    }
  }
}
