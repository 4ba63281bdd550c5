import { argumentError } from '../../core/errors.ts';
import type { Image } from '../../core/image.ts';
import { convertColorspace } from '../../kernels/colorspace.ts';
import { quantizeKMeans } from '../../kernels/kmeans.ts';
import { type ResizeInterpolation, resizeImage } from '../../kernels/resize.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { RandomStream } from '../../random/stream.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { enumOption, nameOption, numberOption } from '../base/options.ts';
import { SOURCE_COLORSPACES, type SourceColorspace, fromColorspaceOption } from './colorspace-options.ts';
import { QUANTIZE_IMAGES } from './quantization.ts';

// imgaug's quantize_kmeans: cv2.kmeans with at most 10 iterations and a centre shift of 1 to stop at.
const MAX_ITER = 10;
const EPS = 1;

// The downscaled image, the colour channels, the quantized image, labels and centres of one call, reused across calls.
const scratch = new Scratch();

/** One image's draws: the number of colours, the space it is clustered in and the stream of its starting centres. */
export interface KMeansColorQuantizationParams {
  readonly nColors: number;
  readonly toColorspace: SourceColorspace;
  readonly centers: RandomStream;
}

/** imgaug's `max_size`: an integer ≥ 1, or null for no downscaling. */
const maxSizeOption: OptionDef<number | null, number | null> = {
  default: 128,
  meta: {
    type: 'number | null',
    range: 'an integer ≥ 1 or null',
    doc: 'Images whose longer side exceeds this are clustered at that size and resized back (null: never).',
  },
  parse(owner, option, value) {
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw argumentError(owner, option, 'an integer ≥ 1 or null', value, typeof value === 'number' ? 'range' : 'type');
    }
    return value;
  },
};

/** A uint8 image in scratch slot `slot`. */
function scratchImage(slot: number, height: number, width: number, channels: number): Image {
  return { data: scratch.u8(slot, height * width * channels), height, width, channels } as Image;
}

/**
 * Reduces each image to `nColors` colours (drawn per image) found by k-means clustering of its pixels (imgaug's
 * `KMeansColorQuantization`): the pixels are clustered in `toColorspace` (drawn per image; RGB or Lab by default),
 * each pixel takes its cluster's centre (truncated), and the image is converted back. Images whose longer side exceeds
 * `maxSize` are clustered at that size (sides truncated, resized with `interpolation`) and resized back. uint8 images
 * with 1, 3 or 4 channels; a fourth channel (alpha) is kept; 1-channel images are clustered as they are. An image with
 * no more pixels than `nColors` is returned unchanged, as imgaug does.
 *
 * k-means as cv2.kmeans runs it for imgaug: starting centres drawn uniformly in the pixels' bounding box (widened by
 * 1/dims per side, OpenCV's KMEANS_RANDOM_CENTERS), at most 10 updates, stop when no centre moves more than 1, an
 * empty cluster takes the largest cluster's farthest pixel.
 *
 * Differs from imgaug: the starting centres come from the image's stream (imgaug resets OpenCV's generator to seed 1
 * before each call, so its clusters depend on the image alone), so the colours found can differ where k-means has
 * several local optima; an image with at most `nColors` distinct colours keeps them (the optimum, which Lloyd's
 * iterations can miss); a side that `maxSize` would shrink to 0 pixels keeps 1 (imgaug's resize fails there).
 *
 * @param nColors The number of colours: an integer in [2, 256], a `[min, max]` range or an `iap` parameter.
 *   Default `[2, 16]`.
 * @example iaa.KMeansColorQuantization()                              // 2–16 colours per image
 * @example iaa.KMeansColorQuantization(8, { toColorspace: 'RGB' })     // 8 colours, clustered in RGB
 */
