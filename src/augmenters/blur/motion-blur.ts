import type { Image } from '../../core/image.ts';
import { applyWarp } from '../../geometry/apply.ts';
import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import type { WarpOrder } from '../../kernels/warp-affine.ts';
import { numberArg } from '../../params/sugar.ts';
import { defineAugmenter } from '../base/define.ts';
import { integerRange, numberOption, numberSetOption } from '../base/options.ts';
import { filterImage, pairwiseSumF32 } from '../convolutional/matrix.ts';
import { DOUBLE_RULES, IMGAUG_FLOAT32_RULES, affineMatrixOf, isIdentityMatrix } from '../geometric/affine-matrix.ts';

const f32 = Math.fround;
const K_RULES = { integer: true, min: 3, max: 99 };
const K_ACCEPTED = 'an integer in [3, 99], a [min, max] range in [3, 99] or an iap parameter';

/** The k × k kernel drawn for one image. */
export interface MotionBlurParams {
  readonly kernel: Filter2DKernel;
}

/**
 * imgaug 0.4.0's motion kernel: a vertical line through the centre of a k × k uint8 image with values
 * `linspace(d, 1 − d, k) · 255` (d = (direction + 1) / 2, so the line fades towards one end), turned by `angle`
 * degrees with imgaug's Affine (about the centre, constant border 0, interpolation `order`), then divided by 255 and
 * by its sum in float32. `angleIsInteger` says imgaug saw an integer angle (double-precision radians).
 */
export function motionKernel(
  k: number,
  angle: number,
  direction: number,
  order: WarpOrder,
  angleIsInteger: boolean,
): Filter2DKernel {
  const d = (Math.min(1, Math.max(-1, f32(direction))) + 1) / 2;
  // numpy's linspace: start + i · step, the last value exactly the stop; a zero step gives the start everywhere.
  const step = (1 - d - d) / (k - 1);
  const line = new Uint8Array(k * k);
  for (let i = 0; i < k; i++) {
    const v = i === k - 1 ? 1 - d : step === 0 ? d : i * step + d;
    // float32 matrix · 255, cast to uint8 (truncation).
    line[i * k + (k >> 1)] = Math.trunc(f32(f32(v) * 255));
  }
  const shape = { height: k, width: k, channels: 1 };
  const rules = angleIsInteger ? DOUBLE_RULES : IMGAUG_FLOAT32_RULES;
  const matrix = affineMatrixOf(1, 1, 0, 0, false, angle, 0, 0, shape, rules);
  let turned = line;
  if (!isIdentityMatrix(matrix)) {
    turned = new Uint8Array(k * k);
    const out: Image = { ...shape, data: turned };
    applyWarp({ ...shape, data: line }, { kind: 'affine', matrix, output: shape }, out, {
      order,
      mode: 'constant',
      cval: 0,
    });
  }
  const data = new Float32Array(k * k);
  for (let i = 0; i < k * k; i++) data[i] = turned[i] / 255;
  const sum = pairwiseSumF32(data);
  for (let i = 0; i < k * k; i++) data[i] = f32(data[i] / sum);
  return { height: k, width: k, data };
}

/**
 * Blurs each image as if the camera or the object moved along a line: a k × k kernel holding a line at `angle`
 * degrees, drawn once per image with k, angle and `direction`.
 *
 * `direction` −1 puts all weight at one end of the line, 1 at the other, 0 spreads it evenly (a symmetric blur). The
 * kernel is imgaug 0.4.0's (a vertical line turned by imgaug's Affine with interpolation `order`, normalised in
 * float32) and is applied with `cv2.filter2D`'s arithmetic (borders mirrored without repeating the edge pixel), so
 * uint8 images get imgaug's bytes; float32 images are filtered the same way and not clipped. An even k becomes
 * k + 1. Every channel gets the same kernel.
 *
 * Differs from imgaug: for k ≥ 13 OpenCV filters through a DFT; augkit sums directly, which can differ by rounding.
 *
 * @param k The kernel size: an integer in [3, 99], a `[min, max]` range drawn per image, or an `iap` parameter.
 *   Default `[3, 7]`.
 * @param angle The line's angle in degrees (clockwise from vertical): a number, a range or a parameter.
 *   Default `[0, 360]`.
 * @param direction Where the weight lies along the line, in [-1, 1]. Default `[-1, 1]`.
 * @param order The interpolation of the line's rotation: 0, 1 or 3. Default 1.
 * @example iaa.MotionBlur(15, { angle: [-45, 45] })  // long streaks, mostly vertical
 * @example iaa.MotionBlur([3, 7], { direction: 1 })  // short streaks fading towards one end
 */
export const MotionBlur = defineAugmenter({
  type: 'MotionBlur',
  kind: 'pixel',
  primary: 'k',
  options: {
    k: {
      ...numberOption([3, 7], K_RULES, 'The side of the square kernel, in pixels.'),
      parse: (owner, option, value) => numberArg(owner, option, integerRange(value), K_RULES),
    },
    angle: numberOption([0, 360], { min: -3600, max: 3600 }, 'The angle of the motion, in degrees.'),
    direction: numberOption(
      [-1, 1],
      { min: -1, max: 1 },
      'Where the weight lies along the line: -1 one end, 1 the other.',
    ),
    order: numberSetOption(1, [0, 1, 3], 'The interpolation used to turn the line: 0, 1 or 3.'),
  },
  examples: [
    { k: [3, 9], angle: [0, 360], direction: [-1, 1] },
    { k: 5, angle: [-30, 30], order: [0, 3] },
  ],
  drawParams({ k, angle, direction, order }, random): MotionBlurParams {
    const drawnK = k.draw(random.stream('k'));
    const side = drawnK % 2 === 0 ? drawnK + 1 : drawnK;
    const a = angle.draw(random.stream('angle'));
    const dir = direction.draw(random.stream('direction'));
    const o = order.draw(random.stream('order')) as WarpOrder;
    return { kernel: motionKernel(side, a, dir, o, angle.integer) };
  },
  apply: (image, { kernel }, out) => filterImage(image, [kernel], out),
});
