import { defineAugmenter } from '../base/define.ts';
import { type AllChannelsClaheParams, claheOn, claheOptions, drawClahe } from './all-channels-clahe.ts';
import { applyToIntensity, fromColorspaceOption, toColorspaceOption } from './intensity-channel.ts';

/**
 * Contrast-limited adaptive histogram equalisation (CLAHE) of each image's lightness, keeping its colours: RGB images
 * are converted to Lab (or HLS, HSV), CLAHE runs on the L (or V) channel and the image is converted back, as imgaug
 * 0.4.0 does. Clip limit and tile grid are drawn once per image. A fourth channel (alpha) is kept; 1-channel images
 * get CLAHE directly, other channel counts channel by channel.
 *
 * The conversions are OpenCV's uint8 `cvtColor` and CLAHE is `cv2.createCLAHE(clipLimit, (tilesX, tilesY)).apply`
 * with OpenCV 4.6's arithmetic (see AllChannelsCLAHE), so uint8 images get imgaug's bytes. `tileGridSizePx` is the
 * number of tiles per axis, raised to at least `tileGridSizePxMin`.
 *
 * Differs from imgaug: imgaug accepts uint8 images only; augkit quantises float32 images (0–1 intensities, clipped)
 * to 256 levels, equalises them and scales the result back to 0–1. imgaug warns for channel counts other than 1, 3
 * and 4; augkit equalises their channels one by one without a warning.
 *
 * @param clipLimit The clip limit: a number in [0.0001, 1000], a `[min, max]` range drawn per image, or an `iap`
 *   parameter. Default `[0.1, 8]`.
 * @param tileGridSizePx Tiles per axis: an integer in [2, 100], a range, a parameter, or `{ height, width }` of
 *   these drawn apart. Default `[3, 12]`.
 * @param tileGridSizePxMin The fewest tiles per axis. Default 3.
 * @param toColorspace The space whose intensity is equalised: 'Lab' (default), 'HLS' or 'HSV'.
 * @param fromColorspace The space of the input images: 'RGB' (default), 'BGR', 'Lab', 'HLS' or 'HSV'.
 * @example iaa.CLAHE(2, { tileGridSizePx: 8 })                 // OpenCV's usual setting on the lightness
 * @example iaa.CLAHE([1, 10], { toColorspace: 'HSV' })
 */
export const CLAHE = defineAugmenter({
  type: 'CLAHE',
  kind: 'pixel',
  primary: 'clipLimit',
  options: {
    ...claheOptions,
    toColorspace: toColorspaceOption,
    fromColorspace: fromColorspaceOption,
  },
  examples: [
    { clipLimit: [0.1, 8], tileGridSizePx: [3, 12] },
    { clipLimit: [1, 4], tileGridSizePx: { height: [2, 4], width: [3, 6] }, toColorspace: 'HLS' },
  ],
  drawParams: ({ clipLimit, tileGridSizePx, tileGridSizePxMin }, random): AllChannelsClaheParams =>
    drawClahe(clipLimit, tileGridSizePx, tileGridSizePxMin, 1, random),
  apply: (image, params, out, { fromColorspace, toColorspace }) =>
    applyToIntensity(image, out, fromColorspace, toColorspace, claheOn(params)),
});
