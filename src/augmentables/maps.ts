// Moves segmentation maps and heatmaps through a Warp as imgaug 0.4.0 does: segmentation maps always by nearest
// neighbour, heatmaps by the interpolation imgaug picks for them, both with a constant 0 border; a map of another
// size than its image gets the image's transformation at its own size.
import { argumentError } from '../core/errors.ts';
import type { Image, Shape } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { NEAREST, type Sampling, applyWarp } from '../geometry/apply.ts';
import { type Mat2x3, type Sides, type Warp, channelMean } from '../geometry/warp.ts';
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
  if (data instanceof Uint8Array) {
    const out = applySteps({ data, height, width, channels: 1 }, moved, () => NEAREST, false);
    return { data: out.data as Uint8Array, height: out.height, width: out.width };
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
  const out = applySteps({ data: floats, height, width, channels: 1 }, moved, () => NEAREST, false);
  const result = data instanceof Uint16Array ? Uint16Array.from(out.data) : Int32Array.from(out.data);
  return { data: result, height: out.height, width: out.width };
}

/**
 * The heatmap moved by `warp`: bicubic under affine warps and displacement fields, bilinear under perspective
 * warps, the image's interpolation under a resize (bicubic where imgaug names none), new area 0, clipped to [0, 1]
 * after every step (as imgaug clips after each cubic warp and each resize of a heatmap).
 */
export function warpHeatmap(heatmap: Heatmap, warp: Warp, image: Shape): Heatmap {
  const { height, width, channels } = heatmap;
  const moved = mapWarp(warp, image, { height, width, channels }, 'cubic');
  if (moved.kind === 'identity') return { data: heatmap.data.slice(), height, width, channels };
  const out = applySteps({ data: heatmap.data, height, width, channels }, moved, heatSampling, true);
  return { data: out.data as Float32Array, height: out.height, width: out.width, channels };
}

/** imgaug's heatmap interpolation for a warp: bilinear for PerspectiveTransform, bicubic for the others. */
function heatSampling(warp: Warp): Sampling {
  return warp.kind === 'perspective' ? LINEAR : CUBIC;
}

/**
 * A map moved by a warp `mapWarp` made, step by step into new arrays (each step at its `sampling`, values clipped
 * to [0, 1] after each with `clip`); a blend step takes each cell from its foreground's or background's result.
 */
function applySteps(map: Image, moved: Warp, sampling: (step: Warp) => Sampling, clip: boolean): Image {
  let current = map;
  for (const step of moved.kind === 'chain' ? moved.steps : [moved]) {
    const { height, width } = step.output;
    const { channels } = current;
    if (step.kind === 'blend') {
      const fg = applySteps(current, step.fg, sampling, clip);
      const bg = applySteps(current, step.bg, sampling, clip);
      const keep = binarizedMask(step.mask, current.height, current.width);
      const out = fg.data.slice();
      for (let i = 0; i < out.length; i++) if (keep[Math.floor(i / channels)] === 0) out[i] = bg.data[i];
      current = { data: out, height: fg.height, width: fg.width, channels };
      continue;
    }
    const data =
      map.data instanceof Uint8Array
        ? new Uint8Array(height * width * channels)
        : new Float32Array(height * width * channels);
    applyWarp(current, step, { height, width, channels, data }, sampling(step));
    if (clip) for (let i = 0; i < data.length; i++) data[i] = data[i] < 0 ? 0 : data[i] > 1 ? 1 : data[i];
    current = { data, height, width, channels };
  }
  return current;
}

/**
 * imgaug's `BlendAlphaMask._binarize_mask`: the mask's mean over channels (float32), resized to the map's h × w
 * as `imresize_single_image` does without an interpolation (area where a side grows, else bilinear; a copy at the
 * same size), clipped; 1 where at least 0.5 (the foreground's cell), else 0.
 */
