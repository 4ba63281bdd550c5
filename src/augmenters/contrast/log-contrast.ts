import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE, saturateF32, valueMapDefinition } from '../base/value-map.ts';

const f32 = Math.fround;

/**
 * Applies a logarithmic curve `gain · log2(1 + x)` (x the intensity in 0–1) with a gain drawn once per image, or
 * once per channel: brightens the dark tones more than the bright ones.
 *
 * uint8 images use imgaug 0.4.0's float32 lookup table `trunc(clip(float32(255 · gain) · log2(1 + x), 0, 255))`
 * with x = `linspace(0, 1, 256)` in float32 (gain 1 maps 0 → 0, 64 → 82, 255 → 255). float32 images are read as
 * 0–1 intensities: `gain · log2(1 + x)`, not clipped; a negative value x gives `−gain · log2(1 − x)`, so the curve
 * stays monotonic and finite.
 *
 * Differs from imgaug: imgaug hands float images to scikit-image, whose curve is NaN below −1; augkit mirrors the
 * curve for negative values.
 *
 * @param gain A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0.4, 1.6]`.
 * @param perChannel true, false, or the probability that an image gets one gain per channel. Default false.
 * @example iaa.LogContrast(1)                               // the plain log curve: 64 → 82
 * @example iaa.LogContrast([0.6, 1.4], { perChannel: 0.5 }) // half of the images get a gain per channel
 */
export const LogContrast = defineAugmenter(
  valueMapDefinition({
    type: 'LogContrast',
    name: 'gain',
    option: numberOption([0.4, 1.6], { min: 0, max: VALUE_MAP_RANGE.max }, 'The factor of the log curve.'),
    noun: 'gain',
    examples: [{ gain: [0.4, 1.6], perChannel: 0.5 }],
    uint8: logUint8,
    float: (x, gain) => saturateF32(x >= 0 ? gain * Math.log2(1 + x) : -gain * Math.log2(1 - x)),
  }),
);

/**
 * imgaug: `table = 0 + 255 * gain * np.log2(1 + linspace(0, 1, 256, float32))`: `255 * gain` is a double (a Python
 * int times a float32 scalar), cast to float32 for the product with the float32 array; `1 + x` and the log2 are
 * float32 (taken here as the double log2 rounded to float32).
 */
function logUint8(v: number, gain: number): number {
  const x = v === 255 ? 1 : f32(v * (1 / 255));
  return f32(f32(255 * f32(gain)) * f32(Math.log2(f32(1 + x))));
}
