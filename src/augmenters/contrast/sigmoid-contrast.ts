import type { Image } from '../../core/image.ts';
import { applyLut, mapFloat } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';

const f32 = Math.fround;

// The per-channel tables of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();

/** One image's gains and cutoffs: one of each, or one per channel. */
export interface SigmoidContrastParams {
  readonly gains: Float64Array;
  readonly cutoffs: Float64Array;
}

/**
 * imgaug 0.4.0's uint8 table: `255 / (1 + exp(gain · (cutoff − x)))` in float32 with x = `linspace(0, 1, 256)` in
 * float32, gain and cutoff float32, the exp taken as the double exp rounded to float32; clipped, then truncated.
 */
export function sigmoidUint8(v: number, gain: number, cutoff: number): number {
  const x = v === 255 ? 1 : f32(v * (1 / 255));
  const e = f32(Math.exp(f32(f32(gain) * f32(f32(cutoff) - x))));
  return Math.trunc(Math.min(255, Math.max(0, f32(255 / f32(1 + e)))));
}

/**
 * Applies an S-curve `1 / (1 + exp(gain · (cutoff − x)))` (x the intensity in 0–1) with a gain and a cutoff drawn
 * once per image, or once per channel: values below the cutoff get darker, values above it brighter, more so for a
 * larger gain.
 *
 * uint8 images use imgaug 0.4.0's float32 lookup table `trunc(clip(255 / (1 + exp(gain · (cutoff − x))), 0, 255))`
 * with x = `linspace(0, 1, 256)` in float32 (gain 10, cutoff 0.5 maps 0 → 1, 128 → 128, 255 → 253). float32 images
 * are read as 0–1 intensities and mapped to (0, 1), not clipped.
 *
 * @param gain The steepness: a number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter.
 *   Default `[5, 6]`.
 * @param cutoff The intensity (0–1) where the curve crosses one half: a number, range or parameter. Default
 *   `[0.3, 0.6]`.
 * @param perChannel true, false, or the probability that an image gets a gain and cutoff per channel. Default false.
 * @example iaa.SigmoidContrast(10, { cutoff: 0.5 })               // strong contrast around mid-grey
 * @example iaa.SigmoidContrast([3, 10], { cutoff: [0.4, 0.6], perChannel: true })
 */
export const SigmoidContrast = defineAugmenter({
  type: 'SigmoidContrast',
  kind: 'pixel',
  primary: 'gain',
  options: {
    gain: numberOption([5, 6], { min: 0, max: VALUE_MAP_RANGE.max }, 'The steepness of the S-curve.'),
    cutoff: numberOption([0.3, 0.6], { min: 0, max: 1 }, 'The intensity (0–1) at the centre of the S-curve.'),
    perChannel: probabilityOption(false, 'Whether an image gets a gain and cutoff per channel (or the probability).'),
  },
  examples: [{ gain: [3, 10], cutoff: [0.3, 0.7], perChannel: 0.5 }],
  drawParams({ gain, cutoff, perChannel }, random, shape): SigmoidContrastParams {
    const n = perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1;
    const gains = new Float64Array(n);
    const cutoffs = new Float64Array(n);
    gain.drawMany(random.stream('gain'), gains);
    cutoff.drawMany(random.stream('cutoff'), cutoffs);
    return { gains, cutoffs };
  },
  apply: (image, params, out) => sigmoidImage(image, params, out),
});

function sigmoidImage(image: Image, { gains, cutoffs }: SigmoidContrastParams, out: Image): void {
  const n = gains.length;
  if (image.data instanceof Uint8Array) {
    const tables: Uint8Array[] = [];
    for (let c = 0; c < n; c++) {
      const table = scratch.u8(c, 256);
      for (let v = 0; v < 256; v++) table[v] = sigmoidUint8(v, gains[c], cutoffs[c]);
      tables.push(table);
    }
    applyLut(image.data, tables, image.channels, out.data as Uint8Array);
    return;
  }
  // mapFloat hands each channel its value: here the channel's index, to read both of its parameters.
  const channel = scratch.f64(n, n);
  for (let c = 0; c < n; c++) channel[c] = c;
  mapFloat(image.data, channel, image.channels, (x, c) => 1 / (1 + Math.exp(gains[c] * (cutoffs[c] - x))), out.data);
}
