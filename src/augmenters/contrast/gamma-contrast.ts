import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE, saturateF32, valueMapDefinition } from '../base/value-map.ts';

const f32 = Math.fround;

/**
 * Applies a gamma curve `x^gamma` (x the intensity in 0–1) with a gamma drawn once per image, or once per channel.
 *
 * `gamma` below 1 brightens the dark tones, above 1 darkens them, 1 leaves the image unchanged. uint8 images use
 * imgaug 0.4.0's float32 lookup table `trunc(clip(255 · x^gamma, 0, 255))` with x = `linspace(0, 1, 256)` in
 * float32 and the power taken in float32 (so 128 with gamma 2 gives 64, 255 stays 255). float32 images are read
 * as 0–1 intensities: `x^gamma`, not clipped; a negative value x gives `−(−x)^gamma`, so the curve stays monotonic
 * (beyond float32's range it saturates at ±3.4e38). `gamma` lies in [0, 1e6].
 *
 * Differs from imgaug: imgaug computes float images relative to the float dtype's whole value range, which gives
 * meaningless results; augkit treats float32 images as 0–1 intensities, the same curve as the uint8 table.
 *
 * @param gamma A number ≥ 0, a `[min, max]` range sampled per image, or an `iap` parameter (draws are clipped
 *   at 0). Default `[0.7, 1.7]`.
 * @param perChannel true, false, or the probability that an image gets one gamma per channel. Default false.
 * @example iaa.GammaContrast(2)                               // darker mid-tones: 128 → 64
 * @example iaa.GammaContrast([0.5, 2], { perChannel: true }) // a different curve for each channel
 */
export const GammaContrast = defineAugmenter(
  valueMapDefinition({
    type: 'GammaContrast',
    name: 'gamma',
    option: numberOption(
      [0.7, 1.7],
      { min: 0, max: VALUE_MAP_RANGE.max },
      'The exponent applied to the values scaled to [0, 1].',
    ),
    noun: 'gamma',
    examples: [{ gamma: [0.5, 2] }],
    uint8: gammaUint8,
    float: gammaFloat,
  }),
);

/**
 * imgaug: `table = 0 + linspace(0, 1, 256, float32) ** float32(gamma) * 255`. numpy's linspace computes
 * `i * (1/255)` in double before the float32 cast, and the endpoint is exactly 1. The float32 power is the double
 * power rounded to float32, i.e. correctly rounded; numpy's vectorised float32 power (SIMD, CPU-dependent) is
 * sometimes 1 ulp off, which moved 2 of 512,000 table entries by 1 in a comparison with numpy 1.24 on AVX-512.
 */
function gammaUint8(v: number, gamma: number): number {
  const x = v === 255 ? 1 : f32(v * (1 / 255));
  return f32(f32(x ** f32(gamma)) * 255);
}

function gammaFloat(x: number, gamma: number): number {
  return saturateF32(x >= 0 ? x ** gamma : -((-x) ** gamma));
}
