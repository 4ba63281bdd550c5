/**
 * JFIF's RGB ↔ YCbCr conversions in libjpeg's 16-bit fixed point (jccolor.c, jdcolor.c): weights of round(c · 2^16)
 * and tables of their multiples per 8-bit value, so that encoding and decoding give libjpeg's bytes exactly.
 */

/** libjpeg's FIX(c): c · 2^16 rounded half up. */
function fix(c: number): number {
  return Math.floor(c * 65536 + 0.5);
}

const HALF = 1 << 15;

/** The 256 values of `f` at 0–255. */
function table(f: (i: number) => number): Int32Array {
  return Int32Array.from({ length: 256 }, (_, i) => f(i));
}

// The forward weights (libjpeg keeps them in tables of multiples; the products are the same). Chroma is centred on 128
// and rounded with 0.5 − ε, so that 255 never rounds up to 256.
const R_Y = fix(0.299);
const G_Y = fix(0.587);
const B_Y = fix(0.114);
const R_CB = fix(0.16874);
const G_CB = fix(0.33126);
const HALF_WEIGHT = fix(0.5); // blue's share of Cb, red's of Cr
const G_CR = fix(0.41869);
const B_CR = fix(0.08131);
const CHROMA_OFFSET = (128 << 16) + HALF - 1;
// Inverse tables of the chroma value − 128: Cr's share of R and G, Cb's of B and G; R and B are rounded here, G
// after its two shares are added.
const CR_R = table((i) => (fix(1.402) * (i - 128) + HALF) >> 16);
const CB_B = table((i) => (fix(1.772) * (i - 128) + HALF) >> 16);
const CR_G = table((i) => -fix(0.71414) * (i - 128));
const CB_G = table((i) => -fix(0.34414) * (i - 128) + HALF);

/** An image's Y plane (rows `yStride` apart, wider when padded) and its full-size Cb and Cr planes (rows `width` apart). */
export interface YccPlanes {
  readonly width: number;
  readonly height: number;
  readonly y: Uint8Array;
  readonly yStride: number;
  readonly cb: Uint8Array;
  readonly cr: Uint8Array;
}

/** Converts the interleaved RGB pixels of `src` to the Y, Cb and Cr planes of `planes`. */
export function rgbToYcc(src: Uint8Array, planes: YccPlanes): void {
  const { width, height, y, yStride, cb, cr } = planes;
  for (let row = 0; row < height; row++) {
    let s = row * width * 3;
    let yo = row * yStride;
    let c = row * width;
    for (let col = 0; col < width; col++, s += 3) {
      const r = src[s];
      const g = src[s + 1];
      const b = src[s + 2];
      y[yo++] = (R_Y * r + G_Y * g + B_Y * b + HALF) >> 16;
      cb[c] = (HALF_WEIGHT * b - R_CB * r - G_CB * g + CHROMA_OFFSET) >> 16;
      cr[c++] = (HALF_WEIGHT * r - G_CR * g - B_CR * b + CHROMA_OFFSET) >> 16;
    }
  }
}

function clip(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Converts the Y, Cb and Cr planes of `planes` to interleaved RGB pixels in `out`, clipped to 0–255. */
export function yccToRgb(planes: YccPlanes, out: Uint8Array): void {
  const { width, height, y, yStride, cb, cr } = planes;
  for (let row = 0; row < height; row++) {
    let o = row * width * 3;
    let yi = row * yStride;
    let c = row * width;
    for (let col = 0; col < width; col++, o += 3, c++) {
      const l = y[yi++];
      const u = cb[c];
      const v = cr[c];
      out[o] = clip(l + CR_R[v]);
      out[o + 1] = clip(l + ((CB_G[u] + CR_G[v]) >> 16));
      out[o + 2] = clip(l + CB_B[u]);
    }
  }
}