function binarizedMask(mask: Image<Float32Array>, h: number, w: number): Uint8Array {
  const { height, width } = mask;
  const mean = new Float32Array(height * width);
  for (let p = 0; p < mean.length; p++) mean[p] = channelMean(mask, p);
  let sized = mean;
  if (h !== height || w !== width) {
    sized = new Float32Array(h * w);
    const output = { height: h, width: w, channels: 1 };
    applyWarp(
      { data: mean, height, width, channels: 1 },
      { kind: 'resize', interpolation: 'auto', output },
      { data: sized, ...output },
      NEAREST,
    );
  }
  const keep = new Uint8Array(h * w);
  for (let i = 0; i < keep.length; i++) keep[i] = Math.min(sized[i], 1) >= 0.5 ? 1 : 0;
  return keep;
}

/**
 * `warp` (of an image of shape `image`) for a map of shape `map`, as imgaug 0.4.0 moves maps: the same steps when
 * the sizes agree (resizes at the map's interpolation, every step at the map's channels). For another size, the
 * augmenter's own rule where its warp has one (`forMap`: Affine and PerspectiveTransform redo their draw at the
 * map's size, the crop and pad family projects its amounts, kept sizes are the map's own); otherwise resizes and
 * flips scale the output by the map-to-image ratio (rounded half to even), crops and pads project their amounts,
 * displacement fields move the map at the image's size (imgaug resizes it there and back), and other matrix warps
 * (pillike.Affine, which imgaug does not let move maps) are the same motion in continuous coordinates. A flat
 * chain: no chain in the result contains another.
 */
export function mapWarp(warp: Warp, image: Shape, map: Shape, interpolation: 'nearest' | 'cubic'): Warp {
  const same = image.height === map.height && image.width === map.width;
  if (!same && warp.forMap !== undefined) {
    const own = warp.forMap(
      { height: map.height, width: map.width, channels: map.channels },
      (inner, innerImage, innerMap) => mapWarp(inner, innerImage, innerMap, interpolation),
    );
    // The hook's warp is in the map's pixels: moved as a warp of an image of the map's size.
    return mapWarp(own, map, map, interpolation);
  }
  const at = (output: Shape): Shape =>
    same
      ? { height: output.height, width: output.width, channels: map.channels }
      : {
          // imgaug's Resize: int(np.round(h_img * (arr_h / img_h))), at least 1.
          height: Math.max(1, roundHalfEven(output.height * (map.height / image.height))),
          width: Math.max(1, roundHalfEven(output.width * (map.width / image.width))),
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
      if (same) return { kind: 'affine', matrix: warp.matrix, output: at(warp.output) };
      const output = at(warp.output);
      return { kind: 'affine', matrix: scaledMatrix(warp.matrix, image, warp.output, map, output), output };
    }
    case 'perspective': {
      if (same) return { kind: 'perspective', matrix: warp.matrix, output: at(warp.output) };
      const output = at(warp.output);
      return { kind: 'perspective', matrix: scaledPerspective(warp.matrix, image, warp.output, map, output), output };
    }
    case 'crop':
      return cropPadMap(map, projectSides(warp.sides, image, map, true), undefined);
    case 'pad':
      return cropPadMap(map, undefined, projectSides(warp.sides, image, map, false));
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
      if (same) return { kind: 'displacement', field: warp.field, output: at(warp.output) };
      const full = { height: image.height, width: image.width, channels: map.channels };
      return {
        kind: 'chain',
        steps: [
          { kind: 'resize', interpolation, output: full },
          { kind: 'displacement', field: warp.field, output: full },
          { kind: 'resize', interpolation, output: map },
        ],
        output: map,
      };
    }
    case 'blend': {
      const fg = mapWarp(warp.fg, image, map, interpolation);
      const bg = mapWarp(warp.bg, image, map, interpolation);
      return { kind: 'blend', fg, bg, mask: warp.mask, output: fg.output };
    }
    case 'chain': {
      const steps: Warp[] = [];
      let shape = image;
      let current = map;
      for (const step of warp.steps) {
        const moved = mapWarp(step, shape, current, interpolation);
        if (moved.kind === 'chain') steps.push(...moved.steps);
        else steps.push(moved);
        shape = step.output;
        current = moved.output;
      }
      return { kind: 'chain', steps, output: current };
    }
  }
}

