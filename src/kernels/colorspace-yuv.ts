/**
 * RGB ↔ YCrCb and RGB ↔ YUV for uint8 pixels, as OpenCV 4.6's `cvtColor` computes them: integer arithmetic in
 * 1/16384 steps (`COLOR_RGB2YCrCb`, `COLOR_YCrCb2RGB`, `COLOR_RGB2YUV`, `COLOR_YUV2RGB`). Each function reads and
 * writes 3 interleaved channels per pixel; `dst` may be `src`.
 */

const SHIFT = 14;
const HALF = 1 << (SHIFT - 1);
const DELTA = 128 << SHIFT;
// Luma weights (0.299, 0.587, 0.114) and the chroma scales, in 1/16384.
const R2Y = 4899;
const G2Y = 9617;
const B2Y = 1868;

function clampU8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Y, then the red and blue differences scaled by `cr` and `cb`, written as Y, Cr, Cb (`crFirst`) or Y, Cb, Cr
 * (YUV's U is the blue difference).
 */
function fromRgb(src: Uint8Array, dst: Uint8Array, n: number, cr: number, cb: number, crFirst: boolean): void {
  const at = crFirst ? 1 : 2;
  for (let o = 0; o < 3 * n; o += 3) {
    const r = src[o];
    const b = src[o + 2];
    const y = (r * R2Y + src[o + 1] * G2Y + b * B2Y + HALF) >> SHIFT;
    dst[o] = y;
    dst[o + at] = clampU8(((r - y) * cr + DELTA + HALF) >> SHIFT);
    dst[o + 3 - at] = clampU8(((b - y) * cb + DELTA + HALF) >> SHIFT);
  }
}

/** The inverse: coefficients of (Cr → R, Cr → G, Cb → G, Cb → B) in 1/16384. */
function toRgb(src: Uint8Array, dst: Uint8Array, n: number, c: readonly number[], crFirst: boolean): void {
  const [crR, crG, cbG, cbB] = c;
  const at = crFirst ? 1 : 2;
  for (let o = 0; o < 3 * n; o += 3) {
    const y = src[o];
    const cr = src[o + at] - 128;
    const cb = src[o + 3 - at] - 128;
    dst[o] = clampU8(y + ((cr * crR + HALF) >> SHIFT));
    dst[o + 1] = clampU8(y + ((cb * cbG + cr * crG + HALF) >> SHIFT));
    dst[o + 2] = clampU8(y + ((cb * cbB + HALF) >> SHIFT));
  }
}

/** RGB → YCrCb (Cr = 0.713 (R − Y) + 128, Cb = 0.564 (B − Y) + 128). */
export function rgbToYcrcb(src: Uint8Array, dst: Uint8Array, n: number): void {
  fromRgb(src, dst, n, 11682, 9241, true);
}

/** YCrCb → RGB. */
export function ycrcbToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  toRgb(src, dst, n, [22987, -11698, -5636, 29049], true);
}

/** RGB → YUV (V = 0.877 (R − Y) + 128, U = 0.492 (B − Y) + 128, stored Y, U, V). */
export function rgbToYuv(src: Uint8Array, dst: Uint8Array, n: number): void {
  fromRgb(src, dst, n, 14369, 8061, false);
}

/** YUV → RGB. */
export function yuvToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  toRgb(src, dst, n, [18678, -9519, -6472, 33292], false);
}
