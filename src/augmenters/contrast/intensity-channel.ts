// imgaug's _IntensityChannelBasedApplier, shared by CLAHE and HistogramEqualization: colour images are converted to
// a colour space with an intensity channel, the channel is equalised alone, and the image is converted back.
import type { Image } from '../../core/image.ts';
import { copyChannels } from '../../kernels/channels.ts';
import { convertColorspace } from '../../kernels/colorspace.ts';
import { type ChannelPlane, levelsToUnit, unitToLevels } from '../../kernels/histogram.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { nameOption } from '../base/options.ts';
import { eachChannelAsLevels } from './all-channels-histogram-equalization.ts';

// The converted image and the levels of a float32 image (apply runs synchronously).
const scratch = new Scratch();

/** The spaces with an intensity channel, and which channel it is (imgaug's _CHANNEL_MAPPING). */
const INTENSITY = { Lab: 0, HLS: 1, HSV: 2 } as const;
export type IntensitySpace = keyof typeof INTENSITY;
const INTENSITY_SPACES = Object.keys(INTENSITY) as IntensitySpace[];
/** The spaces the input images may be in. */
export type SourceSpace = 'RGB' | 'BGR' | IntensitySpace;
const SOURCE_SPACES: readonly SourceSpace[] = ['RGB', 'BGR', 'Lab', 'HLS', 'HSV'];

/** `toColorspace`: Lab, HLS or HSV (imgaug's rule), default Lab. */
export const toColorspaceOption = nameOption<IntensitySpace>(
  'Lab',
  INTENSITY_SPACES,
  'The colour space whose intensity channel (L of Lab and HLS, V of HSV) is equalised.',
);
/** `fromColorspace`: the colour space of the input images, default RGB. */
export const fromColorspaceOption = nameOption<SourceSpace>('RGB', SOURCE_SPACES, 'The colour space of the images.');

/**
 * Applies `fn` to the intensity channel of 3- and 4-channel images (the 4th channel, alpha, is kept) after converting
 * them from `from` to `to` with OpenCV's uint8 conversions, and converts back; 1-channel images and other channel
 * counts get `fn` on each channel. float32 images (0–1) are quantised to 256 levels first and scaled back after
 * (their alpha is copied unquantised).
 */
export function applyToIntensity(
  image: Image,
  out: Image,
  from: SourceSpace,
  to: IntensitySpace,
  fn: (plane: ChannelPlane, out: Uint8Array) => void,
): void {
  const { height, width, channels } = image;
  if (channels !== 3 && channels !== 4) {
    eachChannelAsLevels(image, out, fn);
    return;
  }
  const n = height * width;
  const u8 = image.data instanceof Uint8Array;
  const levels = u8 ? (image.data as Uint8Array) : scratch.u8(0, n * channels);
  if (!u8) unitToLevels(image.data as Float32Array, levels);
  const converted = scratch.u8(1, 3 * n);
  copyChannels(levels, channels, 0, converted, 3, 0, 3, n);
  convertColorspace(converted, converted, n, width, from, to);
  const equalised = scratch.u8(2, 3 * n);
  equalised.set(converted);
  fn({ data: converted, height, width, channels: 3, channel: INTENSITY[to] }, equalised);
  convertColorspace(equalised, equalised, n, width, to, from);
  const result = u8 ? (out.data as Uint8Array) : scratch.u8(3, n * channels);
  copyChannels(equalised, 3, 0, result, channels, 0, 3, n);
  if (u8) {
    if (channels === 4) copyChannels(levels, 4, 3, result, 4, 3, 1, n);
    return;
  }
  levelsToUnit(result, out.data as Float32Array);
  if (channels === 4) copyChannels(image.data as Float32Array, 4, 3, out.data as Float32Array, 4, 3, 1, n);
}
