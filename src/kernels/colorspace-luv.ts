/**
 * RGB ↔ CIE L*u*v* for uint8 pixels, as OpenCV 4.6's `cvtColor` computes them (`COLOR_RGB2Luv`, `COLOR_Luv2RGB`:
 * sRGB with D65 white, L scaled by 255/100, u mapped from [−134, 220] and v from [−140, 122] onto 0–255).
 * RGB → Luv is OpenCV's bit-exact path: trilinear interpolation in a 33×33×33 table built in float32; Luv → RGB is its
 * integer path. Each function reads and writes 3 interleaved channels per pixel; `dst` may be `src`.
 */
import { roundHalfEven } from '../core/round.ts';
import { D65, RGB_TO_XYZ, XYZ_TO_RGB, applyGamma, labF, labTables } from './colorspace-lab.ts';

const f32 = Math.fround;

const LUT_DIM = 33;
const BASE_SHIFT = 14;
const BASE = 1 << BASE_SHIFT;
const U_LOW = -134;
const U_RANGE = 354;
const V_LOW = -140;
const V_RANGE = 262;
const FLT_EPSILON = 2 ** -23;

/** u′ and v′ of the D65 white point, in float32 as OpenCV computes them. */
function whiteUv(): { un: number; vn: number } {
  let d = f32(D65[0] + D65[1] * 15 + D65[2] * 3);
  d = f32(1 / Math.max(d, FLT_EPSILON));
  return { un: f32(f32(d * 52) * f32(D65[0])), vn: f32(f32(d * 117) * f32(D65[1])) };
}

let rgbToLuvTable: Int16Array | undefined;

/**
 * OpenCV's `RGB2LuvLUT` before its corners are regrouped: L, u, v (0–16384) at the 33³ grid points of gamma-expanded
 * RGB, indexed blue-fastest (OpenCV's "R" axis holds blue for RGB input), in float32 arithmetic in OpenCV's order.
 */
function luvGrid(): Int16Array {
  if (rgbToLuvTable !== undefined) return rgbToLuvTable;
  const { un, vn } = whiteUv();
  // Rows X, Y, Z of the sRGB matrix, columns in OpenCV's order for its axes: blue, green, red.
  const c = [0, 1, 2].flatMap((row) => [2, 1, 0].map((col) => f32(RGB_TO_XYZ[3 * row + col])));
  const table = new Int16Array(LUT_DIM * LUT_DIM * LUT_DIM * 3);
  const gamma = Array.from({ length: LUT_DIM }, (_, i) => applyGamma(f32(i / (LUT_DIM - 1))));
  for (let r = 0; r < LUT_DIM; r++) {
    for (let q = 0; q < LUT_DIM; q++) {
      for (let p = 0; p < LUT_DIM; p++) {
        const b0 = gamma[p];
        const g0 = gamma[q];
        const r0 = gamma[r];
        const x = f32(f32(f32(b0 * c[0]) + f32(g0 * c[1])) + f32(r0 * c[2]));
        const y = f32(f32(f32(b0 * c[3]) + f32(g0 * c[4])) + f32(r0 * c[5]));
        const z = f32(f32(f32(b0 * c[6]) + f32(g0 * c[7])) + f32(r0 * c[8]));
        const l = f32(f32(labF(y) * 116) - 16);
        const d = f32(52 / Math.max(f32(f32(x + f32(15 * y)) + f32(3 * z)), FLT_EPSILON));
        const u = f32(l * f32(f32(x * d) - un));
        const v = f32(l * f32(f32(f32(2.25 * y) * d) - vn));
        const at = 3 * (p + LUT_DIM * (q + LUT_DIM * r));
        table[at] = roundHalfEven(f32(f32(BASE * l) / 100));
        table[at + 1] = roundHalfEven(f32(f32(BASE * f32(u - U_LOW)) / U_RANGE));
        table[at + 2] = roundHalfEven(f32(f32(BASE * f32(v - V_LOW)) / V_RANGE));
      }
    }
  }
  rgbToLuvTable = table;
  return table;
}

