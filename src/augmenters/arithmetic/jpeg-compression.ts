import { roundHalfEven } from '../../core/round.ts';
import { jpegRoundTrip } from '../../kernels/jpeg/round-trip.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** One image's draw: the JPEG quality (1–100) its compression strength maps to. */
export interface JpegCompressionParams {
  readonly quality: number;
}

/**
 * imgaug's compression → quality: the draw is cut to an integer (`int(sample)`), then quality =
 * round(1 + 99 · (1 − compression / 101)), clipped to 1–100 (numpy rounds half to even; no integer compression lands
 * on a half). Compression 0 gives quality 100, 70 gives 31, and 100 gives 2: quality 1 is never used.
 */
export function jpegQuality(compression: number): number {
  const c = Math.trunc(compression);
  return Math.min(100, Math.max(1, roundHalfEven(1 + 99 * (1 - c / 101))));
}

/**
 * Degrades each image by saving it as a JPEG and reading it back, at a compression strength drawn per image
 * (imgaug's `JpegCompression`, the same bytes as imgaug 0.4.0 with Pillow 9.4 on libjpeg-turbo 2.1): high
 * compression keeps only the low frequencies, leaving 8×8 blocks, ringing at edges and smeared colour.
 *
 * `compression` (0–100, cut to an integer) becomes a JPEG quality from 100 down to 2 by imgaug's formula (70 → 31).
 * The image is compressed as Pillow saves it — baseline, the standard quantisation tables scaled by quality, 3
 * channels as YCbCr with chroma at half size in both directions (4:2:0), 1 channel as greyscale — and decoded as
 * Pillow reads it back; only the lossless entropy coding, which changes no pixel, is skipped. The codec is
 * TypeScript (src/kernels/jpeg), so it runs in browsers too. Images must be uint8 with 1 or 3 channels.
 *
 * Differs from imgaug: imgaug asserts that each drawn compression lies in [0, 100]; an unbounded parameter's draws
 * (`iap.normal`) are clipped into it here, as for every augkit option.
 *
 * @param compression A number in [0, 100], a `[min, max]` range or an `iap` parameter. Default `[0, 100]`.
 * @example iaa.JpegCompression([70, 99]) // qualities 31 down to 3: visible blocks
 * @example iaa.JpegCompression(iap.choice([10, 50, 90])) // one of three strengths per image
 */
export const JpegCompression = defineAugmenter({
  type: 'JpegCompression',
  kind: 'pixel',
  primary: 'compression',
  options: {
    compression: numberOption(
      [0, 100],
      { min: 0, max: 100 },
      'The compression strength, drawn per image and cut to an integer; higher is a lower JPEG quality.',
    ),
  },
  examples: [{ compression: [70, 99] }, { compression: [0, 50] }],
  accepts: {
    dtypes: ['uint8'],
    channels: [1, 3],
    text: "a uint8 image with 1 or 3 channels, as imgaug's compress_jpeg requires (a greyscale or RGB JPEG)",
  },
  drawParams: ({ compression }, random): JpegCompressionParams => ({
    quality: jpegQuality(compression.draw(random.stream('compression'))),
  }),
  apply(image, { quality }, out) {
    jpegRoundTrip(image.data as Uint8Array, image, quality, out.data as Uint8Array);
  },
});
