// Moves segmentation maps and heatmaps through a Warp as imgaug 0.4.0 does: segmentation maps always by nearest
// neighbour, heatmaps by the interpolation imgaug picks for them, both with a constant 0 border; a map of another
// size than its image gets the image's transformation at its own size.
import { argumentError } from '../core/errors.ts';
import type { Image, Shape } from '../core/image.ts';
import { NEAREST, type Sampling, applyWarp } from '../geometry/apply.ts';
import type { Mat2x3, Warp } from '../geometry/warp.ts';
import type { ClassArray, Heatmap, SegmentationMap } from './types.ts';

const CUBIC: Sampling = { order: 3, mode: 'constant', cval: 0 };
const LINEAR: Sampling = { order: 1, mode: 'constant', cval: 0 };

/** Class ids above this lose precision in the float32 path that Uint16Array and Int32Array maps take. */
const MAX_CLASS = 1 << 24;

/**
 * The segmentation map moved by `warp` (the warp of an image of shape `image`): nearest neighbour, new area 0, at
 * the map's own size scaled like the image. A new map of the same array type; the input is not changed.
 */
export function warpSegmentationMap(
  map: SegmentationMap,
  warp: Warp,
  image: Shape,
  owner = 'augment',
): SegmentationMap {
  const { data, height, width } = map;
  const moved = mapWarp(warp, image, { height, width, channels: 1 }, 'nearest');
  if (moved.kind === 'identity') return { data: data.slice() as ClassArray, height, width };
  const { output } = moved;
  const size = output.height * output.width;
  if (data instanceof Uint8Array) {
    const out = new Uint8Array(size);
    applyWarp({ data, height, width, channels: 1 }, moved, { ...output, channels: 1, data: out }, NEAREST);
    return { data: out, height: output.height, width: output.width };
  }
  // Nearest neighbour copies values: through float32, exact for ids below 2^24.
  const floats = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v >= MAX_CLASS || v <= -MAX_CLASS) {
      throw argumentError(owner, `segmentationMaps.data[${i}]`, 'a class id below 2^24 in magnitude', v);
    }
    floats[i] = v;
  }
  const out = new Float32Array(size);
  applyWarp({ data: floats, height, width, channels: 1 }, moved, { ...output, channels: 1, data: out }, NEAREST);
  const result = data instanceof Uint16Array ? Uint16Array.from(out) : Int32Array.from(out);
  return { data: result, height: output.height, width: output.width };
}

/**
 * The heatmap moved by `warp`: bicubic under affine warps and displacement fields, bilinear under perspective
 * warps, the image's interpolation under a resize (bicubic where imgaug names none), new area 0, clipped to [0, 1].
 */
export function warpHeatmap(heatmap: Heatmap, warp: Warp, image: Shape): Heatmap {
  const { data, height, width, channels } = heatmap;
  const moved = mapWarp(warp, image, { height, width, channels }, 'cubic');
  if (moved.kind === 'identity') return { data: data.slice(), height, width, channels };
  const { output } = moved;
  const out = new Float32Array(output.height * output.width * channels);
  const src: Image = { data, height, width, channels };
  applyWarp(src, moved, { height: output.height, width: output.width, channels, data: out }, heatSampling(moved));
  for (let i = 0; i < out.length; i++) out[i] = out[i] < 0 ? 0 : out[i] > 1 ? 1 : out[i];
  return { data: out, height: output.height, width: output.width, channels };
}

/** imgaug's heatmap interpolation for a warp: bilinear for PerspectiveTransform, bicubic for the others. */
function heatSampling(warp: Warp): Sampling {
  if (warp.kind === 'perspective') return LINEAR;
  if (warp.kind === 'chain') return warp.steps.some((s) => s.kind === 'perspective') ? LINEAR : CUBIC;
  return CUBIC;
}

/**
 * `warp` (of an image of shape `image`) for a map of shape `map`: the same steps when the sizes agree (resizes at
 * the map's interpolation, every step at the map's channels), else the same motion in continuous coordinates at the
 * map's scale. For a uniform ratio this is the matrix imgaug rebuilds at the map's size; for a non-uniform one
 * imgaug rotates and shears in map pixels,
 * which this does not copy. Displacement fields move a map of another size at the image's size (imgaug resizes it
 * there and back).
 */
