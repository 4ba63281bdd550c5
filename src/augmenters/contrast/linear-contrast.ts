import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE, saturateF32, valueMapDefinition } from '../base/value-map.ts';

const f32 = Math.fround;

/**
 * Scales each pixel's distance from the middle grey by a factor drawn once per image, or once per channel.
 *
 * `alpha` above 1 increases contrast, below 1 flattens it, 1 leaves the image unchanged and negative values
 * invert around the centre. uint8 images use imgaug 0.4.0's float32 lookup table
 * `trunc(clip(127 + alpha · (v − 127), 0, 255))` with the centre 127, not 127.5: `LinearContrast(0.5)` maps 0 to
 * 63 and 255 to 191. float32 images are read as 0–1 intensities: `0.5 + alpha · (x − 0.5)`, not clipped
 * (beyond float32's range it saturates at ±3.4e38). `alpha` lies in [-1e6, 1e6].
 *
 * Differs from imgaug: for float images imgaug uses the float dtype's centre, 0, so its LinearContrast is then a
 * plain multiplication by alpha (a brightness change, not a contrast change). augkit's float32 images are 0–1
 * intensities, so it scales around 0.5, which is what the uint8 path does around 127.
 *
 * @param alpha A number, a `[min, max]` range sampled per image, or an `iap` parameter, in [-1e6, 1e6].
 *   Default `[0.6, 1.4]`.
 * @param perChannel true, false, or the probability that an image gets one alpha per channel. Default false.
 * @example iaa.LinearContrast(0.5)                           // half the contrast: 0 → 63, 255 → 191
 * @example iaa.LinearContrast([0.4, 1.6], { perChannel: 0.5 }) // half of the images per channel
 */
export const LinearContrast = defineAugmenter(
  valueMapDefinition({
    type: 'LinearContrast',
    name: 'alpha',
    option: numberOption(
      [0.6, 1.4],
      VALUE_MAP_RANGE,
      'The contrast factor: pixels move away from (> 1) or towards (< 1) the middle.',
    ),
    noun: 'alpha',
    examples: [{ alpha: [0.5, 1.5], perChannel: 0.5 }],
    uint8: contrastUint8,
    float: contrastFloat,
  }),
);

/** imgaug: `127 + float32(alpha) * (arange(256, float32) - 127)`, every step in float32 (`buildLut` rounds the sum). */
function contrastUint8(v: number, alpha: number): number {
  return 127 + f32(f32(alpha) * (v - 127));
}

function contrastFloat(x: number, alpha: number): number {
  return saturateF32(0.5 + alpha * (x - 0.5));
}