/** RGB → Luv (OpenCV's `RGB2Luvinterpolate`: the 1/16-step cube of the grid around the pixel, weights in 1/4096). */
export function rgbToLuv(src: Uint8Array, dst: Uint8Array, n: number): void {
  const grid = luvGrid();
  const dy = 3 * LUT_DIM;
  const dz = 3 * LUT_DIM * LUT_DIM;
  for (let o = 0; o < 3 * n; o += 3) {
    const red = src[o];
    const green = src[o + 1];
    const blue = src[o + 2];
    // Each channel is v·64 in 1/16384: the grid cell is v >> 3, the fraction (v & 7)·2 sixteenths.
    const fx = (blue & 7) << 1;
    const fy = (green & 7) << 1;
    const fz = (red & 7) << 1;
    const base = 3 * (blue >> 3) + dy * (green >> 3) + dz * (red >> 3);
    let l = 0;
    let u = 0;
    let v = 0;
    for (let corner = 0; corner < 8; corner++) {
      const cx = corner >> 2;
      const cy = (corner >> 1) & 1;
      const cz = corner & 1;
      const w = (cx ? fx : 16 - fx) * (cy ? fy : 16 - fy) * (cz ? fz : 16 - fz);
      const at = base + 3 * cx + dy * cy + dz * cz;
      l += grid[at] * w;
      u += grid[at + 1] * w;
      v += grid[at + 2] * w;
    }
    // Descaled by 4096 with rounding, then from 1/16384 to 1/256 by truncation, and saturated.
    dst[o] = Math.min(255, ((l + 2048) >> 12) >> 6);
    dst[o + 1] = Math.min(255, ((u + 2048) >> 12) >> 6);
    dst[o + 2] = Math.min(255, ((v + 2048) >> 12) >> 6);
  }
}

interface LuvToRgbTables {
  /** 9·(u + L·u′n) in 1/16, per (L, u). */
  readonly up: Int32Array;
  /** 1/(4·(v + L·v′n)), clipped to ±1/4, in 1/2^24, per (L, v). */
  readonly vp: Int32Array;
  /** 12·13·100·16 · vp · L per (L, v): exact integers up to 2.7e14, so doubles hold them. */
  readonly vpl: Float64Array;
  /** XYZ → RGB in 1/4096, row-major (OpenCV's integer coefficients). */
  readonly toRgb: Int32Array;
}

let luvToRgbTables: LuvToRgbTables | undefined;

/** OpenCV's `initLUTforLUV`, built on first use. */
function luvTables(): LuvToRgbTables {
  if (luvToRgbTables !== undefined) return luvToRgbTables;
  const { un, vn } = whiteUv();
  const up = new Int32Array(256 * 256);
  const vp = new Int32Array(256 * 256);
  const vpl = new Float64Array(256 * 256);
  for (let ll = 0; ll < 256; ll++) {
    const l = f32((ll * 100) / 255);
    for (let uu = 0; uu < 256; uu++) {
      const u = f32(f32((uu * U_RANGE) / 255) + U_LOW);
      up[ll * 256 + uu] = roundHalfEven(f32(f32(9 * f32(u + f32(l * un))) * 16));
    }
    for (let vv = 0; vv < 256; vv++) {
      const v = f32(f32((vv * V_RANGE) / 255) + V_LOW);
      let p = f32(0.25 / f32(v + f32(l * vn)));
      if (p > 0.25) p = 0.25;
      if (p < -0.25) p = -0.25;
      const ivp = roundHalfEven(f32(p * 2 ** 24));
      vp[ll * 256 + vv] = ivp;
      vpl[ll * 256 + vv] = 12 * 13 * 100 * 16 * ivp * ll;
    }
  }
  const toRgb = Int32Array.from(XYZ_TO_RGB, (m) => roundHalfEven(4096 * m));
  luvToRgbTables = { up, vp, vpl, toRgb };
  return luvToRgbTables;
}

/**
 * Luv → RGB (OpenCV's `Luv2RGBinteger`). OpenCV's SIMD loop divides by powers of two with shifts (rounding down),
 * its scalar loop with C's division (truncating); on uint8 input the two never give different bytes (checked on all
 * 2^24 inputs of each), so this follows the scalar loop.
 */
export function luvToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  const { up, vp, vpl, toRgb: c } = luvTables();
  const { yf, invGamma } = labTables();
  for (let o = 0; o < 3 * n; o += 3) {
    const ll = src[o];
    const at = ll * 256;
    const y = yf[2 * ll];
    const xv = up[at + src[o + 1]] * vp[at + src[o + 2]];
    // y · x can exceed 32 bits; OpenCV's bytes are those of the exact product.
    let x = Math.trunc((y * Math.trunc(xv / BASE)) / BASE);
    const zq = Math.trunc((vpl[at + src[o + 2]] - xv * 85) / BASE) - 5 * 255 * BASE;
    const zm = Math.trunc((y * zq) / BASE) | 0;
    let z = Math.trunc(zm / 256) + Math.trunc(zm / 65536);
    // X and Z limited to [0, 2] (the white point's range), in 1/16384.
    x = x < 0 ? 0 : x > 2 * BASE ? 2 * BASE : x;
    z = z < 0 ? 0 : z > 2 * BASE ? 2 * BASE : z;
    for (let k = 0; k < 3; k++) {
      const v = (c[3 * k] * x + c[3 * k + 1] * y + c[3 * k + 2] * z + (1 << 13)) >> 14;
      dst[o + k] = invGamma[v < 0 ? 0 : v > 4095 ? 4095 : v];
    }
  }
}
