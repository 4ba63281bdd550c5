/**
 * Colour-space conversions of uint8 images with OpenCV 4.6's `cvtColor` bytes (what imgaug 0.4.0's
 * `change_colorspace_` calls): RGB ↔ BGR, HSV, HLS, Lab, Luv, CIE XYZ, YCrCb and YUV, and RGB → GRAY.
 * The per-space loops live in `colorspace-*.ts`; this file names the spaces and routes a conversion through RGB.
 */
import { hlsToRgb, hsvToRgb, rgbToHls, rgbToHsv } from './colorspace-hsv.ts';
import { labToRgb, rgbToLab } from './colorspace-lab.ts';
import { luvToRgb, rgbToLuv } from './colorspace-luv.ts';
import { rgbToYcrcb, rgbToYuv, ycrcbToRgb, yuvToRgb } from './colorspace-yuv.ts';

/** imgaug's colour-space names (`CIE` is CIE XYZ). */
export const COLORSPACES = ['RGB', 'BGR', 'GRAY', 'CIE', 'YCrCb', 'HSV', 'HLS', 'Lab', 'Luv', 'YUV'] as const;
export type Colorspace = (typeof COLORSPACES)[number];

/** True for one of {@link COLORSPACES}. */
export function isColorspace(value: unknown): value is Colorspace {
  return typeof value === 'string' && (COLORSPACES as readonly string[]).includes(value);
}

/** One direction of one space: `n` pixels of 3 channels, `width` pixels per row (HSV → RGB depends on it). */
type Convert = (src: Uint8Array, dst: Uint8Array, n: number, width: number) => void;

const FROM_RGB: Record<Exclude<Colorspace, 'RGB'>, Convert> = {
  BGR: swapRedBlue,
  GRAY: rgbToGray,
  CIE: rgbToXyz,
  YCrCb: rgbToYcrcb,
  HSV: rgbToHsv,
  HLS: rgbToHls,
  Lab: rgbToLab,
  Luv: rgbToLuv,
  YUV: rgbToYuv,
};

const TO_RGB: Record<Exclude<Colorspace, 'RGB'>, Convert> = {
  BGR: swapRedBlue,
  // A gray image (three equal channels, as imgaug's GRAY results are) is its own RGB.
  GRAY: (src, dst, n) => dst.set(src.subarray(0, 3 * n)),
  CIE: xyzToRgb,
  YCrCb: ycrcbToRgb,
  HSV: hsvToRgb,
  HLS: hlsToRgb,
  Lab: labToRgb,
  Luv: luvToRgb,
  YUV: yuvToRgb,
};

/**
 * Converts `n` pixels of 3 interleaved uint8 channels from one colour space to another into `dst` (3·n bytes; may be
 * `src`), as OpenCV does: directly from or to RGB, else through RGB (imgaug's route). `width` is the image's row
 * length (`n` must be whole rows). To GRAY, the gray value is written to all three channels (imgaug's result).
 */
export function convertColorspace(
  src: Uint8Array,
  dst: Uint8Array,
  n: number,
  width: number,
  from: Colorspace,
  to: Colorspace,
): void {
  if (from === to) {
    if (dst !== src) dst.set(src.subarray(0, 3 * n));
    return;
  }
  if (from !== 'RGB') TO_RGB[from](src, dst, n, width);
  if (to !== 'RGB') FROM_RGB[to](from === 'RGB' ? src : dst, dst, n, width);
}

function swapRedBlue(src: Uint8Array, dst: Uint8Array, n: number): void {
  for (let o = 0; o < 3 * n; o += 3) {
    const r = src[o];
    dst[o] = src[o + 2];
    dst[o + 1] = src[o + 1];
    dst[o + 2] = r;
  }
}

/** OpenCV's RGB2GRAY in 1/32768 (as Grayscale), copied into the three channels. */
function rgbToGray(src: Uint8Array, dst: Uint8Array, n: number): void {
  for (let o = 0; o < 3 * n; o += 3) {
    const y = (9798 * src[o] + 19235 * src[o + 1] + 3735 * src[o + 2] + 16384) >> 15;
    dst[o] = y;
    dst[o + 1] = y;
    dst[o + 2] = y;
  }
}

// OpenCV's integer sRGB ↔ XYZ (D65) matrices in 1/4096, rows X, Y, Z (and R, G, B).
const RGB_TO_XYZ = [1689, 1465, 739, 871, 2929, 296, 79, 488, 3892];
const XYZ_TO_RGB = [13273, -6296, -2042, -3970, 7684, 170, 228, -836, 4331];

function multiply3(src: Uint8Array, dst: Uint8Array, n: number, m: readonly number[]): void {
  for (let o = 0; o < 3 * n; o += 3) {
    const a = src[o];
    const b = src[o + 1];
    const c = src[o + 2];
    for (let k = 0; k < 3; k++) {
      const v = (a * m[3 * k] + b * m[3 * k + 1] + c * m[3 * k + 2] + 2048) >> 12;
      dst[o + k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

function rgbToXyz(src: Uint8Array, dst: Uint8Array, n: number): void {
  multiply3(src, dst, n, RGB_TO_XYZ);
}

function xyzToRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  multiply3(src, dst, n, XYZ_TO_RGB);
}
