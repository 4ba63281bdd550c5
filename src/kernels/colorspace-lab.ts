/**
 * RGB ↔ CIE L*a*b* for uint8 pixels, as OpenCV 4.6's `cvtColor` computes them (`COLOR_RGB2Lab`, `COLOR_Lab2RGB`:
 * sRGB with D65 white, L scaled to 0–255, a and b offset by 128). Both directions are OpenCV's integer paths, whose
 * tables OpenCV builds once in correctly rounded float32/float64 arithmetic; they are built here the same way.
 * Each function reads and writes 3 interleaved channels per pixel; `dst` may be `src`.
 */
import { roundHalfEven } from '../core/round.ts';

const f32 = Math.fround;

// sRGB (linear) → XYZ and back, and the D65 white point, as OpenCV stores them (exact doubles of these decimals).
export const RGB_TO_XYZ = [0.412453, 0.35758, 0.180423, 0.212671, 0.71516, 0.072169, 0.019334, 0.119193, 0.950227];
export const XYZ_TO_RGB = [3.240479, -1.53715, -0.498535, -0.969256, 1.875991, 0.041556, 0.055648, -0.204043, 1.057311];
export const D65 = [0.950456, 1, 1.088754];

const LAB_SHIFT = 12;
const GAMMA_SHIFT = 3;
const LAB_SHIFT2 = LAB_SHIFT + GAMMA_SHIFT;
const CBRT_TAB_SIZE = (256 * 3 * (1 << GAMMA_SHIFT)) / 2;
const INV_GAMMA_SHIFT = 12;
const INV_GAMMA_TAB_SIZE = 1 << INV_GAMMA_SHIFT;
const BASE_SHIFT = 14;
const BASE = 1 << BASE_SHIFT;
const MIN_AB = -8145;

// The piecewise cube root of L*a*b*: below (6/29)³ the linear part 841/108 · x + 16/116.
const L_THRESH = f32(216 / 24389);
const L_SCALE = f32(841 / 108);
const L_BIAS = f32(16 / 116);

/** sRGB's gamma expansion (0–1 → linear 0–1), in double, then float32 as OpenCV returns it. */
export function applyGamma(x: number): number {
  return f32(x <= 809 / 20000 ? x / (323 / 25) : ((x + 11 / 200) / (1 + 11 / 200)) ** (12 / 5));
}

/** sRGB's gamma compression (linear 0–1 → 0–1). */
function applyInvGamma(x: number): number {
  return f32(x <= 7827 / 2500000 ? x * (323 / 25) : x ** (1 / (12 / 5)) * (1 + 11 / 200) - 11 / 200);
}

const bits = new DataView(new ArrayBuffer(8));
const CBRT_COEFFICIENTS = [
  45.2548339756803, 192.2798368355061, 119.16548242855816, 13.432501390862399, 0.16361612265857542, 14.808840932191346,
  151.97140510444356, 168.52544141015682, 33.99059413502156,
];

/**
 * OpenCV's software cube root of a positive float32 (`softfloat`'s `cbrt`, Turkowski's method): the mantissa scaled
 * into [1/8, 1), a quartic rational polynomial in double, and that double's leading 23 mantissa bits kept (truncated,
 * not rounded), so it is at times one float32 step below the correctly rounded root.
 */
function cbrtF32(x: number): number {
  bits.setFloat32(0, x);
  const raw = bits.getUint32(0);
  let ex = ((raw >>> 23) & 255) - 127;
  // C's % truncates toward zero, as JavaScript's does.
  let shx = ex % 3;
  if (shx >= 0) shx -= 3;
  ex = (ex - shx) / 3 - 1;
  const fr = 2 ** shx * (1 + (raw & 0x7fffff) / 2 ** 23);
  // Turkowski's coefficients (OpenCV's literals, shortened here to the doubles they denote).
  const [a1, a2, a3, a4, a5, a6, a7, a8, a9] = CBRT_COEFFICIENTS;
  const root = ((((a1 * fr + a2) * fr + a3) * fr + a4) * fr + a5) / ((((a6 * fr + a7) * fr + a8) * fr + a9) * fr + 1);
  bits.setFloat64(0, root);
  const mantissa = (bits.getUint32(0) & 0xfffff) * 2 ** 3 + (bits.getUint32(4) >>> 29);
  return 2 ** ex * (1 + mantissa / 2 ** 23);
}

