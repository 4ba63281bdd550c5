import { roundHalfEven } from '../core/round.ts';
/**
 * RGB ↔ HSV and RGB ↔ HLS for uint8 pixels, as OpenCV 4.6's `cvtColor` computes them (`COLOR_RGB2HSV`,
 * `COLOR_HSV2RGB`, `COLOR_RGB2HLS`, `COLOR_HLS2RGB`: hue in [0, 180), the other two channels in [0, 255]).
 * Each function reads and writes 3 interleaved channels per pixel; `dst` may be `src`.
 */

const f32 = Math.fround;

function clampU8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

const HSV_SHIFT = 12;
const HSV_HALF = 1 << (HSV_SHIFT - 1);
// The reciprocal tables of OpenCV's integer RGB → HSV, in 1/4096 steps (rounded half to even, entry 0 is 0).
const SDIV = new Int32Array(256);
const HDIV = new Int32Array(256);
for (let i = 1; i < 256; i++) {
  SDIV[i] = roundHalfEven((255 << HSV_SHIFT) / i);
  HDIV[i] = roundHalfEven((180 << HSV_SHIFT) / (6 * i));
}

/** RGB → HSV in integers (OpenCV's `RGB2HSV_b`, exact on every path). */
export function rgbToHsv(src: Uint8Array, dst: Uint8Array, n: number): void {
  for (let o = 0; o < 3 * n; o += 3) {
    const r = src[o];
    const g = src[o + 1];
    const b = src[o + 2];
    const v = r > g ? (r > b ? r : b) : g > b ? g : b;
    const vmin = r < g ? (r < b ? r : b) : g < b ? g : b;
    const diff = v - vmin;
    // The hue before scaling: the sector's base (0, 2·diff or 4·diff) plus the difference of the other two channels.
    const raw = v === r ? g - b : v === g ? b - r + 2 * diff : r - g + 4 * diff;
    let h = (raw * HDIV[diff] + HSV_HALF) >> HSV_SHIFT;
    if (h < 0) h += 180;
    dst[o] = h;
    dst[o + 1] = (diff * SDIV[v] + HSV_HALF) >> HSV_SHIFT;
    dst[o + 2] = v;
  }
}

const INV255 = f32(1 / 255);
const HSV_HSCALE = f32(6 / 180);
const ONE_SIXTH = f32(1 / 6);
// OpenCV's HSV2RGB_b converts blocks of this many pixels with SIMD (AVX2: 4 vectors of 8 floats), the rest of a row
// with a scalar loop that differs: the SIMD code truncates where the scalar code rounds.
const HSV_SIMD_BLOCK = 32;

/**
 * HSV → RGB (OpenCV's `HSV2RGB_b` in float32). OpenCV's result depends on where a pixel sits in its row: the first
 * `width − width % 32` pixels take the SIMD path (truncating), the rest the scalar path (rounding); so the image's
 * `width` is needed, and `n` must be a whole number of rows.
 */
export function hsvToRgb(src: Uint8Array, dst: Uint8Array, n: number, width: number): void {
  const simdWidth = width - (width % HSV_SIMD_BLOCK);
  const { factors, pick } = hsvSimdTables();
  for (let row = 0; row < n; row += width) {
    for (let x = 0; x < width; x++) {
      const o = 3 * (row + x);
      if (x < simdWidth) hsvPixelSimd(src, dst, o, factors, pick);
      else hsvPixelScalar(src, dst, o);
    }
  }
}

// The SIMD path's factors of v per (hue, saturation), built on first use: OpenCV's (1 − s), (1 − s·f) and
// (1 − s·(1 − f)) in float32 for the hue's fraction f within its sector (its build fuses each 1 − s·x into one
// multiply-add, rounded once; s·x is exact in a double), and per hue which of (1, those three) is red, green, blue.
let simdTables: { factors: Float32Array; pick: Uint8Array } | undefined;

function hsvSimdTables(): { factors: Float32Array; pick: Uint8Array } {
  if (simdTables !== undefined) return simdTables;
  const factors = new Float32Array(4 * 65536);
  const pick = new Uint8Array(3 * 256);
  for (let hb = 0; hb < 256; hb++) {
    let h = f32(hb * HSV_HSCALE);
    const pre = Math.trunc(h);
    h = f32(h - pre);
    const sector = pre - Math.trunc(f32(pre * ONE_SIXTH)) * 6;
    pick[3 * hb] = sector < 1 || sector > 4 ? 0 : sector === 1 ? 2 : sector === 4 ? 3 : 1;
    pick[3 * hb + 1] = sector < 1 ? 3 : sector < 3 ? 0 : sector === 3 ? 2 : 1;
    pick[3 * hb + 2] = sector < 2 ? 1 : sector === 2 ? 3 : sector < 5 ? 0 : 2;
    for (let sb = 0; sb < 256; sb++) {
      const s = f32(sb * INV255);
      const at = 4 * ((hb << 8) | sb);
      factors[at] = 1;
      factors[at + 1] = f32(1 - s);
      factors[at + 2] = f32(1 - s * h);
      factors[at + 3] = f32(1 - s * f32(1 - h));
    }
  }
  simdTables = { factors, pick };
  return simdTables;
}

