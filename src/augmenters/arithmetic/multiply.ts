import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE, saturateF32, valueMapDefinition } from '../base/value-map.ts';

const f32 = Math.fround;

/**
 * Multiplies each image by a factor drawn once per image, or once per channel.
 *
 * Factors below 1 darken, above 1 brighten. uint8 output comes from a float32 lookup table, clipped to 0–255 and
 * truncated as imgaug 0.4.0 does (255 × 0.5 = 127.5 → 127); float32 output is the plain product, not clipped
 * (beyond float32's range it saturates at ±3.4e38). `mul` lies in [-1e6, 1e6].
 *
 * @param mul A number, a `[min, max]` range sampled per image, or an `iap` parameter. Default `[0.8, 1.2]`.
 * @param perChannel true, false, or the probability that an image gets one factor per channel. Default false.
 * @example iaa.Multiply([0.5, 1.5])                      // some images darker, some brighter
 * @example iaa.Multiply([0.5, 1.5], { perChannel: 0.5 }) // half of the images get one factor per channel
 */
export const Multiply = defineAugmenter(
  valueMapDefinition({
    type: 'Multiply',
    name: 'mul',
    option: numberOption([0.8, 1.2], VALUE_MAP_RANGE, 'The factor every pixel is multiplied by.'),
    noun: 'factor',
    examples: [{ mul: [0.5, 1.5], perChannel: 0.5 }],
    uint8: multiplyUint8,
    float: multiplyFloat,
  }),
);

/** imgaug 0.4.0's uint8 product before its table truncates and clips it: float32(v · float32(mul)). */
export function multiplyUint8(v: number, mul: number): number {
  return f32(v * f32(mul));
}

function multiplyFloat(x: number, mul: number): number {
  return saturateF32(x * mul);
}