/** Lab's f(t) (also Luv's L before scaling): the cube root above the threshold, else the linear part, in float32. */
export function labF(x: number): number {
  return x < L_THRESH ? f32(x * L_SCALE + L_BIAS) : cbrtF32(x);
}

export interface LabTables {
  /** uint8 sRGB value → linear light in 1/2040. */
  readonly gamma: Uint16Array;
  /** Linear XYZ in 1/2040 → f(XYZ) in 1/32768. */
  readonly cbrt: Uint16Array;
  /** Per L value: Y and f(Y), both in 1/16384. */
  readonly yf: Int32Array;
  /** f(X) or f(Z) in 1/16384, offset by MIN_AB → X or Z in 1/16384. */
  readonly abToXz: Int32Array;
  /** Linear 0–1 in 1/4096 → uint8 sRGB. */
  readonly invGamma: Uint8Array;
  /** RGB → XYZ/white in 1/4096, row-major. */
  readonly toXyz: Int32Array;
  /** XYZ·white → RGB in 1/4096, row-major. */
  readonly toRgb: Int32Array;
}

let tables: LabTables | undefined;

/** OpenCV's `initLabTabs` for the uint8 paths, built on first use (the Luv kernels share Y and the inverse gamma). */
export function labTables(): LabTables {
  if (tables !== undefined) return tables;
  const gamma = new Uint16Array(256);
  const intScale = 255 * (1 << GAMMA_SHIFT);
  for (let i = 0; i < 256; i++) gamma[i] = roundHalfEven(f32(intScale * applyGamma(f32(i / 255))));
  const cbrt = new Uint16Array(CBRT_TAB_SIZE);
  const cbScale = f32(1 / f32(intScale));
  for (let i = 0; i < CBRT_TAB_SIZE; i++) cbrt[i] = roundHalfEven(f32((1 << LAB_SHIFT2) * labF(f32(cbScale * i))));
  const yf = new Int32Array(512);
  for (let i = 0; i < 256; i++) {
    if (i <= 20) {
      // Linear part: y = L·100/903.3, f(y) = 7.787·y + 16/116 (OpenCV's exact rationals).
      yf[2 * i] = roundHalfEven(f32((i * BASE * 20 * 9) / (17 * 29 * 29 * 29)));
      yf[2 * i + 1] = roundHalfEven(f32(BASE * f32(f32(16 / 116) + f32((i * 5) / (3 * 17 * 29)))));
    } else {
      const fy = f32(f32((i * 100 * BASE) / (255 * 116)) + f32((16 * BASE) / 116));
      yf[2 * i] = roundHalfEven(f32(f32(f32(fy * fy) * fy) / (BASE * BASE)));
      yf[2 * i + 1] = roundHalfEven(fy);
    }
  }
  const abToXz = new Int32Array((BASE * 9) / 4);
  const lowBias = Math.trunc((Math.trunc((BASE * 16) / 116) * 108) / 841);
  for (let i = MIN_AB; i < (BASE * 9) / 4 + MIN_AB; i++) {
    // C's integer division truncates toward zero (i may be negative).
    abToXz[i - MIN_AB] =
      i <= 3390 ? Math.trunc((i * 108) / 841) - lowBias : Math.trunc((Math.trunc((i * i) / BASE) * i) / BASE);
  }
  const invGamma = new Uint8Array(INV_GAMMA_TAB_SIZE);
  for (let i = 0; i < INV_GAMMA_TAB_SIZE; i++) {
    invGamma[i] = roundHalfEven(f32(255 * applyInvGamma(i / INV_GAMMA_TAB_SIZE)));
  }
  const toXyz = new Int32Array(9);
  const toRgb = new Int32Array(9);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      toXyz[3 * row + col] = roundHalfEven(((1 << LAB_SHIFT) * RGB_TO_XYZ[3 * row + col]) / D65[row]);
      toRgb[3 * row + col] = roundHalfEven((1 << LAB_SHIFT) * XYZ_TO_RGB[3 * row + col] * D65[col]);
    }
  }
  tables = { gamma, cbrt, yf, abToXz, invGamma, toXyz, toRgb };
  return tables;
}