/** One pixel as OpenCV's `HSV2RGB_simd` computes it (v times a factor), converted back by truncation. */
function hsvPixelSimd(src: Uint8Array, dst: Uint8Array, o: number, factors: Float32Array, pick: Uint8Array): void {
  const hb = src[o];
  const v = f32(src[o + 2] * INV255);
  const at = 4 * ((hb << 8) | src[o + 1]);
  const p = 3 * hb;
  // v · factor ≤ 1, so the result is at most 255: no clipping.
  dst[o] = Math.trunc(f32(f32(v * factors[at + pick[p]]) * 255));
  dst[o + 1] = Math.trunc(f32(f32(v * factors[at + pick[p + 1]]) * 255));
  dst[o + 2] = Math.trunc(f32(f32(v * factors[at + pick[p + 2]]) * 255));
}

// OpenCV's sector table: which of (v, p, q, t) is blue, green and red in each sixth of the hue circle.
const SECTOR_BGR = [1, 3, 0, 1, 0, 2, 3, 0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 0];

/** One pixel as OpenCV's scalar `HSV2RGB_native` computes it, converted back by rounding. */
function hsvPixelScalar(src: Uint8Array, dst: Uint8Array, o: number): void {
  const s = f32(src[o + 1] * INV255);
  const v = f32(src[o + 2] * INV255);
  let r = v;
  let g = v;
  let b = v;
  if (s !== 0) {
    let h = f32(src[o] * HSV_HSCALE);
    h = h % 6;
    let sector = Math.floor(h);
    h = f32(h - sector);
    if (sector < 0 || sector >= 6) {
      sector = 0;
      h = 0;
    }
    // Fused multiply-adds here too (the scalar loop is compiled for the same CPU).
    const tab = [v, f32(v * f32(1 - s)), f32(v * f32(1 - s * h)), f32(v * f32(1 - f32(s * f32(1 - h))))];
    b = tab[SECTOR_BGR[3 * sector]];
    g = tab[SECTOR_BGR[3 * sector + 1]];
    r = tab[SECTOR_BGR[3 * sector + 2]];
  }
  dst[o] = clampU8(roundHalfEven(f32(r * 255)));
  dst[o + 1] = clampU8(roundHalfEven(f32(g * 255)));
  dst[o + 2] = clampU8(roundHalfEven(f32(b * 255)));
}

const FLT_EPSILON = 2 ** -23;

/** RGB → HLS (OpenCV's `RGB2HLS_b`: the pixel in float32 scaled by 1/255, hue in degrees / 2, rounded back). */
export function rgbToHls(src: Uint8Array, dst: Uint8Array, n: number): void {
  for (let o = 0; o < 3 * n; o += 3) {
    const r = f32(src[o] * INV255);
    const g = f32(src[o + 1] * INV255);
    const b = f32(src[o + 2] * INV255);
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const diff = f32(max - min);
    const sum = f32(max + min);
    const l = f32(sum * 0.5);
    let h = 0;
    let s = 0;
    if (diff > FLT_EPSILON) {
      s = f32(diff / (l < 0.5 ? sum : f32(2 - sum)));
      const inv = f32(60 / diff);
      // OpenCV's SIMD path: one fused multiply-add of the channel difference and the sector's base angle.
      const d = max === r ? f32(g - b) : max === g ? f32(b - r) : f32(r - g);
      const base = max === r ? (g < b ? 360 : 0) : max === g ? 120 : 240;
      h = f32(f32(d * inv + base) * 0.5);
    }
    dst[o] = clampU8(roundHalfEven(h));
    dst[o + 1] = clampU8(roundHalfEven(f32(l * 255)));
    dst[o + 2] = clampU8(roundHalfEven(f32(s * 255)));
  }
}

// Which of (p2, p1, rising, falling) is blue, green and red in each sixth of the hue circle (OpenCV's HLS2RGB).
const HLS_SECTOR_BGR = [1, 3, 0, 1, 0, 2, 3, 0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 0];

/** HLS → RGB (OpenCV's `HLS2RGB_b`: float32, rounded back). */
export function hlsToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  const tab = [0, 0, 0, 0];
  for (let o = 0; o < 3 * n; o += 3) {
    const l = f32(src[o + 1] * INV255);
    const s = f32(src[o + 2] * INV255);
    let r = l;
    let g = l;
    let b = l;
    if (s !== 0) {
      const p2 = l <= 0.5 ? f32(l * f32(1 + s)) : f32(f32(l + s) - f32(l * s));
      const p1 = f32(f32(2 * l) - p2);
      let h = f32(src[o] * HSV_HSCALE);
      while (h >= 6) h = f32(h - 6);
      const sector = Math.floor(h);
      h = f32(h - sector);
      tab[0] = p2;
      tab[1] = p1;
      tab[2] = f32(p1 + f32(f32(p2 - p1) * f32(1 - h)));
      tab[3] = f32(p1 + f32(f32(p2 - p1) * h));
      b = tab[HLS_SECTOR_BGR[3 * sector]];
      g = tab[HLS_SECTOR_BGR[3 * sector + 1]];
      r = tab[HLS_SECTOR_BGR[3 * sector + 2]];
    }
    dst[o] = clampU8(roundHalfEven(f32(r * 255)));
    dst[o + 1] = clampU8(roundHalfEven(f32(g * 255)));
    dst[o + 2] = clampU8(roundHalfEven(f32(b * 255)));
  }
}
