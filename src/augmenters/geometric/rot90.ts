import type { Shape } from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import { defineAugmenter } from '../base/define.ts';
import { booleanOption, discreteOption } from '../base/options.ts';
import { type CropPadParams, applyCropPad, cropPadOutput } from '../size/crop-pad-core.ts';

/** The warp of `k` clockwise quarter turns of an image of `shape`, resized back with `keepSize` where it changed. */
export function rot90Warp(k: number, shape: Shape, keepSize: boolean): Warp {
  const turns = (((k % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  if (turns === 0) return { kind: 'identity', output: shape };
  const odd = turns % 2 === 1;
  const output = odd ? { height: shape.width, width: shape.height, channels: shape.channels } : shape;
  if (!keepSize || !odd) return { kind: 'rot90', k: turns, output };
  // imgaug resizes a kept-size map back to its own shape, also when the image is square and the map is not.
  const forMap = (map: Shape): Warp => rot90Warp(turns, map, true);
  if (output.height === shape.height && output.width === shape.width)
    return { kind: 'rot90', k: turns, output, forMap };
  const steps: Warp[] = [
    { kind: 'rot90', k: turns, output },
    { kind: 'resize', interpolation: 'auto', output: shape },
  ];
  return { kind: 'chain', steps, output: shape, forMap };
}

/**
 * Turns each image by `k` quarter turns clockwise, `k` drawn per image (imgaug's `Rot90`; k = 1 is
 * `np.rot90(image, -1)`), and by default resizes a turned non-square image back to the input's size.
 *
 * `k` is an integer (any, taken modulo 4; negative turns go anticlockwise), a `[min, max]` range drawing every
 * integer in it equally often (imgaug's tuple, `DiscreteUniform`), a list of another length to choose from per image
 * (`[0, 1, 2, 3]` for any orientation, imgaug's list), or an integer `iap` parameter. `keepSize` (default true)
 * resizes the H × W result of an odd turn back to W × H as imgaug does (OpenCV's area positions where a side grows,
 * else bilinear); with `keepSize: false` the turned image keeps its swapped sides. The turn itself is an exact index
 * map.
 *
 * Differs from imgaug: a list of two values is a range, as everywhere in augkit (`[1, 3]` draws 1, 2 or 3); to
 * choose between two values write `iap.choice([1, 3])`.
 *
 * @param k Quarter turns clockwise: an integer, a `[min, max]` range, a list to choose from, or an `iap` parameter.
 *   Default 1.
 * @example iaa.Rot90([0, 1, 2, 3])                                 // any of the four orientations
 * @example iaa.Rot90(iaa.iap.choice([1, 3]), { keepSize: false }) // portrait becomes landscape
 */
export const Rot90 = defineAugmenter({
  type: 'Rot90',
  kind: 'geometric',
  primary: 'k',
  options: {
    k: discreteOption(1, { truncate: false, min: -1e9, max: 1e9 }, 'Quarter turns clockwise.'),
    keepSize: booleanOption(true, "Resize a turned image back to the input's size."),
  },
  examples: [{ k: [0, 1, 2, 3] }, { k: [1, 3], keepSize: false }, { k: { choice: [-1, 5] } }],
  drawParams: ({ k, keepSize }, random, shape): CropPadParams => ({
    warp: rot90Warp(k.draw(random.stream('k')), shape, keepSize),
  }),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
