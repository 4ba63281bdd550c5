import type { Image, Shape } from '../../core/image.ts';
import { checkOutputSize } from '../../core/limits.ts';
import { roundHalfEven } from '../../core/round.ts';
import { type SampledWarp, type Sampling, applyWarp } from '../../geometry/apply.ts';
import type { MapWarpHook, Warp } from '../../geometry/warp.ts';
import type { BorderMode } from '../../kernels/border.ts';
import { type Matrix3, getPerspectiveTransform, perspectiveTransformPoints } from '../../kernels/warp-perspective.ts';
import { defineAugmenter } from '../base/define.ts';
import { booleanOption, enumOption, numberOption } from '../base/options.ts';

/** imgaug's PerspectiveTransform border modes: OpenCV's BORDER_CONSTANT and BORDER_REPLICATE. */
export type PerspectiveMode = 'constant' | 'replicate';

/** What one image's draw gives: the warp (the perspective warp, then with keepSize the resize back) and its border. */
export type PerspectiveTransformParams = SampledWarp;

/** imgaug's smallest warped width and height. */
const MIN_SIDE = 2;

const f = Math.fround;

/** Euclidean distance of two float32 points, in float32 as numpy computes it. */
function distance(ax: number, ay: number, bx: number, by: number): number {
  const dx = f(ax - bx);
  const dy = f(ay - by);
  return f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
}

/**
 * The warp for four corner offsets `jitter` (8 draws of N(0, sigma): x, y of top-left, top-right, bottom-right,
 * bottom-left), step by step as imgaug 0.4.0's `PerspectiveTransform._draw_samples` computes it.
 */
export function perspectiveFromJitter(
  jitter: ArrayLike<number>,
  shape: Shape,
  fitOutput: boolean,
): { matrix: Matrix3; height: number; width: number } {
  const { height: h, width: w } = shape;
  // |N| mod 1 of the side, measured inwards from each corner.
  const j = (i: number) => Math.abs(jitter[i]) % 1;
  const pts = [j(0) * w, j(1) * h, (1 - j(2)) * w, j(3) * h, (1 - j(4)) * w, (1 - j(5)) * h, j(6) * w, (1 - j(7)) * h];
  // _order_points: top-left has the smallest x + y, bottom-right the largest; top-right the smallest y − x,
  // bottom-left the largest (first index on ties, as argmin/argmax), as float32.
  let tl = 0;
  let br = 0;
  let tr = 0;
  let bl = 0;
  for (let i = 1; i < 4; i++) {
    const sum = pts[2 * i] + pts[2 * i + 1];
    const diff = pts[2 * i + 1] - pts[2 * i];
    if (sum < pts[2 * tl] + pts[2 * tl + 1]) tl = i;
    if (sum > pts[2 * br] + pts[2 * br + 1]) br = i;
    if (diff < pts[2 * tr + 1] - pts[2 * tr]) tr = i;
    if (diff > pts[2 * bl + 1] - pts[2 * bl]) bl = i;
  }
  const q = [tl, tr, br, bl].flatMap((i) => [f(pts[2 * i]), f(pts[2 * i + 1])]);
  // Widen (then heighten) the quadrilateral until its shorter side is at least MIN_SIDE pixels: the top (corners 0,
  // 1) and bottom (3, 2) sides move their x apart, the left (0, 3) and right (1, 2) sides their y.
  let maxWidth = stretch(q, 1, 0, 2, 3, [0, 6], [2, 4]);
  let maxHeight = stretch(q, 1, 2, 0, 3, [1, 3], [7, 5]);
  let matrix = getPerspectiveTransform(q, [0, 0, maxWidth, 0, maxWidth, maxHeight, 0, maxHeight]);
  if (fitOutput) {
    // _expand_transform: where the image's corners land, shifted to start at (0, 0) and rounded (half to even).
    const rect = [0, 0, w, 0, w, h, 0, h];
    const dst = corners;
    perspectiveTransformPoints(matrix, rect, dst);
    const minX = Math.min(dst[0], dst[2], dst[4], dst[6]);
    const minY = Math.min(dst[1], dst[3], dst[5], dst[7]);
    for (let i = 0; i < 8; i++) dst[i] = roundHalfEven(f(dst[i] - (i % 2 === 0 ? minX : minY)));
    matrix = getPerspectiveTransform(rect, dst);
    maxWidth = Math.trunc(Math.max(dst[0], dst[2], dst[4], dst[6]));
    maxHeight = Math.trunc(Math.max(dst[1], dst[3], dst[5], dst[7]));
  }
  return { matrix, height: maxHeight, width: maxWidth };
}

// fitOutput's corners, reused (perspectiveFromJitter does not call itself).
const corners = new Float64Array(8);

/**
 * imgaug's loop that makes the quadrilateral `q` (x, y of four corners) at least MIN_SIDE pixels across one way:
 * while the shorter of the sides a→b and c→d is below it, the coordinates at `minus` go down and those at `plus` up
 * by half the shortfall (in float32). Returns the longer side's length, truncated.
 */
function stretch(
  q: number[],
  a: number,
  b: number,
  c: number,
  d: number,
  minus: readonly [number, number],
  plus: readonly [number, number],
): number {
  for (;;) {
    const one = distance(q[2 * a], q[2 * a + 1], q[2 * b], q[2 * b + 1]);
    const two = distance(q[2 * c], q[2 * c + 1], q[2 * d], q[2 * d + 1]);
    const shorter = Math.trunc(Math.min(one, two));
    if (shorter >= MIN_SIDE) return Math.trunc(Math.max(one, two));
    const step = (MIN_SIDE - shorter) / 2;
    for (const i of minus) q[i] = f(q[i] - step);
    for (const i of plus) q[i] = f(q[i] + step);
  }
}

