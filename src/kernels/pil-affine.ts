// Pillow's `Image.transform(size, AFFINE, data)` with nearest-neighbour sampling (Geometry.c, Pillow 9.4): the
// output pixel (x, y) reads the input at data · (x + 0.5, y + 0.5, 1), pixel (0, 0) covering [0, 1)².
import type { GridShape } from './convolve.ts';

/** Pillow's COORD: the pixel a coordinate falls in, −1 for any negative one. */
function coord(v: number): number {
  return v < 0 ? -1 : Math.trunc(v);
}

/** Pillow's FIX: 16.16 fixed point, rounded half up (FLOOR(v · 65536 + 0.5)). */
function fix(v: number): number {
  return Math.floor(v * 65536 + 0.5);
}

/** Whether `a` maps (x, y) into the range 16.16 fixed point holds (Geometry.c's check_fixed). */
function fitsFixed(a: ArrayLike<number>, x: number, y: number): boolean {
  return Math.abs(x * a[0] + y * a[1] + a[2]) < 32768 && Math.abs(x * a[3] + y * a[4] + a[5]) < 32768;
}

/**
 * Warps an HWC uint8 image by the inverse affine map `a` (six numbers: input x = a0·x + a1·y + a2, input y =
 * a3·x + a4·y + a5, of the output pixel centre (x + 0.5, y + 0.5)) into `out` (same shape, not `src`), with Pillow
 * 9.4's nearest-neighbour arithmetic: a pure scale and shift (a1 = a3 = 0) steps in doubles from the first centre
 * (ImagingScaleAffine); other maps step in 16.16 fixed point (affine_fixed) while the corners stay within ±32768,
 * else in doubles. Output pixels whose source falls outside the image get `fill` (one value per channel).
 */
export function pilAffineU8(
  src: Uint8Array,
  shape: GridShape,
  a: ArrayLike<number>,
  fill: ArrayLike<number>,
  out: Uint8Array,
): void {
  const { height, width, channels } = shape;
  // Each output pixel's source pixel index (−1: outside), one row at a time, then one copy loop per row.
  const from = new Int32Array(width);
  const copyRow = (y: number) => {
    let o = y * width * channels;
    for (let x = 0; x < width; x++, o += channels) {
      const s = from[x] * channels;
      if (s >= 0) for (let c = 0; c < channels; c++) out[o + c] = src[s + c];
      else for (let c = 0; c < channels; c++) out[o + c] = fill[c];
    }
  };
  const at = (xin: number, yin: number) =>
    xin >= 0 && xin < width && yin >= 0 && yin < height ? yin * width + xin : -1;
  if (a[1] === 0 && a[3] === 0) {
    const xs = new Int32Array(width);
    let xo = a[2] + a[0] * 0.5;
    for (let x = 0; x < width; x++, xo += a[0]) xs[x] = coord(xo);
    let yo = a[5] + a[4] * 0.5;
    for (let y = 0; y < height; y++, yo += a[4]) {
      const yin = coord(yo);
      for (let x = 0; x < width; x++) from[x] = at(xs[x], yin);
      copyRow(y);
    }
    return;
  }
  if (fitsFixed(a, 0, 0) && fitsFixed(a, width, height) && fitsFixed(a, 0, height) && fitsFixed(a, width, 0)) {
    const a0 = fix(a[0]);
    const a1 = fix(a[1]);
    const a3 = fix(a[3]);
    const a4 = fix(a[4]);
    let a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
    let a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
    for (let y = 0; y < height; y++, a2 += a1, a5 += a4) {
      let xx = a2;
      let yy = a5;
      for (let x = 0; x < width; x++, xx += a0, yy += a3) from[x] = at(xx >> 16, yy >> 16);
      copyRow(y);
    }
    return;
  }
  let xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
  let yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
  for (let y = 0; y < height; y++, xo += a[1], yo += a[4]) {
    let xx = xo;
    let yy = yo;
    for (let x = 0; x < width; x++, xx += a[0], yy += a[3]) from[x] = at(coord(xx), coord(yy));
    copyRow(y);
  }
}
