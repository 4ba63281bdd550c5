import type { ChannelPlane } from '../../kernels/histogram.ts';
import { channelHistogram, pilAutocontrastLut } from '../../kernels/pil-histogram.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';
import { eachChannelAsLevels } from '../contrast/all-channels-histogram-equalization.ts';

// One channel's histogram and table (apply runs synchronously).
const scratch = new Scratch();

/** One image's cut-off percentages: one for every channel, or one per channel. */
export interface AutocontrastParams {
  readonly cutoffs: readonly number[];
}

/** Pillow's autocontrast table of one channel with its cut-off, applied to that channel. */
function autocontrastChannel(plane: ChannelPlane, out: Uint8Array, cutoff: number): void {
  const { data, channels, channel } = plane;
  const hist = channelHistogram(data, channels, channel, scratch.i32(0, 256));
  const lut = pilAutocontrastLut(hist, cutoff, scratch.u8(1, 256));
  for (let i = channel; i < data.length; i += channels) out[i] = lut[data[i]];
}

/**
 * Stretches the contrast of each channel to 0–255 with Pillow's `ImageOps.autocontrast`: `cutoff` percent of the
 * darkest and of the brightest values (drawn per image, or per channel with `perChannel`) are ignored, and the
 * lowest and highest values left become 0 and 255.
 *
 * Each channel has its own histogram (Pillow works band by band): the low and the high end each lose
 * pixels · cutoff // 100 counts, then v ↦ int((v − lo) · 255 / (hi − lo)), clipped; a channel whose remaining values
 * are one is kept. uint8 images of any channel count get Pillow 9.4's bytes (a fourth channel is stretched like the
 * others, as imgaug does).
 *
 * Differs from imgaug: imgaug 0.4.0 computes 1- and 4-channel images, and every image when the cut-off is 0, with
 * its own NumPy version, which it states to be identical to Pillow's; augkit follows Pillow's code for every image.
 * imgaug takes uint8 images only; augkit quantises float32 images (0–1 intensities, clipped) to 256 levels,
 * stretches them and scales the result back to 0–1.
 *
 * @param cutoff An integer percentage in [0, 49], a `[min, max]` range or an `iap` parameter. Default `[0, 20]`.
 * @example iaa.pillike.Autocontrast()                                // cut 0–20 % at each end
 * @example iaa.pillike.Autocontrast([10, 20], { perChannel: true }) // a cut-off per channel
 */
export const Autocontrast = defineAugmenter({
  type: 'pillike.Autocontrast',
  kind: 'pixel',
  primary: 'cutoff',
  options: {
    cutoff: numberOption(
      [0, 20],
      { integer: true, min: 0, max: 49 },
      'The percentage of values cut off at each end of the histogram.',
    ),
    perChannel: probabilityOption(
      false,
      'Whether each channel draws its own cut-off (or the probability that it does).',
    ),
  },
  examples: [{ cutoff: [0, 20] }, { cutoff: [5, 30], perChannel: 0.5 }],
  drawParams({ cutoff, perChannel }, random, shape): AutocontrastParams {
    const channels = perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1;
    const draws = random.stream('cutoff');
    const cutoffs: number[] = new Array(channels);
    // imgaug draws a discrete parameter; a continuous one (an iap parameter) is rounded.
    for (let c = 0; c < channels; c++) cutoffs[c] = Math.round(cutoff.draw(draws));
    return { cutoffs };
  },
  apply: (image, { cutoffs }, out) =>
    eachChannelAsLevels(image, out, (plane, dst) =>
      autocontrastChannel(plane, dst, cutoffs[Math.min(plane.channel, cutoffs.length - 1)]),
    ),
});