export const KMeansColorQuantization = defineAugmenter({
  type: 'KMeansColorQuantization',
  kind: 'pixel',
  primary: 'nColors',
  options: {
    nColors: numberOption([2, 16], { integer: true, min: 2, max: 256 }, 'The number of colours (clusters).'),
    fromColorspace: fromColorspaceOption,
    toColorspace: enumOption<SourceColorspace>(
      ['RGB', 'Lab'],
      SOURCE_COLORSPACES,
      'The colour space the pixels are clustered in, drawn per image from a list or parameter.',
    ),
    maxSize: maxSizeOption,
    interpolation: nameOption<ResizeInterpolation>(
      'linear',
      ['nearest', 'linear', 'area', 'cubic'],
      'How images are downscaled to maxSize and resized back (cv2.resize).',
    ),
  },
  examples: [{ nColors: [2, 8] }, { nColors: 4, toColorspace: 'HSV', maxSize: 10, interpolation: 'nearest' }],
  accepts: QUANTIZE_IMAGES,
  drawParams: ({ nColors, toColorspace }, random): KMeansColorQuantizationParams => ({
    nColors: Math.min(256, Math.max(2, Math.round(nColors.draw(random.stream('nColors'))))),
    toColorspace: toColorspace.draw(random.stream('toColorspace')),
    centers: random.stream('centers'),
  }),
  apply(image, params, out, { fromColorspace, maxSize, interpolation }) {
    const { height, width, channels } = image;
    // imgaug's _ensure_max_size: the longer side down to maxSize, both sides scaled by maxSize / longer, truncated.
    let work = image;
    const longer = Math.max(height, width);
    if (maxSize !== null && longer > maxSize) {
      const h = Math.max(1, Math.trunc(height * (maxSize / longer)));
      const w = Math.max(1, Math.trunc(width * (maxSize / longer)));
      work = scratchImage(0, h, w, channels);
      resizeImage(image, work, interpolation);
    }
    const same = work.height === height && work.width === width;
    const result = same ? out : scratchImage(1, work.height, work.width, channels);
    quantizeImage(work, params, fromColorspace, result.data as Uint8Array);
    if (!same) resizeImage(result, out, interpolation);
  },
});

/** Clusters `image`'s colours (in the drawn space; alpha kept) into `out` (same size). */
function quantizeImage(
  image: Image,
  { nColors, toColorspace, centers }: KMeansColorQuantizationParams,
  fromColorspace: SourceColorspace,
  out: Uint8Array,
): void {
  const src = image.data as Uint8Array;
  const n = image.height * image.width;
  const cn = image.channels;
  if (nColors >= n) {
    out.set(src);
    return;
  }
  const dims = cn === 1 ? 1 : 3;
  const colours = scratch.u8(2, n * dims);
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) colours[i * dims + j] = src[i * cn + j];
  if (dims === 3) convertColorspace(colours, colours, n, image.width, fromColorspace, toColorspace);
  quantizeKMeans({
    pixels: colours,
    n,
    dims,
    k: nColors,
    centers: randomCenters(colours, n, dims, nColors, centers.restart()),
    maxIter: MAX_ITER,
    eps: EPS,
    labels: scratch.i32(3, n),
    out: colours,
  });
  if (dims === 3) convertColorspace(colours, colours, n, image.width, toColorspace, fromColorspace);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) out[i * cn + j] = colours[i * dims + j];
    if (cn === 4) out[i * cn + 3] = src[i * cn + 3];
  }
}

/**
 * OpenCV's KMEANS_RANDOM_CENTERS: each centre uniform in the pixels' bounding box widened by 1/dims of its size on
 * each side, per dimension (`(u · (1 + 2 m) − m) · (max − min) + min`, m = 1/dims), drawn from `rng`.
 */
function randomCenters(pixels: Uint8Array, n: number, dims: number, k: number, rng: RandomStream): Float64Array {
  const centers = scratch.f64(4, k * dims);
  const margin = 1 / dims;
  for (let j = 0; j < dims; j++) {
    let lo = 255;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, pixels[i * dims + j]);
      hi = Math.max(hi, pixels[i * dims + j]);
    }
    for (let c = 0; c < k; c++) centers[c * dims + j] = (rng.random() * (1 + 2 * margin) - margin) * (hi - lo) + lo;
  }
  return centers;
}
