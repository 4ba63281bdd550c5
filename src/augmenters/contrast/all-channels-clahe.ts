import { argumentError } from '../../core/errors.ts';
import { type ChannelPlane, claheChannel } from '../../kernels/histogram.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { type ParsedHeightWidth, heightWidthOption, numberOption, probabilityOption } from '../base/options.ts';
import { eachChannelAsLevels } from './all-channels-histogram-equalization.ts';

/** One image's draws: one of each, or one per channel. */
export interface AllChannelsClaheParams {
  readonly clipLimits: Float64Array;
  /** Tiles per column and per row (OpenCV's tile grid), after tileGridSizePxMin. */
  readonly tilesY: Float64Array;
  readonly tilesX: Float64Array;
}

/** `tileGridSizePx`: one drawn grid size for both axes, or a height and a width (imgaug's tuple of two). */
const tileGridOption = heightWidthOption(
  [3, 12],
  { integer: true, min: 2, max: 100 },
  'The number of tiles per axis (imgaug hands OpenCV this count, not a size in pixels).',
);

/** `tileGridSizePxMin`: a plain integer, the smallest tile count per axis (drawn counts are raised to it). */
const tileGridMinOption: OptionDef<number, number> = {
  default: 3,
  meta: { type: 'number', range: 'an integer in [2, 100]', doc: 'The smallest number of tiles per axis.' },
  parse(owner, option, value) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > 100) {
      throw argumentError(owner, option, 'an integer in [2, 100]', value, typeof value === 'number' ? 'range' : 'type');
    }
    return value;
  },
};

/** The options CLAHE and AllChannelsCLAHE share: the clip limit and the tile grid. */
export const claheOptions = {
  clipLimit: numberOption([0.1, 8], { min: 1e-4, max: 1000 }, 'The clip limit of the tiles’ histograms.'),
  tileGridSizePx: tileGridOption,
  tileGridSizePxMin: tileGridMinOption,
};

/**
 * Contrast-limited adaptive histogram equalisation (CLAHE) of each channel on its own: the image is cut into a grid
 * of tiles, each tile's histogram is equalised with its peaks clipped at `clipLimit`, and each pixel blends the
 * tables of its four nearest tiles. Clip limit and grid are drawn once per image, or once per channel.
 *
 * This is `cv2.createCLAHE(clipLimit, (tilesX, tilesY)).apply` per channel, as imgaug 0.4.0 calls it, with OpenCV
 * 4.6's integer clipping, float32 tables and interpolation, so uint8 images get imgaug's bytes. `tileGridSizePx` is
 * the number of tiles per axis, raised to at least `tileGridSizePxMin` (imgaug's name says pixels; it hands OpenCV a
 * count). Equalising RGB channels separately shifts colours; CLAHE works on the lightness only.
 *
 * Differs from imgaug: imgaug accepts uint8 images only; augkit quantises float32 images (0–1 intensities, clipped)
 * to 256 levels, equalises them and scales the result back to 0–1.
 *
 * @param clipLimit The clip limit (higher: stronger contrast, more noise): a number in [0.0001, 1000], a
 *   `[min, max]` range drawn per image, or an `iap` parameter. Default `[0.1, 8]`.
 * @param tileGridSizePx Tiles per axis: an integer in [2, 100], a range, a parameter, or `{ height, width }` of
 *   these drawn apart. Default `[3, 12]`.
 * @param tileGridSizePxMin The fewest tiles per axis. Default 3.
 * @param perChannel true, false, or the probability that an image draws a clip limit and grid per channel.
 *   Default false.
 * @example iaa.AllChannelsCLAHE(2, { tileGridSizePx: 8 })              // OpenCV's usual setting on every channel
 * @example iaa.AllChannelsCLAHE([1, 10], { tileGridSizePx: { height: [3, 6], width: [6, 12] }, perChannel: true })
 */
export const AllChannelsCLAHE = defineAugmenter({
  type: 'AllChannelsCLAHE',
  kind: 'pixel',
  primary: 'clipLimit',
  options: {
    ...claheOptions,
    perChannel: probabilityOption(
      false,
      'Whether each channel draws its own clip limit and grid (or the probability).',
    ),
  },
  examples: [
    { clipLimit: [0.1, 8], tileGridSizePx: [3, 12], perChannel: 0.5 },
    { clipLimit: 4, tileGridSizePx: { height: [2, 5], width: [3, 9] }, tileGridSizePxMin: 2 },
  ],
  drawParams: ({ clipLimit, tileGridSizePx, tileGridSizePxMin, perChannel }, random, shape): AllChannelsClaheParams =>
    drawClahe(
      clipLimit,
      tileGridSizePx,
      tileGridSizePxMin,
      perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1,
      random,
    ),
  apply: (image, params, out) => eachChannelAsLevels(image, out, claheOn(params)),
});

/** Draws `n` clip limits and grids (one per channel, or one for all). */
export function drawClahe(
  clipLimit: Param<number>,
  tileGridSizePx: ParsedHeightWidth,
  tileGridSizePxMin: number,
  n: number,
  random: RandomSource,
): AllChannelsClaheParams {
  const clipLimits = new Float64Array(n);
  const tilesY = new Float64Array(n);
  const tilesX = new Float64Array(n);
  clipLimit.drawMany(random.stream('clipLimit'), clipLimits);
  if ('both' in tileGridSizePx) {
    tileGridSizePx.both.drawMany(random.stream('tileGridSizePx'), tilesY);
    tilesX.set(tilesY);
  } else {
    tileGridSizePx.height.drawMany(random.stream('tileGridSizePx.height'), tilesY);
    tileGridSizePx.width.drawMany(random.stream('tileGridSizePx.width'), tilesX);
  }
  for (let c = 0; c < n; c++) {
    // imgaug's clip limit is a float32 sample; the tile counts are raised to the minimum.
    clipLimits[c] = Math.fround(clipLimits[c]);
    tilesY[c] = Math.max(tilesY[c], tileGridSizePxMin);
    tilesX[c] = Math.max(tilesX[c], tileGridSizePxMin);
  }
  return { clipLimits, tilesY, tilesX };
}

/** The per-channel step: CLAHE of one plane with its channel's draws (or the one shared draw). */
export function claheOn({ clipLimits, tilesY, tilesX }: AllChannelsClaheParams) {
  return (plane: ChannelPlane, dst: Uint8Array): void => {
    const i = clipLimits.length === 1 ? 0 : plane.channel;
    claheChannel(plane, clipLimits[i], tilesX[i], tilesY[i], dst);
  };
}
