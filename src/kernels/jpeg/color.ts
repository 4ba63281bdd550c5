/**
 * JFIF's RGB ↔ YCbCr conversions in libjpeg's 16-bit fixed point (jccolor.c, jdcolor.c): tables of round(c · 2^16)
 * multiples per 8-bit value, so that encoding and decoding give libjpeg's bytes exactly.
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

// Forward tables: R, G and B's share of Y, Cb and Cr per value (Cb's blue and Cr's red share one table). Chroma is
// centred on 128 and rounded with 0.5 − ε, so that 255 never rounds up to 256.
const R_Y = table((i) => fix(0.299) * i);
const G_Y = table((i) => fix(0.587) * i);
const B_Y = table((i) => fix(0.114) * i + HALF);
const R_CB = table((i) => -fix(0.16874) * i);
const G_CB = table((i) => -fix(0.33126) * i);
const HALF_CHROMA = table((i) => fix(0.5) * i + (128 << 16) + HALF - 1);
const G_CR = table((i) => -fix(0.41869) * i);
const B_CR = table((i) => -fix(0.08131) * i);
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
      y[yo++] = (R_Y[r] + G_Y[g] + B_Y[b]) >> 16;
      cb[c] = (R_CB[r] + G_CB[g] + HALF_CHROMA[b]) >> 16;
      cr[c++] = (HALF_CHROMA[r] + G_CR[g] + B_CR[b]) >> 16;
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
