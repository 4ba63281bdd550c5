import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import type { Mat2x3 } from '../../geometry/warp.ts';
import { pilAffineU8 } from '../../kernels/pil-affine.ts';
import { constant } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { AFFINE_RULES, type Axes, axesOption } from '../geometric/affine-core.ts';
import { affineTransformOptions } from '../geometric/single-axis.ts';
import { type Position, type PositionInput, parsePosition } from '../size/fixed-size-core.ts';
import { PIL_IMAGES } from './pil-images.ts';

/** One image's draws: the inverse map Pillow samples with, the forward one (for labels) and the fill colour. */
export interface PilAffineParams {
  /** Output pixel centre (x + 0.5, y + 0.5) → input point, as `Image.transform`'s data (float32 values). */
  readonly inverse: readonly number[];
  /** Input pixel centres → output pixel centres (integer coordinates), for the labels. */
  readonly warp: { readonly kind: 'affine'; readonly matrix: Mat2x3; readonly output: Shape };
  /** One fill value per channel (alpha 255). */
  readonly fill: Uint8Array;
}

const f32 = Math.fround;

type M3 = number[];

/** a · b of row-major 3×3 matrices, each entry rounded to float32 (imgaug multiplies float32 matrices). */
function times(a: M3, b: M3): M3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++)
      out[r * 3 + c] = f32(a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c]);
  }
  return out;
}

/**
 * imgaug's `pillike._create_affine_matrix`: about the centre point (cx, cy) in pixels, rotate (clockwise on screen),
 * shear (tanh of the angles), scale, then translate, all float32; returns the forward matrix (input → output, in
 * Pillow's coordinates where pixel (0, 0) covers [0, 1)²).
 */
export function pilAffineMatrix(
  scale: readonly [number, number],
  translate: readonly [number, number],
  rotate: number,
  shear: readonly [number, number],
  center: readonly [number, number],
): M3 {
  const rad = (deg: number) => f32(f32(deg) * f32(Math.PI / 180));
  const r = -rad(rotate);
  const [cos, sin] = [f32(Math.cos(r)), f32(Math.sin(r))];
  const [cx, cy] = [f32(center[0]), f32(center[1])];
  const [sx, sy] = [f32(Math.max(scale[0], 0.0001)), f32(Math.max(scale[1], 0.0001))];
  const steps: M3[] = [
    [1, 0, -cx, 0, 1, -cy, 0, 0, 1],
    [cos, sin, 0, -sin, cos, 0, 0, 0, 1],
    [1, f32(Math.tanh(rad(shear[0]))), 0, f32(Math.tanh(rad(shear[1]))), 1, 0, 0, 0, 1],
    [sx, 0, 0, 0, sy, 0, 0, 0, 1],
    [1, 0, f32(translate[0]), 0, 1, f32(translate[1]), 0, 0, 1],
    [1, 0, cx, 0, 1, cy, 0, 0, 1],
  ];
  let m: M3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (const step of steps) m = times(step, m);
  return m;
}

/** The inverse of an affine matrix (last row 0 0 1) as Pillow's six data values, rounded to float32 (np.linalg.inv). */
function inverseData(m: M3): number[] {
  const det = m[0] * m[4] - m[1] * m[3];
  const i0 = m[4] / det;
  const i1 = -m[1] / det;
  const i3 = -m[3] / det;
  const i4 = m[0] / det;
  return [i0, i1, -(i0 * m[2] + i1 * m[5]), i3, i4, -(i3 * m[2] + i4 * m[5])].map(f32);
}

/** `center`: imgaug's position forms, default the image centre. */
const centerOption: OptionDef<PositionInput, Position> = {
  default: 'center',
  meta: {
    type: 'name | { x, y }',
    range: "'center', 'uniform', 'normal', 'left-top' … 'right-bottom', or { x, y } fractions in [0, 1]",
    doc: 'The point the image turns, shears and scales about, as fractions of the width and height.',
  },
  parse: parsePosition,
};

/** What the options become, once per augmenter. */
export interface PilAffinePrepared {
  readonly scale: Axes;
  readonly translatePx?: Axes;
  readonly translatePercent?: Axes;
  readonly rotate: Param<number>;
  readonly shear: Axes;
  readonly fillcolor: Param<number>;
  readonly center: Position;
}

/** Draws a per-axis option: one draw for both axes from `name`, or x and y from `nameX` and `nameY`. */
function drawAxes(axes: Axes | undefined, name: string, fallback: number, random: RandomSource): [number, number] {
  if (axes?.both) {
    const v = axes.both.draw(random.stream(name));
    return [v, v];
  }
  const x = axes?.x ? axes.x.draw(random.stream(`${name}X`)) : fallback;
  const y = axes?.y ? axes.y.draw(random.stream(`${name}Y`)) : fallback;
  return [x, y];
}

