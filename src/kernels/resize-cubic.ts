// OpenCV 4.6's INTER_CUBIC (resize.cpp: resizeGeneric_ with HResizeCubic and VResizeCubic), the bytes cv2.resize
// gives uint8 images; float32 images get Keys' kernel in double precision.
import type { Image } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { Scratch } from './scratch.ts';

// Reused per call (every one is written before it is read): 0–1 the column taps and weights, 2–3 the row taps and
// weights, 4 uint8's four cached horizontal rows or float32's four tap rows.
const scratch = new Scratch();
const keys = new Float64Array(4);
const have = new Int32Array(4);
const at = new Int32Array(4);
const fround = Math.fround;

/** Keys' cubic weights (a = −0.75, OpenCV's) for a fraction t in [0, 1), in double precision. */
function cubicWeights(t: number, w: Float64Array): void {
  const A = -0.75;
  w[0] = ((A * (t + 1) - 5 * A) * (t + 1) + 8 * A) * (t + 1) - 4 * A;
  w[1] = ((A + 2) * t - (A + 3)) * t * t + 1;
  w[2] = ((A + 2) * (1 - t) - (A + 3)) * (1 - t) * (1 - t) + 1;
  w[3] = 1 - w[0] - w[1] - w[2];
}

/**
 * OpenCV's interpolateCubic in float32 (every operation rounded to float), scaled to its 11-bit fixed point
 * (`saturate_cast<short>(c · 2048)`: half to even) into `w[at…at+3]`.
 */
function cubicWeightsFixed(t: number, w: Int32Array, at: number): void {
  const A = -0.75;
  const t1 = fround(t + 1);
  const u = fround(1 - t);
  const c0 = fround(fround(fround(fround(fround(fround(A * t1) - -3.75) * t1) + -6) * t1) - -3);
  const c1 = fround(fround(fround(fround(fround(fround(1.25 * t) - 2.25) * t) * t) + 1));
  const c2 = fround(fround(fround(fround(fround(1.25 * u) - 2.25) * u) * u) + 1);
  const c3 = fround(fround(fround(1 - c0) - c1) - c2);
  w[at] = roundHalfEven(c0 * 2048);
  w[at + 1] = roundHalfEven(c1 * 2048);
  w[at + 2] = roundHalfEven(c2 * 2048);
  w[at + 3] = roundHalfEven(c3 * 2048);
}

/**
 * One axis's taps (the four source pixels, clamped to the image: OpenCV's replicated border) and weights: 11-bit
 * integers for uint8 (`fixed`), Keys' double weights otherwise. Positions are OpenCV's half-pixel centres, the
 * fraction in float32 (`(float)((d + 0.5) · scale − 0.5)` with `scale = 1 / (dsize / ssize)`).
 */
function cubicAxis(ssize: number, dsize: number, slot: number, fixed: boolean) {
  const idx = scratch.i32(slot, dsize * 4);
  const wi = scratch.i32(slot + 1, fixed ? dsize * 4 : 0);
  const wf = scratch.f64(slot + 1, fixed ? 0 : dsize * 4);
  const scale = 1 / (dsize / ssize);
  for (let i = 0; i < dsize; i++) {
    const f = fixed ? fround((i + 0.5) * scale - 0.5) : (i + 0.5) * (ssize / dsize) - 0.5;
    const base = Math.floor(f);
    if (fixed) cubicWeightsFixed(fround(f - base), wi, i * 4);
    else {
      cubicWeights(f - base, keys);
      for (let k = 0; k < 4; k++) wf[i * 4 + k] = keys[k];
    }
    for (let k = 0; k < 4; k++) idx[i * 4 + k] = Math.min(ssize - 1, Math.max(0, base - 1 + k));
  }
  return { idx, wi, wf };
}

/**
 * Resizes `src` into `out` with OpenCV's bicubic kernel (Keys, a = −0.75); `out` must not be `src`.
 *
 * uint8 gives cv2.resize's bytes: 11-bit weights from float32 Keys coefficients, a horizontal pass exact in
 * integers, and the vertical pass of OpenCV's SSE2 build, which differs by position in the row: each run of 8
 * values (`v_int16::nlanes`) from the row's start is weighed in float32 (`S0·b0 + (S1·b1 + (S2·b2 + S3·b3))` with
 * `b = β / 2²²`, rounded half to even), and the 0–7 values left at the end of the row in integers
 * (`(Σ S·β + 2²¹) >> 22`); both clipped to 0–255. float32 uses Keys' weights in double precision, unclipped.
 */
