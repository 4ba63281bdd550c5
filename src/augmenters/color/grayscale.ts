import type { Image } from '../../core/image.ts';
import { grayRgbU8Wasm } from '../../kernels/wasm/color.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** How much of the gray version is blended in for this image. */
interface GrayscaleParams {
  readonly alpha: number;
}

// imgaug's blend_alpha: at alpha ≥ 1 − ε the gray image is used as it is, at ≤ ε the input.
const EPS = 1e-2;

/**
 * Turns each image gray, or blends its gray version in with strength `alpha` drawn per image.
 *
 * The first three channels are read as RGB. uint8 uses OpenCV's RGB2GRAY fixed point,
 * `Y = (9798 R + 19235 G + 3735 B + 16384) >> 15`, copied into the three channels (bit-exact with imgaug at
 * alpha 1); a partial alpha blends as imgaug's `blend_alpha` (in double, rounded half to even). float32 uses
 * `0.299 R + 0.587 G + 0.114 B`, unrounded. Images with fewer than three channels are returned unchanged; channels
 * after the third (e.g. an alpha channel) are copied unchanged.
 *
 * @param alpha The strength of the effect in [0, 1]: a number, a `[min, max]` range or an `iap` parameter. Default 1.
 * @example iaa.Grayscale()            // fully gray
 * @example iaa.Grayscale([0, 1])      // from untouched to fully gray, per image
 */
export const Grayscale = defineAugmenter({
  type: 'Grayscale',
  kind: 'pixel',
  primary: 'alpha',
  options: { alpha: numberOption(1, { min: 0, max: 1 }) },
  drawParams: ({ alpha }, random): GrayscaleParams => ({ alpha: alpha.draw(random.stream('alpha')) }),
  apply: (image, { alpha }, out) => grayscale(image, alpha, out),
  applyBatch: (batch, params, out, size) => {
    // A uint8 RGB batch turned fully gray (the common case) in one pass; any other batch image by image.
    const full = params.every((p) => p.alpha >= 1 - EPS);
    if (full && batch.channels === 3 && batch.data instanceof Uint8Array) {
      grayRgb(batch.data, out.data as Uint8Array, batch.height * batch.width);
      return;
    }
    const shape = { height: batch.height / params.length, width: batch.width, channels: batch.channels };
    for (let i = 0; i < params.length; i++) {
      const from = i * size;
      const to = from + size;
      grayscale({ ...shape, data: batch.data.subarray(from, to) }, params[i].alpha, {
        ...shape,
        data: out.data.subarray(from, to),
      });
    }
  },
});

function grayscale(image: Image, alpha: number, out: Image): void {
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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The common case: `n` RGB pixels in, their gray value copied to the three channels. `dst` may not be `src`. */
function grayRgb(src: Uint8Array, dst: Uint8Array, n: number): void {
  if (grayRgbU8Wasm(src, dst, n)) return;
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
 * Four pixels per three words of `s` into the same words of `d` (see grayRgb). A function of this loop alone, so
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

/** numpy's round: half to even. The blend of two values in 0–255 stays in 0–255, so no clipping is needed. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
