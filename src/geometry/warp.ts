// What a geometric augmenter draws for one image: where every input point goes, and the output's shape. Pixels
// (geometry/apply.ts) and labels (augmentables/: keypoints, boxes, polygons, maps) consume the same Warp.
import type { Image, Shape } from '../core/image.ts';
import type { ElasticWarp } from '../kernels/elastic.ts';
import type { PadMode, Sides } from '../kernels/pad.ts';
import type { ResizeInterpolation } from '../kernels/resize.ts';

export type { PadMode, Sides } from '../kernels/pad.ts';

/** A row-major 2×3 affine matrix mapping input pixel centres (integer coordinates) to output ones. */
export type Mat2x3 = readonly [number, number, number, number, number, number];

/**
 * imgaug's transformation of a segmentation map or heatmap of shape `map` when it differs from its image's size:
 * the augmenter redoes its draw at the map's size (Affine, PerspectiveTransform) or projects its amounts onto it
 * (the crop and pad family), and a size kept by the augmenter is the map's own. `mapped` moves a warp of the
 * augmenter's children (an image of shape `image`) onto a map of shape `map` the same way. Resize steps with
 * 'auto' interpolation take the map's default (cubic for heatmaps, nearest for segmentation maps).
 */
export type MapWarpHook = (map: Shape, mapped: (warp: Warp, image: Shape, map: Shape) => Warp) => Warp;

/** One image's geometric transformation; `output` is the shape of the result. */
export type Warp = WarpKind & {
  /** How maps of another size than the image move (see `MapWarpHook`); without it, the motion scaled to them. */
  readonly forMap?: MapWarpHook;
};

/** The kinds of Warp, by what moves the pixels. */
export type WarpKind =
  /** Nothing moves (a copy): what imgaug does when it skips a warp. */
  | { readonly kind: 'identity'; readonly output: Shape }
  /** An affine matrix, input → output. */
  | { readonly kind: 'affine'; readonly matrix: Mat2x3; readonly output: Shape }
  /** A row-major 3×3 perspective matrix, input → output. */
  | { readonly kind: 'perspective'; readonly matrix: ArrayLike<number>; readonly output: Shape }
  /** An index map: the columns (axis 'x') or the rows (axis 'y') in reverse order. */
  | { readonly kind: 'flip'; readonly axis: 'x' | 'y'; readonly output: Shape }
  /**
   * A resize to `output` with OpenCV's interpolation; 'auto' is imgaug's choice when it names none (area positions
   * when a side grows, else linear: `resizeAuto`). `heatmaps` and `segmaps`, when given, are the interpolations of
   * those maps (KeepSizeByResize's own options; 'no_resize' leaves such a map as it is); otherwise heatmaps follow
   * the image (cubic for 'auto') and segmentation maps take nearest neighbour.
   */
  | {
      readonly kind: 'resize';
      readonly interpolation: ResizeInterpolation | 'auto';
      readonly output: Shape;
      readonly heatmaps?: ResizeInterpolation | 'no_resize';
      readonly segmaps?: ResizeInterpolation | 'no_resize';
    }
  /** Removes `sides` pixels from each side (all at least 0, leaving at least one row and column). */
  | { readonly kind: 'crop'; readonly sides: Sides; readonly output: Shape }
  /**
   * Adds `sides` pixels to each side, filled by numpy.pad's `mode` (`cval` for 'constant' and as 'linear_ramp''s end
   * value). Images use `cval` as drawn; maps pad with 0 whatever the mode (imgaug).
   */
  | {
      readonly kind: 'pad';
      readonly sides: Sides;
      readonly mode: PadMode;
      readonly cval: number;
      readonly output: Shape;
    }
  /** `k` quarter turns clockwise (0–3; imgaug's Rot90); odd `k` swaps height and width. */
  | { readonly kind: 'rot90'; readonly k: 0 | 1 | 2 | 3; readonly output: Shape }
  /**
   * A displacement field (ElasticTransformation): output pixel (x, y) reads the input at (x − dx, y − dy), the
   * fields made from `field`'s noise (kernels/elastic.ts); `output` is the input's shape.
   */
  | { readonly kind: 'displacement'; readonly field: ElasticWarp; readonly output: Shape }
  /** Several warps, one after the other (PerspectiveTransform with keepSize: the warp, then the resize back). */
  | { readonly kind: 'chain'; readonly steps: readonly Warp[]; readonly output: Shape }
  /**
   * Labels only (BlendAlphaMask and its family): each label from the foreground branch's warp `fg` or the background
   * branch's `bg` by the opacity `mask` (the input image's, values in [0, 1], one or more channels), as imgaug 0.4.0
   * chooses: a keypoint by the mask's mean over channels at its rounded input position (above 0.5: foreground; a
   * keypoint outside the mask keeps that rounded position), the other coordinate kinds all together by the whole
   * mask's mean (above 0.5: foreground), maps cell by cell by the mask resized to them (at least 0.5: foreground).
   */
  | {
      readonly kind: 'blend';
      readonly fg: Warp;
      readonly bg: Warp;
      readonly mask: Image<Float32Array>;
      readonly output: Shape;
    };