/**
 * Warps each image with an affine transformation drawn per image, sampled like Pillow's `Image.transform(AFFINE)`
 * with nearest neighbour: scale, rotate and shear about `center` (the image centre by default), then translate;
 * pixels from outside the image get `fillcolor`.
 *
 * imgaug's `iaa.pillike.Affine`. The matrix is imgaug's `_create_affine_matrix` (float32 steps; shear by tanh of
 * the angle, not the angle's scikit-image form of `iaa.Affine`), sampled with Pillow 9.4's arithmetic (16.16 fixed
 * point, or doubles for a pure scale and shift) about continuous coordinates where pixel (0, 0) covers [0, 1)².
 * `fillcolor` draws three values per image (imgaug's `cval`), truncated: red, green and blue (alpha 255); a
 * 1-channel image takes the first. Keypoints, boxes and maps move with the same matrix. uint8 images with 1, 3 or 4
 * channels.
 *
 * Differs from imgaug: imgaug rejects labels (it warps images only) and fails on 1-channel images (it hands Pillow
 * a 3-value fill for an "L" image); augkit moves labels and fills gray images with the first value. imgaug inverts
 * the float32 matrix with LAPACK; augkit inverts it in double precision and rounds to float32, which can move a
 * sampled position by a float32 rounding step (a pixel changes only where that step crosses a pixel edge).
 *
 * @example iaa.pillike.Affine({ rotate: [-20, 20], fillcolor: [0, 255] })
 * @example iaa.pillike.Affine({ translatePx: { x: [-5, 5] }, center: 'left-top' })
 */
export const Affine = defineAugmenter({
  type: 'pillike.Affine',
  kind: 'geometric',
  options: {
    ...affineTransformOptions,
    shear: axesOption(0, AFFINE_RULES.shear, 'x', 'Degrees of shear (tanh of the angle), or { x, y }.'),
    fillcolor: numberOption(0, { min: 0, max: 255 }, 'The fill value, drawn for red, green and blue per image.'),
    center: centerOption,
  },
  examples: [
    { rotate: [-30, 30], scale: [0.8, 1.2], fillcolor: [0, 255] },
    { translatePercent: { x: [-0.2, 0.2] }, shear: { x: [-10, 10], y: [-5, 5] }, center: 'uniform' },
  ],
  accepts: PIL_IMAGES,
  validate(o) {
    if (o.translatePx && o.translatePercent) {
      throw argumentError('pillike.Affine', 'translatePx', 'not given together with translatePercent', 'both');
    }
  },
  prepare: (o): PilAffinePrepared => ({
    scale: o.scale as Axes,
    translatePx: o.translatePx,
    translatePercent: o.translatePercent,
    rotate: o.rotate?.param ?? constant(0),
    shear: o.shear as Axes,
    fillcolor: o.fillcolor,
    center: o.center,
  }),
  drawParams(p, random, shape): PilAffineParams {
    const { height, width, channels } = shape;
    const [scaleX, scaleY] = drawAxes(p.scale, 'scale', 1, random);
    const percent = p.translatePercent !== undefined;
    const [tx, ty] = drawAxes(percent ? p.translatePercent : p.translatePx, 'translate', 0, random);
    const rotate = p.rotate.draw(random.stream('rotate'));
    const [shearX, shearY] = drawAxes(p.shear, 'shear', 0, random);
    const fills = random.stream('fillcolor');
    const rgb = [0, 1, 2].map(() => Math.trunc(p.fillcolor.draw(fills)));
    const centers = random.stream('center');
    const centerX = p.center.x.draw(centers);
    const centerY = p.center.y.draw(centers);
    const m = pilAffineMatrix(
      [f32(scaleX), f32(scaleY)],
      percent ? [f32(tx) * width, f32(ty) * height] : [tx, ty],
      rotate,
      [shearX, shearY],
      [width * centerX, height * centerY],
    );
    const fill = new Uint8Array(channels);
    for (let c = 0; c < channels; c++) fill[c] = c < 3 ? rgb[channels === 1 ? 0 : c] : 255;
    // Pixel centres sit at + 0.5 in Pillow's coordinates: T(−0.5) · M · T(0.5) maps centre to centre.
    const matrix: Mat2x3 = [m[0], m[1], m[2] + 0.5 * (m[0] + m[1]) - 0.5, m[3], m[4], m[5] + 0.5 * (m[3] + m[4]) - 0.5];
    return { inverse: inverseData(m), warp: { kind: 'affine', matrix, output: shape }, fill };
  },
  apply(image: Image, { inverse, fill }, out: Image) {
    pilAffineU8(image.data as Uint8Array, image, inverse, fill, out.data as Uint8Array);
  },
});