export function resizeCubic(src: Image, out: Image): void {
  const { width: sw, height: sh, channels: cn } = src;
  const { width: dw, height: dh } = out;
  const s = src.data;
  const d = out.data;
  const u8 = s instanceof Uint8Array;
  const X = cubicAxis(sw, dw, 0, u8);
  const Y = cubicAxis(sh, dh, 2, u8);
  const rowLen = dw * cn;
  if (!u8) {
    const tmp = scratch.f64(4, 4 * rowLen);
    for (let y = 0; y < dh; y++) {
      for (let k = 0; k < 4; k++) {
        const row = Y.idx[y * 4 + k] * sw * cn;
        for (let x = 0; x < dw; x++) {
          for (let c = 0; c < cn; c++) {
            let acc = 0;
            for (let j = 0; j < 4; j++) acc += s[row + X.idx[x * 4 + j] * cn + c] * X.wf[x * 4 + j];
            tmp[(k * dw + x) * cn + c] = acc;
          }
        }
      }
      const o = y * rowLen;
      for (let i = 0; i < rowLen; i++) {
        let v = 0;
        for (let k = 0; k < 4; k++) v += tmp[k * rowLen + i] * Y.wf[y * 4 + k];
        d[o + i] = v;
      }
    }
    return;
  }
  // Four cached horizontal rows (OpenCV's ring of rows): slot k holds source row have[k].
  const rows = scratch.i32(4, 4 * rowLen);
  have.fill(-1);
  const vec = rowLen & ~7;
  for (let y = 0; y < dh; y++) {
    const taps = y * 4;
    for (let k = 0; k < 4; k++) {
      const sy = Y.idx[taps + k];
      let slot = have.indexOf(sy);
      if (slot < 0) {
        // A slot whose row none of this output row's taps reads.
        slot = 0;
        while (have[slot] >= 0 && reads(Y.idx, taps, have[slot])) slot++;
        hresizeCubic(s, sy * sw * cn, rows, slot * rowLen, X.idx, X.wi, dw, cn);
        have[slot] = sy;
      }
      at[k] = slot * rowLen;
    }
    vresizeCubic(rows, Y.wi, taps, d as Uint8Array, y * rowLen, vec, rowLen);
  }
}

/** True when one of the four taps from `taps` on is source row `row`. */
function reads(idx: Int32Array, taps: number, row: number): boolean {
  return idx[taps] === row || idx[taps + 1] === row || idx[taps + 2] === row || idx[taps + 3] === row;
}

/** One source row's horizontal pass: `Σ S·α` per output value, in integers. */
function hresizeCubic(
  s: ArrayLike<number>,
  base: number,
  row: Int32Array,
  at: number,
  idx: Int32Array,
  w: Int32Array,
  dw: number,
  cn: number,
): void {
  for (let x = 0; x < dw; x++) {
    const i = x * 4;
    const p0 = base + idx[i] * cn;
    const p1 = base + idx[i + 1] * cn;
    const p2 = base + idx[i + 2] * cn;
    const p3 = base + idx[i + 3] * cn;
    for (let c = 0; c < cn; c++) {
      row[at + x * cn + c] = s[p0 + c] * w[i] + s[p1 + c] * w[i + 1] + s[p2 + c] * w[i + 2] + s[p3 + c] * w[i + 3];
    }
  }
}

/**
 * The vertical pass of one output row, weights `w[taps…taps+3]` on the cached rows at `at`: float32 on the first `vec`
 * values, integers on the rest (see resizeCubic).
 */
function vresizeCubic(
  rows: Int32Array,
  w: Int32Array,
  taps: number,
  d: Uint8Array,
  o: number,
  vec: number,
  rowLen: number,
): void {
  const a0 = at[0];
  const a1 = at[1];
  const a2 = at[2];
  const a3 = at[3];
  const b0 = w[taps];
  const b1 = w[taps + 1];
  const b2 = w[taps + 2];
  const b3 = w[taps + 3];
  // β / 2²² is exact in float32; the int32 sums are below 2²⁴, so their float32 conversion is exact too.
  const f0 = b0 / 4194304;
  const f1 = b1 / 4194304;
  const f2 = b2 / 4194304;
  const f3 = b3 / 4194304;
  for (let k = 0; k < vec; k++) {
    const v = fround(
      fround(rows[a0 + k] * f0) +
        fround(fround(rows[a1 + k] * f1) + fround(fround(rows[a2 + k] * f2) + fround(rows[a3 + k] * f3))),
    );
    const r = roundHalfEven(v);
    d[o + k] = r < 0 ? 0 : r > 255 ? 255 : r;
  }
  for (let k = vec; k < rowLen; k++) {
    const v = Math.floor(
      (rows[a0 + k] * b0 + rows[a1 + k] * b1 + rows[a2 + k] * b2 + rows[a3 + k] * b3 + 2097152) / 4194304,
    );
    d[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