/** The mean of an opacity mask's channels at pixel `p` (y · width + x), in float32 as numpy's mean over them. */
export function channelMean(mask: Image<Float32Array>, p: number): number {
  const { data, channels } = mask;
  let sum = 0;
  for (let c = 0; c < channels; c++) sum = Math.fround(sum + data[p * channels + c]);
  return Math.fround(sum / channels);
}

/** The mean of an opacity mask over all its values (1 for an empty mask, as imgaug's). */
export function opacityMean(mask: Image<Float32Array>): number {
  const { data } = mask;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i];
  return data.length > 0 ? sum / data.length : 1;
}

/** The warp that leaves an image of `shape` as it is. */
export function identityWarp(shape: Shape): Warp {
  return { kind: 'identity', output: shape };
}

/**
 * Where the input point (x, y) lands in the output, in pixel coordinates whose integers are pixel centres (the
 * kernels' convention): a bright pixel at (x, y) in the input is, after the warp, brightest around the returned
 * point. Undefined for a perspective point that goes to infinity, and
 * for a displacement field (its fields come from noise: augmentables/points.ts moves points through them). `input` is the input's shape (flips and resizes need it).
 * @example mapPoint({ kind: 'flip', axis: 'x', output: { height: 3, width: 5, channels: 1 } }, 0, 2, shape) // [4, 2]
 */
export function mapPoint(warp: Warp, x: number, y: number, input: Shape): [number, number] | undefined {
  switch (warp.kind) {
    case 'identity':
      return [x, y];
    case 'affine': {
      const m = warp.matrix;
      return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
    }
    case 'perspective': {
      const m = warp.matrix;
      const w = m[6] * x + m[7] * y + m[8];
      if (w === 0) return undefined;
      return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
    }
    case 'flip':
      return warp.axis === 'x' ? [input.width - 1 - x, y] : [x, input.height - 1 - y];
    case 'resize': {
      // Pixel edges scale with the image: centre x sits at x + 0.5 pixel widths from the left edge.
      const sx = warp.output.width / input.width;
      const sy = warp.output.height / input.height;
      return [(x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5];
    }
    case 'crop':
      return [x - warp.sides.left, y - warp.sides.top];
    case 'pad':
      return [x + warp.sides.left, y + warp.sides.top];
    case 'rot90':
      return warp.k === 0
        ? [x, y]
        : warp.k === 1
          ? [input.height - 1 - y, x]
          : warp.k === 2
            ? [input.width - 1 - x, input.height - 1 - y]
            : [y, input.width - 1 - x];
    case 'displacement':
      // Points move by the field at their pixel (the fields are not made here): see augmentables/points.ts.
      return undefined;
    case 'blend':
      // The coordinate kinds' rule (keypoints go point by point: augmentables/points.ts).
      return mapPoint(opacityMean(warp.mask) > 0.5 ? warp.fg : warp.bg, x, y, input);
    case 'chain': {
      let point: [number, number] | undefined = [x, y];
      let shape = input;
      for (const step of warp.steps) {
        point = mapPoint(step, point[0], point[1], shape);
        if (point === undefined) return undefined;
        shape = step.output;
      }
      return point;
    }
  }
}