/**
 * The crop (`crop: true`) or pad amounts of an image of shape `image` projected onto a map of shape `map`, as
 * imgaug's `_project_size_changes`: each side scaled by the size ratio, nudged by 1e-4 (down on top and left, up on
 * bottom and right, so that two half-pixel sides do not both round up) and rounded half to even. Crops then keep at
 * least one row and column of the map (`_crop_prevent_zero_size`: the top and right sides give back the larger
 * half).
 */
export function projectSides(sides: Sides, image: Shape, map: Shape, crop: boolean): Sides {
  let { top, right, bottom, left } = sides;
  if (image.height !== map.height || image.width !== map.width) {
    top = roundHalfEven(map.height * (top / image.height) - 1e-4);
    right = roundHalfEven(map.width * (right / image.width) + 1e-4);
    bottom = roundHalfEven(map.height * (bottom / image.height) + 1e-4);
    left = roundHalfEven(map.width * (left / image.width) - 1e-4);
  }
  if (!crop) return { top, right, bottom, left };
  [top, bottom] = keepOnePixel(map.height, top, bottom);
  [right, left] = keepOnePixel(map.width, right, left);
  return { top, right, bottom, left };
}

/**
 * One axis of imgaug 0.4.0's `_crop_prevent_zero_size`, for images and maps alike: when the crops `first` and
 * `second` would leave fewer than one pixel of `size`, they give back `|remaining| + 1` pixels, `first` the larger
 * half (imgaug passes the top and the right side first), so one pixel (or more) is left. Returns `[first, second]`.
 */
export function keepOnePixel(size: number, first: number, second: number): [number, number] {
  const remaining = size - (first + second);
  if (remaining >= 1) return [first, second];
  const regain = Math.abs(remaining) + 1;
  let a = Math.floor(regain / 2);
  let b = Math.floor(regain / 2);
  if (a + b < regain) a += 1;
  if (a > first) {
    b += a - first;
    a = first;
  } else if (b > second) {
    a += b - second;
    b = second;
  }
  return [Math.max(first - a, 0), Math.max(second - b, 0)];
}

/**
 * A map of shape `map` cropped by `crop`, then padded by `pad` (with 0), then with `keepSize` resized back to
 * `map` (imgaug's `_crop_and_pad_hms_or_segmaps_` with projected amounts); steps that change nothing left out.
 */
export function cropPadMap(map: Shape, crop: Sides | undefined, pad: Sides | undefined, keepSize = false): Warp {
  const steps: Warp[] = [];
  let { height, width } = map;
  const { channels } = map;
  if (crop !== undefined && (crop.top || crop.right || crop.bottom || crop.left)) {
    height -= crop.top + crop.bottom;
    width -= crop.left + crop.right;
    steps.push({ kind: 'crop', sides: crop, output: { height, width, channels } });
  }
  if (pad !== undefined && (pad.top || pad.right || pad.bottom || pad.left)) {
    height += pad.top + pad.bottom;
    width += pad.left + pad.right;
    steps.push({ kind: 'pad', sides: pad, mode: 'constant', cval: 0, output: { height, width, channels } });
  }
  if (keepSize && (height !== map.height || width !== map.width)) {
    steps.push({ kind: 'resize', interpolation: 'auto', output: map });
  }
  if (steps.length === 0) return { kind: 'identity', output: map };
  return steps.length === 1 ? steps[0] : { kind: 'chain', steps, output: steps[steps.length - 1].output };
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
