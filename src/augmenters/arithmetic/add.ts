import { roundHalfEven } from '../../core/round.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE, saturateF32, valueMapDefinition } from '../base/value-map.ts';

/**
 * Adds a value drawn once per image, or once per channel, to every pixel.
 *
 * Positive values brighten, negative ones darken. For uint8 images the value is rounded half to even and clipped
 * to [-255, 255], then added in integers with saturation at 0 and 255 (imgaug 0.4.0's lookup table, so
 * `Add(2.5)` adds 2 and `Add(3.5)` adds 4). float32 images get the value as drawn, unrounded, and are not clipped (beyond
 * float32's range they saturate at ±3.4e38). `value` lies in [-1e6, 1e6].
 *
 * @param value A number, a `[min, max]` range sampled per image (continuous, as in imgaug), or an `iap`
 *   parameter. Any finite number. Default `[-20, 20]`.
 * @param perChannel true, false, or the probability that an image gets one value per channel. Default false.
 * @example iaa.Add(10)                                 // every pixel 10 brighter (255 stays 255)
 * @example iaa.Add([-40, 40], { perChannel: 0.5 })   // half of the images get a colour shift
 */
export const Add = defineAugmenter(
  valueMapDefinition({
    type: 'Add',
    name: 'value',
    option: numberOption(
      [-20, 20],
      VALUE_MAP_RANGE,
      'The value added to every pixel (uint8 results are clipped to 0–255).',
    ),
    noun: 'value',
    examples: [{ value: [-40, 40], perChannel: 0.5 }],
    uint8: addUint8,
    float: addFloat,
  }),
);

/** imgaug: `clip(round(value), -255, 255)` with numpy's half-to-even round, then `clip(v + value, 0, 255)`. */
export function addUint8(v: number, value: number): number {
  const n = roundHalfEven(value);
  return v + (n < -255 ? -255 : n > 255 ? 255 : n);
}

function addFloat(x: number, value: number): number {
  return saturateF32(x + value);
}