export function mapWarp(warp: Warp, image: Shape, map: Shape, interpolation: 'nearest' | 'cubic'): Warp {
  const same = image.height === map.height && image.width === map.width;
  const at = (output: Shape): Shape =>
    same
      ? { height: output.height, width: output.width, channels: map.channels }
      : {
          height: Math.max(1, Math.round(output.height * (map.height / image.height))),
          width: Math.max(1, Math.round(output.width * (map.width / image.width))),
          channels: map.channels,
        };
  switch (warp.kind) {
    case 'identity':
      return { kind: 'identity', output: map };
    case 'flip':
      return { kind: 'flip', axis: warp.axis, output: at(warp.output) };
    case 'resize': {
      // A map's own interpolation where the warp names one (KeepSizeByResize's interpolationHeatmaps/Segmaps).
      const own = interpolation === 'nearest' ? warp.segmaps : warp.heatmaps;
      if (own === 'no_resize') return { kind: 'identity', output: map };
      return {
        kind: 'resize',
        interpolation:
          own ?? (interpolation === 'nearest' || warp.interpolation === 'auto' ? interpolation : warp.interpolation),
        output: at(warp.output),
      };
    }
    case 'affine': {
      if (same) return { ...warp, output: at(warp.output) };
      const output = at(warp.output);
      return { kind: 'affine', matrix: scaledMatrix(warp.matrix, image, warp.output, map, output), output };
    }
    case 'perspective': {
      if (same) return { ...warp, output: at(warp.output) };
      const output = at(warp.output);
      return { kind: 'perspective', matrix: scaledPerspective(warp.matrix, image, warp.output, map, output), output };
    }
    case 'crop':
    case 'pad': {
      // Sides at the map's scale; maps pad with 0 whatever the image's mode (imgaug).
      const ry = same ? 1 : map.height / image.height;
      const rx = same ? 1 : map.width / image.width;
      const { top, right, bottom, left } = warp.sides;
      let sides = same
        ? warp.sides
        : {
            top: Math.round(top * ry),
            right: Math.round(right * rx),
            bottom: Math.round(bottom * ry),
            left: Math.round(left * rx),
          };
      if (warp.kind === 'crop') {
        // A crop leaves at least one row and column of the map, as of the image.
        const t = Math.min(sides.top, map.height - 1);
        const l = Math.min(sides.left, map.width - 1);
        sides = {
          top: t,
          left: l,
          bottom: Math.min(sides.bottom, map.height - 1 - t),
          right: Math.min(sides.right, map.width - 1 - l),
        };
      }
      const sign = warp.kind === 'crop' ? -1 : 1;
      const output = {
        height: map.height + sign * (sides.top + sides.bottom),
        width: map.width + sign * (sides.left + sides.right),
        channels: map.channels,
      };
      return warp.kind === 'crop'
        ? { kind: 'crop', sides, output }
        : { kind: 'pad', sides, mode: 'constant', cval: 0, output };
    }
    case 'rot90': {
      const odd = warp.k % 2 === 1;
      const output = {
        height: odd ? map.width : map.height,
        width: odd ? map.height : map.width,
        channels: map.channels,
      };
      return { kind: 'rot90', k: warp.k, output };
    }
    case 'displacement': {
      if (same) return { ...warp, output: at(warp.output) };
      const full = { height: image.height, width: image.width, channels: map.channels };
      return {
        kind: 'chain',
        steps: [
          { kind: 'resize', interpolation, output: full },
          { ...warp, output: full },
          { kind: 'resize', interpolation, output: map },
        ],
        output: map,
      };
    }
    case 'chain': {
      const steps: Warp[] = [];
      let shape = image;
      let current = map;
      for (const step of warp.steps) {
        const moved = mapWarp(step, shape, current, interpolation);
        steps.push(moved);
        shape = step.output;
        current = moved.output;
      }
      return { kind: 'chain', steps, output: current };
    }
  }
}

/**
 * A pixel-centre matrix from `from` → `to` images, as the same motion between maps `mapFrom` → `mapTo` covering
 * them: continuous coordinates scale by the size ratios, pixel centres sit half a pixel in.
 */
function scaledMatrix(m: Mat2x3, from: Shape, to: Shape, mapFrom: Shape, mapTo: Shape): Mat2x3 {
  const p = scaledPerspective([m[0], m[1], m[2], m[3], m[4], m[5], 0, 0, 1], from, to, mapFrom, mapTo);
  return [p[0], p[1], p[2], p[3], p[4], p[5]];
}

/** B · M · A with A: map pixel centre → image pixel centre (input side) and B: image → map (output side). */
function scaledPerspective(m: ArrayLike<number>, from: Shape, to: Shape, mapFrom: Shape, mapTo: Shape): Float64Array {
  // Image pixel centre x = (u + ½) · W / w − ½ for map pixel centre u.
  const ax = from.width / mapFrom.width;
  const ay = from.height / mapFrom.height;
  const a = [ax, 0, 0.5 * ax - 0.5, 0, ay, 0.5 * ay - 0.5, 0, 0, 1];
  const bx = mapTo.width / to.width;
  const by = mapTo.height / to.height;
  const b = [bx, 0, 0.5 * bx - 0.5, 0, by, 0.5 * by - 0.5, 0, 0, 1];
  return mul3(b, mul3(m, a));
}

function mul3(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const c = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  }
  return c;
}
