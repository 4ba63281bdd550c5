import type { Image } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { defineKernel } from './table.ts';
import { grayRgbU8Wasm } from './wasm/color.ts';

// imgaug's blend_alpha: at alpha ≥ 1 − ε the gray image is used as it is, at ≤ ε the input.
const EPS = 1e-2;

/**
 * Grayscale's pixels: blends the gray version of `image` (its first three channels read as RGB) in with strength
 * `alpha`, into `out` (same shape, not sharing memory with `image`). uint8 uses OpenCV's RGB2GRAY fixed point,
 * `Y = (9798 R + 19235 G + 3735 B + 16384) >> 15`, and a partial alpha blends as imgaug's `blend_alpha` (in
 * double, rounded half to even); float32 uses `0.299 R + 0.587 G + 0.114 B`, unrounded. Images with fewer than three
 * channels, and channels after the third, are copied unchanged; so is everything at alpha ≤ 0.01, and alpha ≥ 0.99
 * is full gray (imgaug's ε).
 */
export function grayscaleImage(image: Image, alpha: number, out: Image): void {
  const src = image.data;
  const dst = out.data;
  const cn = image.channels;
  const n = image.height * image.width;
  const full = alpha >= 1 - EPS;
  // Channels past the third, and every value when nothing changes, are copied as they are.
  if (!(full && cn === 3)) dst.set(src);
  if (cn < 3 || alpha <= EPS) return;
  if (src instanceof Uint8Array && full && cn === 3) {
    grayRgb(src, dst as Uint8Array, n);
    return;
  }
  if (src instanceof Uint8Array) {
    for (let i = 0, o = 0; i < n; i++, o += cn) {
      const y = (9798 * src[o] + 19235 * src[o + 1] + 3735 * src[o + 2] + 16384) >> 15;
      if (full) {
        dst[o] = y;
        dst[o + 1] = y;
        dst[o + 2] = y;
      } else {
        for (let c = 0; c < 3; c++) dst[o + c] = roundHalfEven(y * alpha + src[o + c] * (1 - alpha));
      }
    }
    return;
  }
  for (let i = 0, o = 0; i < n; i++, o += cn) {
    const y = 0.299 * src[o] + 0.587 * src[o + 1] + 0.114 * src[o + 2];
    for (let c = 0; c < 3; c++) dst[o + c] = full ? y : y * alpha + src[o + c] * (1 - alpha);
  }
}

/**
 * {@link grayscaleImage} on each image of a uniform batch (`batch` seen as one tall image, `size` values per image),
 * image i with `alphas[i]`, into `out`. A uint8 RGB batch turned fully gray (the common case) goes in one pass.
 */
export function grayscaleImages(batch: Image, alphas: ArrayLike<number>, out: Image, size: number): void {
  let full = true;
  for (let i = 0; i < alphas.length; i++) full &&= alphas[i] >= 1 - EPS;
  if (full && batch.channels === 3 && batch.data instanceof Uint8Array) {
    grayRgb(batch.data, out.data as Uint8Array, batch.height * batch.width);
    return;
  }
  const shape = { height: batch.height / alphas.length, width: batch.width, channels: batch.channels };
  for (let i = 0; i < alphas.length; i++) {
    const from = i * size;
    const to = from + size;
    grayscaleImage({ ...shape, data: batch.data.subarray(from, to) }, alphas[i], {
      ...shape,
      data: out.data.subarray(from, to),
    });
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The common case: `n` RGB pixels in, their gray value copied to the three channels. `dst` may not be `src`. */
const grayRgb = defineKernel({
  name: 'grayRgb',
  reference: grayRgbLoop,
  wasm: grayRgbU8Wasm,
});

function grayRgbLoop(src: Uint8Array, dst: Uint8Array, n: number): void {
  let p = 0;
  if (LITTLE_ENDIAN && ((src.byteOffset | dst.byteOffset) & 3) === 0 && n >= 4) {
    // Four pixels in three int32 words (little-endian: pixel bytes r0 g0 b0 r1 | g1 b1 r2 g2 | b2 r3 g3 b3): a
    // quarter of the loads and stores of a byte loop. Gray bytes y0 y0 y0 y1 | y1 y1 y2 y2 | y2 y3 y3 y3 go out.
    const groups = n >> 2;
    grayWords(
      new Int32Array(src.buffer, src.byteOffset, 3 * groups),
      new Int32Array(dst.buffer, dst.byteOffset, 3 * groups),
    );
    p = groups << 2;
  }
  for (let o = 3 * p; o < 3 * n; o += 3) {
    const y = (9798 * src[o] + 19235 * src[o + 1] + 3735 * src[o + 2] + 16384) >> 15;
    dst[o] = y;
    dst[o + 1] = y;
    dst[o + 2] = y;
  }
}

/**
 * Four pixels per three words of `s` into the same words of `d` (see grayRgbLoop). A function of this loop alone, so
 * that V8 compiles it whole: see the word loops in kernels/lut.ts.
 */
function grayWords(s: Int32Array, d: Int32Array): void {
  for (let i = 0; i < s.length; i += 3) {
    const a = s[i];
    const b = s[i + 1];
    const c = s[i + 2];
    const y0 = (9798 * (a & 255) + 19235 * ((a >>> 8) & 255) + 3735 * ((a >>> 16) & 255) + 16384) >> 15;
    const y1 = (9798 * (a >>> 24) + 19235 * (b & 255) + 3735 * ((b >>> 8) & 255) + 16384) >> 15;
    const y2 = (9798 * ((b >>> 16) & 255) + 19235 * (b >>> 24) + 3735 * (c & 255) + 16384) >> 15;
    const y3 = (9798 * ((c >>> 8) & 255) + 19235 * ((c >>> 16) & 255) + 3735 * (c >>> 24) + 16384) >> 15;
    d[i] = Math.imul(y0, 0x010101) | (y1 << 24);
    d[i + 1] = Math.imul(y1, 0x0101) | Math.imul(y2, 0x01010000);
    d[i + 2] = y2 | Math.imul(y3, 0x01010100);
  }
}