function clampU8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** RGB → Lab (OpenCV's `RGB2Lab_b`). */
export function rgbToLab(src: Uint8Array, dst: Uint8Array, n: number): void {
  const { gamma, cbrt, toXyz: c } = labTables();
  const half = 1 << (LAB_SHIFT - 1);
  const half2 = 1 << (LAB_SHIFT2 - 1);
  const lScale = Math.trunc((116 * 255 + 50) / 100);
  const lShift = -Math.trunc((16 * 255 * (1 << LAB_SHIFT2) + 50) / 100);
  const abOffset = 128 * (1 << LAB_SHIFT2) + half2;
  for (let o = 0; o < 3 * n; o += 3) {
    const r = gamma[src[o]];
    const g = gamma[src[o + 1]];
    const b = gamma[src[o + 2]];
    const fx = cbrt[(r * c[0] + g * c[1] + b * c[2] + half) >> LAB_SHIFT];
    const fy = cbrt[(r * c[3] + g * c[4] + b * c[5] + half) >> LAB_SHIFT];
    const fz = cbrt[(r * c[6] + g * c[7] + b * c[8] + half) >> LAB_SHIFT];
    dst[o] = clampU8((lScale * fy + lShift + half2) >> LAB_SHIFT2);
    dst[o + 1] = clampU8((500 * (fx - fy) + abOffset) >> LAB_SHIFT2);
    dst[o + 2] = clampU8((200 * (fy - fz) + abOffset) >> LAB_SHIFT2);
  }
}

/** Lab → RGB (OpenCV's `Lab2RGBinteger`). */
export function labToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  const { yf, abToXz, invGamma, toRgb: c } = labTables();
  const shift = LAB_SHIFT + (BASE_SHIFT - INV_GAMMA_SHIFT);
  const half = 1 << (shift - 1);
  const aOffset = Math.trunc((128 * BASE) / 500) + MIN_AB;
  const bOffset = Math.trunc((128 * BASE) / 200) - 1 - MIN_AB;
  const top = INV_GAMMA_TAB_SIZE - 1;
  for (let o = 0; o < 3 * n; o += 3) {
    const l = src[o];
    const y = yf[2 * l];
    const ify = yf[2 * l + 1];
    // a/500 and b/200 in 1/16384, by OpenCV's multiply-and-shift approximations.
    const adiv = (5 * src[o + 1] * 53687 + (1 << 7)) >> 13;
    const bdiv = (src[o + 2] * 41943 + (1 << 4)) >> 9;
    const x = abToXz[ify + adiv - aOffset];
    const z = abToXz[ify - bdiv + bOffset];
    const r = (c[0] * x + c[1] * y + c[2] * z + half) >> shift;
    const g = (c[3] * x + c[4] * y + c[5] * z + half) >> shift;
    const b = (c[6] * x + c[7] * y + c[8] * z + half) >> shift;
    dst[o] = invGamma[r < 0 ? 0 : r > top ? top : r];
    dst[o + 1] = invGamma[g < 0 ? 0 : g > top ? top : g];
    dst[o + 2] = invGamma[b < 0 ? 0 : b > top ? top : b];
  }
}
