import type { ChannelPlane } from '../../kernels/histogram.ts';
import { channelHistogram, pilEqualizeLut } from '../../kernels/pil-histogram.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { defineAugmenter } from '../base/define.ts';
import { eachChannelAsLevels } from '../contrast/all-channels-histogram-equalization.ts';

// One channel's histogram and table (apply runs synchronously).
const scratch = new Scratch();

/** Nothing is drawn. */
export type EqualizeParams = Record<string, never>;

const NONE: EqualizeParams = {};

/** Pillow's equalize table of one channel, applied to that channel. */
function equalizeChannel(plane: ChannelPlane, out: Uint8Array): void {
  const { data, channels, channel } = plane;
  const lut = pilEqualizeLut(channelHistogram(data, channels, channel, scratch.i32(0, 256)), scratch.u8(1, 256));
  for (let i = channel; i < data.length; i += channels) out[i] = lut[data[i]];
}

/**
 * Equalizes the histogram of each channel on its own with Pillow's `ImageOps.equalize`: values are spread so that
 * each output level holds about the same number of pixels. Nothing is drawn.
 *
 * Pillow's rule, not OpenCV's (`AllChannelsHistogramEqualization`): with step = (pixels − count of the highest value
 * present) // 255, value v becomes (step // 2 + count of the values below v) // step; a channel of one value, or
 * with fewer than 256 pixels below its highest value, is kept. uint8 images of any channel count get Pillow 9.4's
 * bytes (its bands one by one; a fourth channel is equalized like the others, as imgaug does).
 *
 * Differs from imgaug: imgaug 0.4.0 runs its own NumPy version on 1-channel images, 4-channel images and RGB images
 * of 64 × 64 pixels or more, whose step subtracts the count of the value 255 rather than of the highest value
 * present; where 255 is absent and the highest value is frequent the tables differ (a 64 × 64 gray image clipped at
 * 200, 435 pixels at 200: 99 % of the pixels differ, by up to 31). augkit gives Pillow's bytes for every image. imgaug
 * takes uint8 images only; augkit quantises float32 images (0–1 intensities, clipped) to 256 levels, equalizes them
 * and scales the result back to 0–1.
 *
 * @example iaa.pillike.Equalize()
 */
export const Equalize = defineAugmenter({
  type: 'pillike.Equalize',
  kind: 'pixel',
  options: {},
  examples: [{}],
  drawParams: (): EqualizeParams => NONE,
  fixedParams: (): EqualizeParams => NONE,
  apply: (image, _params, out) => eachChannelAsLevels(image, out, equalizeChannel),
});