const jitter = new Float64Array(8);

/**
 * The warp of corner offsets `jitter` for an image of `shape`: the perspective warp (`drawn`, when already
 * computed), then with `keepSize` the resize back. A map of another size gets imgaug's treatment: the same offsets
 * drawn again at the map's size (`_draw_samples` with the map's shape), and with `keepSize` the map's own size back.
 */
export function perspectiveWarp(
  jitter: ArrayLike<number>,
  shape: Shape,
  keepSize: boolean,
  fitOutput: boolean,
  drawn = perspectiveFromJitter(jitter, shape, fitOutput),
): Warp {
  const { matrix, height, width } = drawn;
  const warped: Warp = { kind: 'perspective', matrix, output: { height, width, channels: shape.channels } };
  const forMap = perspectiveMapHook(Array.from(jitter), keepSize, fitOutput);
  return keepSize
    ? {
        kind: 'chain',
        steps: [warped, { kind: 'resize', interpolation: 'auto', output: shape }],
        output: shape,
        forMap,
      }
    : { ...warped, forMap };
}

/**
 * perspectiveWarp's hook for maps of another size. Made here, not in perspectiveWarp: a function stored in a
 * variable is named at run time under esbuild's keepNames (tsx runs the sources that way), which cost a few
 * microseconds per image.
 */
function perspectiveMapHook(own: readonly number[], keepSize: boolean, fitOutput: boolean): MapWarpHook {
  return (map) => perspectiveWarp(own, map, keepSize, fitOutput);
}

/**
 * Warps each image by a random four-point perspective transformation (imgaug's `PerspectiveTransform`).
 *
 * Each corner of the image moves inwards by |N(0, scale)| (modulo 1) of the width horizontally and of the height
 * vertically; the quadrilateral they span is stretched onto a rectangle as wide as its longer horizontal side and as
 * tall as its longer vertical side (at least 2 pixels). Small scales (0.01–0.1) give mild zoom-ins with a tilt.
 *
 * - `scale`: the standard deviation of the corner offsets, as a fraction of the side: a number ≥ 0, a `[min, max]`
 *   range or an `iap` parameter, drawn per image. Default `[0, 0.06]`.
 * - `keepSize`: resize the result back to the input's size (imgaug's automatic interpolation: OpenCV's area mode
 *   when a side grows, bilinear otherwise). Default true. With false the output sizes vary per image.
 * - `fitOutput`: grow the canvas so the whole input stays visible (up to augkit's limit of 8192 × 8192 pixels per
 *   image; a larger canvas throws before anything is allocated). Default false.
 * - `cval`: the fill value under `mode: 'constant'`. Default 0.
 * - `mode`: 'constant' (default) or 'replicate' (repeat the edge pixel); a list chooses per image.
 *
 * uint8 images are warped bilinearly with OpenCV's `warpPerspective` arithmetic: given the same corner offsets, the
 * bytes equal imgaug's (see `perspectiveFromJitter`). float32 images use float weights and are not clipped.
 *
 * Differs from imgaug: imgaug draws `scale` once per batch (its `Normal` draws one sigma per call) and `cval` once
 * per channel; here both are drawn per image, one `cval` for all channels, so results do not depend on the batch.
 *
 * @example iaa.PerspectiveTransform([0.01, 0.1])                      // mild perspective, same size
 * @example iaa.PerspectiveTransform({ scale: 0.1, keepSize: false }) // the warped crop as it is
 */
export const PerspectiveTransform = defineAugmenter({
  type: 'PerspectiveTransform',
  kind: 'geometric',
  primary: 'scale',
  options: {
    scale: numberOption(
      [0, 0.06],
      { min: 0, max: 1e6 },
      'The standard deviation of the corner jitter, as a fraction of the image side.',
    ),
    keepSize: booleanOption(true, 'Resize the warped image back to the input size.'),
    fitOutput: booleanOption(false, 'Enlarge the canvas so the whole warped image is visible.'),
    cval: numberOption(0, { min: -1e38, max: 1e38 }, "The fill value under mode 'constant'."),
    mode: enumOption<PerspectiveMode>(
      'constant',
      ['constant', 'replicate'],
      "How pixels outside the image are filled (OpenCV's names).",
    ),
  },
  examples: [
    { scale: [0.01, 0.15], mode: ['constant', 'replicate'], cval: [0, 255] },
    { scale: [0, 0.1], keepSize: false },
    { scale: 0.05, fitOutput: true },
  ],
  drawParams({ scale, keepSize, fitOutput, cval, mode }, random, shape): PerspectiveTransformParams {
    const sigma = scale.draw(random.stream('scale'));
    const stream = random.stream('jitter');
    for (let i = 0; i < 8; i++) jitter[i] = stream.normal() * sigma;
    const { matrix, height, width } = perspectiveFromJitter(jitter, shape, fitOutput);
    // The warped image is allocated at this size, also when keepSize resizes it back.
    checkOutputSize('PerspectiveTransform', fitOutput ? 'fitOutput' : 'scale', height, width);
    const sampling: Sampling = {
      order: 1,
      cval: cval.draw(random.stream('cval')),
      mode: mode.draw(random.stream('mode')) === 'replicate' ? 'edge' : 'constant',
    };
    return { warp: perspectiveWarp(jitter, shape, keepSize, fitOutput, { matrix, height, width }), sampling };
  },
  outputShape: (_options, _shape, params) => params.warp.output,
  apply: (image, { warp, sampling }, out) => applyWarp(image, warp, out, sampling),
});
