import type { Image } from '../../core/image.ts';
import { type ChannelPlane, equalizeHistogram, levelsToUnit, unitToLevels } from '../../kernels/histogram.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { defineAugmenter } from '../base/define.ts';

// The uint8 levels of a float32 image, in and out (apply runs synchronously).
const scratch = new Scratch();

/** Nothing is drawn. */
export type AllChannelsHistogramEqualizationParams = Record<string, never>;

/**
 * Runs `fn` on each channel of `image` as uint8 planes into `out`: directly for uint8 images; float32 images (0–1
 * intensities) are quantised to 256 levels first and scaled back after.
 */
export function eachChannelAsLevels(
  image: Image,
  out: Image,
  fn: (plane: ChannelPlane, out: Uint8Array) => void,
): void {
  const u8 = image.data instanceof Uint8Array;
  const src = u8 ? (image.data as Uint8Array) : scratch.u8(0, image.data.length);
  const dst = u8 ? (out.data as Uint8Array) : scratch.u8(1, image.data.length);
  if (!u8) unitToLevels(image.data as Float32Array, src);
  for (let c = 0; c < image.channels; c++) fn({ ...image, data: src, channel: c }, dst);
  if (!u8) levelsToUnit(dst, out.data as Float32Array);
}

/**
 * Equalises the histogram of each channel on its own, spreading its values over 0–255 (`cv2.equalizeHist` per
 * channel, as imgaug does): the lowest value present becomes 0, the highest 255. A channel of one value is kept.
 *
 * uint8 images get imgaug's bytes exactly. Equalising RGB channels separately shifts colours; HistogramEqualization
 * equalises the lightness only.
 *
 * Differs from imgaug: imgaug accepts uint8 images only; augkit quantises float32 images (0–1 intensities, clipped)
 * to 256 levels, equalises them and scales the result back to 0–1.
 *
 * @example iaa.AllChannelsHistogramEqualization()
 */
export const AllChannelsHistogramEqualization = defineAugmenter({
  type: 'AllChannelsHistogramEqualization',
  kind: 'pixel',
  options: {},
  examples: [{}],
  drawParams: (): AllChannelsHistogramEqualizationParams => ({}),
  fixedParams: (): AllChannelsHistogramEqualizationParams => ({}),
  apply: (image, _params, out) => eachChannelAsLevels(image, out, equalizeHistogram),
});
