// 2-D OpenSimplex noise as the `opensimplex` package 0.3 computes it (Kurt Spencer's reference, which imgaug 0.4.0's
// iap.SimplexNoise calls as `OpenSimplex(seed).noise2d(x, y)`): the same permutation for a seed, the same values.

const STRETCH = -0.211324865405187; // (1 / sqrt(2 + 1) - 1) / 2, as the package writes it
const SQUISH = 0.366025403784439; // (sqrt(2 + 1) - 1) / 2
const NORM = 47;
// The 2-D gradients: directions to an octagon's vertices, as (x, y) pairs.
const GRADIENTS = [5, 2, 2, 5, -5, 2, -2, 5, 5, -2, 2, -5, -5, -2, -2, -5];

const MASK64 = (1n << 64n) - 1n;
const SIGN64 = 1n << 63n;

/** A 64-bit two's-complement wrap (the package's `c_int64(x).value`). */
function int64(x: bigint): bigint {
  const u = x & MASK64;
  return u >= SIGN64 ? u - (1n << 64n) : u;
}

function lcg(seed: bigint): bigint {
  return int64(seed * 6364136223846793005n + 1442695040888963407n);
}

// The permutation fillSimplexNoise works with, and the table the permutation is drawn from (reused across calls).
const permScratch = new Uint8Array(256);
const source = new Uint8Array(256);

/**
 * The permutation of 0–255 that `OpenSimplex(seed)` builds from a 64-bit linear congruential generator (an integer
 * seed; imgaug draws them from [0, 2^31)), into `perm`.
 */
export function openSimplexPermutation(seed: number, perm = new Uint8Array(256)): Uint8Array {
  for (let i = 0; i < 256; i++) source[i] = i;
  let s = lcg(lcg(lcg(BigInt(seed))));
  for (let i = 255; i >= 0; i--) {
    s = lcg(s);
    // Python's % is a floor modulo: never negative for a positive divisor (and `s + 31` is not wrapped).
    const m = BigInt(i + 1);
    const r = Number((((s + 31n) % m) + m) % m);
    perm[i] = source[r];
    source[r] = source[i];
  }
  return perm;
}

function extrapolate(perm: Uint8Array, xsb: number, ysb: number, dx: number, dy: number): number {
  const index = perm[(perm[xsb & 0xff] + ysb) & 0xff] & 0x0e;
  return GRADIENTS[index] * dx + GRADIENTS[index + 1] * dy;
}

/** `OpenSimplex.noise2d(x, y)` for the generator whose permutation is `perm`: a value in about [−0.87, 0.87]. */
export function openSimplex2d(perm: Uint8Array, x: number, y: number): number {
  const stretchOffset = (x + y) * STRETCH;
  const xs = x + stretchOffset;
  const ys = y + stretchOffset;
  let xsb = Math.floor(xs);
  let ysb = Math.floor(ys);
  const squishOffset = (xsb + ysb) * SQUISH;
  const xb = xsb + squishOffset;
  const yb = ysb + squishOffset;
  const xins = xs - xsb;
  const yins = ys - ysb;
  const inSum = xins + yins;
  let dx0 = x - xb;
  let dy0 = y - yb;
  let value = 0;

  const dx1 = dx0 - 1 - SQUISH;
  const dy1 = dy0 - 0 - SQUISH;
  let attn1 = 2 - dx1 * dx1 - dy1 * dy1;
  if (attn1 > 0) {
    attn1 *= attn1;
    value += attn1 * attn1 * extrapolate(perm, xsb + 1, ysb + 0, dx1, dy1);
  }
  const dx2 = dx0 - 0 - SQUISH;
  const dy2 = dy0 - 1 - SQUISH;
  let attn2 = 2 - dx2 * dx2 - dy2 * dy2;
  if (attn2 > 0) {
    attn2 *= attn2;
    value += attn2 * attn2 * extrapolate(perm, xsb + 0, ysb + 1, dx2, dy2);
  }

  let xsvExt: number;
  let ysvExt: number;
  let dxExt: number;
  let dyExt: number;
  if (inSum <= 1) {
    // Inside the triangle at (0, 0).
    const zins = 1 - inSum;
    if (zins > xins || zins > yins) {
      if (xins > yins) {
        xsvExt = xsb + 1;
        ysvExt = ysb - 1;
        dxExt = dx0 - 1;
        dyExt = dy0 + 1;
      } else {
        xsvExt = xsb - 1;
        ysvExt = ysb + 1;
        dxExt = dx0 + 1;
        dyExt = dy0 - 1;
      }
    } else {
      xsvExt = xsb + 1;
      ysvExt = ysb + 1;
      dxExt = dx0 - 1 - 2 * SQUISH;
      dyExt = dy0 - 1 - 2 * SQUISH;
    }
  } else {
    // Inside the triangle at (1, 1).
    const zins = 2 - inSum;
    if (zins < xins || zins < yins) {
      if (xins > yins) {
        xsvExt = xsb + 2;
        ysvExt = ysb + 0;
        dxExt = dx0 - 2 - 2 * SQUISH;
        dyExt = dy0 + 0 - 2 * SQUISH;
      } else {
        xsvExt = xsb + 0;
        ysvExt = ysb + 2;
        dxExt = dx0 + 0 - 2 * SQUISH;
        dyExt = dy0 - 2 - 2 * SQUISH;
      }
    } else {
      dxExt = dx0;
      dyExt = dy0;
      xsvExt = xsb;
      ysvExt = ysb;
    }
    xsb += 1;
    ysb += 1;
    dx0 = dx0 - 1 - 2 * SQUISH;
    dy0 = dy0 - 1 - 2 * SQUISH;
  }

  let attn0 = 2 - dx0 * dx0 - dy0 * dy0;
  if (attn0 > 0) {
    attn0 *= attn0;
    value += attn0 * attn0 * extrapolate(perm, xsb, ysb, dx0, dy0);
  }
  let attnExt = 2 - dxExt * dxExt - dyExt * dyExt;
  if (attnExt > 0) {
    attnExt *= attnExt;
    value += attnExt * attnExt * extrapolate(perm, xsvExt, ysvExt, dxExt, dyExt);
  }
  return value / NORM;
}

/**
 * imgaug's simplex noise image before upscaling: `noise2d(x, y)` at every integer point of a `height` × `width`
 * grid, stored as float32, mapped to [0, 1] by `(v + 1) / 2` in float32 and clipped, row-major into `out`.
 */
export function fillSimplexNoise(seed: number, height: number, width: number, out: Float32Array): void {
  const perm = openSimplexPermutation(seed, permScratch);
  const f32 = Math.fround;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const v = f32(f32(f32(openSimplex2d(perm, x, y)) + 1) / 2);
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
  }
}
