/**
 * OpenCV's fixed-point arithmetic for warps (imgwarp.cpp): the constants, its rounding, and the 1/32-pixel
 * interpolation weight tables, built once as initInterTab2D builds them.
 */

// Coordinates in 1/1024 pixel, interpolation tables in 1/32 pixel, table weights in 1/32768.
export const AB_BITS = 10;
export const AB_SCALE = 1 << AB_BITS;
export const INTER_BITS = 5;
export const INTER_TAB_SIZE = 1 << INTER_BITS;
const INTER_TAB_SIZE2 = INTER_TAB_SIZE * INTER_TAB_SIZE;
const COEF_SCALE = 1 << 15;
export const COEF_ROUND = 1 << 14;
export const SHORT_MAX = 32767;

/** cvRound on x86-64: round half to even; out of int32 range (or NaN) gives INT_MIN, as `cvtsd2si` does. */
export function cvRound(v: number): number {
  if (!(v >= -2147483648.5 && v < 2147483647.5)) return -2147483648;
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return r;
}

/** saturate_cast<uchar>(double): cval of a uint8 image, rounded half to even and clipped to 0–255. */
export function saturateU8(v: number): number {
  return Math.min(255, Math.max(0, cvRound(v)));
}

/** saturate_cast<short>: the warp stores integer source coordinates as int16. */
export function toShort(v: number): number {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

/** The 1/32-pixel weight tables: float weights and 15-bit integers, bilinear (4 per cell) and bicubic (16). */
export interface Tables {
  readonly linearI: Int32Array;
  readonly linearF: Float64Array;
  readonly cubicI: Int32Array;
  readonly cubicF: Float64Array;
}

// Built on first use (a bilinear or bicubic warp), then constant.
let tables: Tables | undefined;

function cubicCoeffs(x: number, out: Float64Array, at: number): void {
  // OpenCV's interpolateCubic with A = -0.75, evaluated in float32 step by step.
  const f = Math.fround;
  const A = -0.75;
  const x1 = f(x + 1);
  let t = f(f(A * x1) - 5 * A);
  t = f(f(t * x1) + 8 * A);
  const c0 = f(f(t * x1) - 4 * A);
  t = f(f((A + 2) * x) - (A + 3));
  const c1 = f(f(f(t * x) * x) + 1);
  const y = f(1 - x);
  t = f(f((A + 2) * y) - (A + 3));
  const c2 = f(f(f(t * y) * y) + 1);
  const c3 = f(f(f(1 - c0) - c1) - c2);
  out[at] = c0;
  out[at + 1] = c1;
  out[at + 2] = c2;
  out[at + 3] = c3;
}

function roundHalfEvenToShort(v: number): number {
  let r = Math.round(v);
  if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
  return toShort(r);
}

function build2D(ksize: number, oneD: Float64Array): { i: Int32Array; f: Float64Array } {
  const n = ksize * ksize;
  const itab = new Int32Array(INTER_TAB_SIZE2 * n);
  const ftab = new Float64Array(INTER_TAB_SIZE2 * n);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const base = (i * INTER_TAB_SIZE + j) * n;
      let isum = 0;
      for (let k1 = 0; k1 < ksize; k1++) {
        const vy = oneD[i * ksize + k1];
        for (let k2 = 0; k2 < ksize; k2++) {
          const v = Math.fround(vy * oneD[j * ksize + k2]);
          ftab[base + k1 * ksize + k2] = v;
          const w = roundHalfEvenToShort(v * COEF_SCALE);
          itab[base + k1 * ksize + k2] = w;
          isum += w;
        }
      }
      if (isum !== COEF_SCALE) {
        // OpenCV moves the rounding error onto the largest (or smallest) of the four entries starting at
        // (ksize/2, ksize/2). For ksize 2 that window runs past the cell into the next one, which is still all
        // zeros when this runs; reading `itab` before the next cell is filled reproduces that exactly.
        const diff = isum - COEF_SCALE;
        const h = ksize >> 1;
        let mk = base + h * ksize + h;
        let Mk = mk;
        for (let k1 = h; k1 < h + 2; k1++) {
          for (let k2 = h; k2 < h + 2; k2++) {
            const at = base + k1 * ksize + k2;
            const v = at < itab.length ? itab[at] : 0;
            if (v < itab[mk]) mk = at;
            else if (v > itab[Mk]) Mk = at;
          }
        }
        if (diff < 0) itab[Mk] -= diff;
        else itab[mk] -= diff;
      }
    }
  }
  return { i: itab, f: ftab };
}

/** OpenCV's bicubic uint8 weights: 16 per 1/32 × 1/32 cell (in 1/32768, summing to 32768), built once. */
export function cubicWeightsU8(): Int32Array {
  return getTables().cubicI;
}

export function getTables(): Tables {
  if (tables) return tables;
  const lin1 = new Float64Array(INTER_TAB_SIZE * 2);
  const cub1 = new Float64Array(INTER_TAB_SIZE * 4);
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    const x = i / INTER_TAB_SIZE;
    lin1[i * 2] = 1 - x;
    lin1[i * 2 + 1] = x;
    cubicCoeffs(x, cub1, i * 4);
  }
  const lin = build2D(2, lin1);
  const cub = build2D(4, cub1);
  tables = { linearI: lin.i, linearF: lin.f, cubicI: cub.i, cubicF: cub.f };
  return tables;
}
