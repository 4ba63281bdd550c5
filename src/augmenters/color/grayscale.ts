import type { Image } from '../../core/image.ts';
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
    // The common case in one tight loop: RGB in, gray copied to the three channels.
    for (let o = 0; o < 3 * n; o += 3) {
      const y = (9798 * src[o] + 19235 * src[o + 1] + 3735 * src[o + 2] + 16384) >> 15;
      dst[o] = y;
      dst[o + 1] = y;
      dst[o + 2] = y;
    }
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

/** numpy's round: half to even. The blend of two values in 0–255 stays in 0–255, so no clipping is needed. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
