import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import { choice } from '../../params/choice.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, numberArg } from '../../params/sugar.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { booleanOption } from '../base/options.ts';
import { type CropPadParams, applyCropPad, cropPadOutput } from '../size/crop-pad-core.ts';

const K_ACCEPTED =
  'an integer, a list of integers to choose from, or an iap parameter (e.g. iap.discreteUniform(1, 3))';

/** `k`: quarter turns, an integer, a list chosen from per image (imgaug's list), or an integer parameter. */
function kOption(): OptionDef<NumberInput | readonly number[], Param<number>> {
  return {
    default: 1,
    meta: { type: 'integer | integer[] | iap parameter', range: K_ACCEPTED, doc: 'Quarter turns clockwise.' },
    parse(owner, option, value) {
      if (Array.isArray(value)) {
        // Unlike numeric options, a list here is a set to choose from, as imgaug's `k=[0, 1, 2, 3]`.
        if (value.length === 0 || !value.every((v) => Number.isInteger(v) && Math.abs(v) <= 1e9)) {
          throw argumentError(owner, option, K_ACCEPTED, value);
        }
        return choice(value as number[]);
      }
      return numberArg(owner, option, value, { integer: true, min: -1e9, max: 1e9 });
    },
  };
}

/** The warp of `k` clockwise quarter turns of an image of `shape`, resized back with `keepSize` where it changed. */
export function rot90Warp(k: number, shape: Shape, keepSize: boolean): Warp {
  const turns = (((k % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  if (turns === 0) return { kind: 'identity', output: shape };
  const odd = turns % 2 === 1;
  const output = odd ? { height: shape.width, width: shape.height, channels: shape.channels } : shape;
  const turn: Warp = { kind: 'rot90', k: turns, output };
  if (!keepSize || (output.height === shape.height && output.width === shape.width)) return turn;
  return { kind: 'chain', steps: [turn, { kind: 'resize', interpolation: 'auto', output: shape }], output: shape };
}

/**
 * Turns each image by `k` quarter turns clockwise, `k` drawn per image (imgaug's `Rot90`; k = 1 is
 * `np.rot90(image, -1)`), and by default resizes a turned non-square image back to the input's size.
 *
 * `k` is an integer (any, taken modulo 4; negative turns go anticlockwise), a list to choose from per image
 * (`[0, 1, 2, 3]` for any orientation), or an integer `iap` parameter. `keepSize` (default true) resizes the H × W
 * result of an odd turn back to W × H as imgaug does (OpenCV's area positions where a side grows, else bilinear);
 * with `keepSize: false` the turned image keeps its swapped sides. The turn itself is an exact index map.
 *
 * Differs from imgaug: a `[min, max]` range of turns is written `iap.discreteUniform(min, max)`, since a list here
 * is a set to choose from.
 *
 * @param k Quarter turns clockwise: an integer, a list of them, or an `iap` parameter. Default 1.
 * @example iaa.Rot90([0, 1, 2, 3])                 // any of the four orientations
 * @example iaa.Rot90([1, 3], { keepSize: false })   // portrait becomes landscape
 */
export const Rot90 = defineAugmenter({
  type: 'Rot90',
  kind: 'geometric',
  primary: 'k',
  options: {
    k: kOption(),
    keepSize: booleanOption(true, "Resize a turned image back to the input's size."),
  },
  examples: [{ k: [0, 1, 2, 3] }, { k: { discreteUniform: [1, 3] }, keepSize: false }],
  drawParams: ({ k, keepSize }, random, shape): CropPadParams => ({
    warp: rot90Warp(k.draw(random.stream('k')), shape, keepSize),
  }),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
