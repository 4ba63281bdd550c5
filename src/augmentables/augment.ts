// `augment`: images and their labels through one augmenter with the same draws. The images go through
// `augmentImages` (its batch paths and `out`); the labels follow the Warp each image's params describe.
import { argumentError } from '../core/errors.ts';
import type { Batch, Image, PixelArray, Shape } from '../core/image.ts';
import type { Warp } from '../geometry/warp.ts';
import { warpHeatmap, warpSegmentationMap } from './maps.ts';
import { type OutOfImageOptions, applyOutOfImage } from './out-of-image.ts';
import { movePoints } from './points.ts';
import { type InvalidPolygons, fixPolygons } from './polygon-repair.ts';
import type { BoundingBox, Heatmap, Keypoint, LineString, Point, Polygon, SegmentationMap } from './types.ts';

/** One image and its labels (lists for the coordinate kinds); `shape` stands for the image when none is given. */
export interface SampleInput {
  readonly image?: Image;
  readonly shape?: Shape;
  readonly keypoints?: readonly Keypoint[];
  readonly boundingBoxes?: readonly BoundingBox[];
  readonly polygons?: readonly Polygon[];
  readonly lineStrings?: readonly LineString[];
  readonly segmentationMaps?: SegmentationMap;
  readonly heatmaps?: Heatmap;
}

/** A batch: images (a list or one N×H×W×C buffer) or their shapes, and per label kind one entry per image. */
export interface BatchInput {
  readonly images?: Batch;
  readonly shapes?: readonly Shape[];
  readonly keypoints?: readonly (readonly Keypoint[])[];
  readonly boundingBoxes?: readonly (readonly BoundingBox[])[];
  readonly polygons?: readonly (readonly Polygon[])[];
  readonly lineStrings?: readonly (readonly LineString[])[];
  readonly segmentationMaps?: readonly SegmentationMap[];
  readonly heatmaps?: readonly Heatmap[];
}

/** What `augment` takes: one sample (an image and its labels) or a batch of them. */
export type AugmentInput = SampleInput | BatchInput;

type Mutable<T> = T extends readonly (infer E)[] ? Mutable<E>[] : T;

/** What `augment` returns: the keys it was given, augmented (images as `augmentImages` returns them). */
export type AugmentResult<T> = {
  -readonly [K in keyof T]: K extends 'image'
    ? Image
    : K extends 'images'
      ? T[K] extends readonly Image[]
        ? Image[]
        : Batch
      : K extends 'shape'
        ? Shape
        : K extends 'shapes'
          ? Shape[]
          : Mutable<T[K]>;
};

/** `augment`'s options: the call's address (as for images), `out` for the pixels, and what to do off the image. */
export interface LabelOptions extends OutOfImageOptions {
  readonly epoch?: number;
  /** The batch's sample indices (see `augmentImages`). */
  readonly indices?: ArrayLike<number>;
  /** The sample index of a single image (default 0). */
  readonly index?: number;
  /** Where the pixels go (see `AugmentOptions.out`). */
  readonly out?: PixelArray;
  /**
   * Polygons whose outline crosses itself after augmentation (under ElasticTransformation, or PerspectiveTransform
   * across the horizon): 'keep' them (default), 'drop' them, or 'repair' each into its largest simple loop (the
   * outline cut at its crossings; a polygon without area is dropped). Applied before `removeOutOfImage` and
   * `clipOutOfImage`.
   *
   * Differs from imgaug: its recoverer always repairs, nudging points until the outline is simple.
   */
  readonly invalidPolygons?: InvalidPolygons;
}

/** Receives the params `augmentImages` drew, one per image, before it applies them (`augment` moves labels by them). */
export type Drawn = (params: readonly unknown[]) => void;

/** What `augment` needs of an augmenter (the Augmenter class, without importing it: it imports this module). */
interface Augments<P> {
  readonly type: string;
  augmentImages(batch: Batch, options: object, drawn: Drawn): Batch;
  nextCall(epoch: number | undefined): number;
  rootSource(call: number, index: number): unknown;
  drawParams(random: never, shape: Shape): P;
  warpOf(shape: Shape, params: P): Warp;
}

const LIST_KINDS = ['keypoints', 'boundingBoxes', 'polygons', 'lineStrings'] as const;
const MAP_KINDS = ['segmentationMaps', 'heatmaps'] as const;
const KINDS = [...LIST_KINDS, ...MAP_KINDS];

/** `Augmenter.augment`: see there. */
export function augmentLabelled<P, T extends AugmentInput>(
  aug: Augments<P>,
  input: T,
  options: LabelOptions,
): AugmentResult<T> {
  const owner = aug.type;
  if (input === null || typeof input !== 'object') {
    throw argumentError(owner, 'augment', 'an object { image, keypoints, … } or { images, … }', input, 'type');
  }
  const record = input as Record<string, unknown>;
  const batch = record.images !== undefined || record.shapes !== undefined;
  const single = record.image !== undefined || record.shape !== undefined;
  if (batch === single) {
    throw argumentError(owner, 'augment', 'an object with one of image, shape, images or shapes', input, 'type');
  }
  for (const key of Object.keys(record)) {
    if (!KINDS.includes(key as never) && !['image', 'shape', 'images', 'shapes'].includes(key)) {
      throw new TypeError(
        `${owner}: augment got an unknown key "${key}"; known keys are image, images, shape, shapes, ${KINDS.join(', ')}`,
      );
    }
  }
  if (batch) return augmentBatch(aug, input as BatchInput, options) as AugmentResult<T>;
  const one = input as SampleInput;
  const wrapped: Record<string, unknown> = {};
  if (one.image !== undefined) wrapped.images = [one.image];
  if (one.shape !== undefined) wrapped.shapes = [one.shape];
  for (const kind of KINDS) if (one[kind] !== undefined) wrapped[kind] = [one[kind]];
  const index = options.index ?? 0;
  const result = augmentBatch(aug, wrapped as BatchInput, { ...options, indices: [index] }) as Record<
    string,
    unknown[]
  >;
  const out: Record<string, unknown> = {};
  if (result.images !== undefined) out.image = result.images[0];
  if (result.shapes !== undefined) out.shape = result.shapes[0];
  for (const kind of KINDS) if (result[kind] !== undefined) out[kind] = result[kind][0];
  return out as AugmentResult<T>;
}

function augmentBatch<P>(aug: Augments<P>, input: BatchInput, options: LabelOptions): Record<string, unknown> {
  const owner = aug.type;
  const address = { epoch: options.epoch, indices: options.indices };
  const result: Record<string, unknown> = {};
  let shapes: Shape[];
  let params: readonly P[] = [];
  if (input.images !== undefined) {
    shapes = shapesOf(owner, input.images);
    result.images = aug.augmentImages(input.images, { ...address, out: options.out }, (drawn) => {
      params = drawn as readonly P[];
    });
  } else {
    shapes = checkShapes(owner, input.shapes);
    // The draws augmentImages would make for images of these shapes (its call counter, epoch and indices).
    const indices = options.indices ?? shapes.map((_, i) => i);
    if (indices.length !== shapes.length) {
      throw argumentError(owner, 'indices', `an array of ${shapes.length} indices (one per image)`, indices);
    }
    for (let i = 0; i < indices.length; i++) {
      const v = indices[i];
      if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) {
        throw argumentError(owner, `indices[${i}]`, 'an integer in [0, 2^32 - 1]', v);
      }
    }
    const call = aug.nextCall(options.epoch);
    params = shapes.map((shape, i) => aug.drawParams(aug.rootSource(call, indices[i]) as never, shape));
  }
  const n = shapes.length;
  for (const kind of KINDS) {
    const value = input[kind];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length !== n) {
      throw argumentError(owner, kind, `an array of ${n} entries (one per image)`, value, 'type');
    }
  }
  const outputs: Shape[] = new Array(n);
  const warps: Warp[] = new Array(n);
  for (let i = 0; i < n; i++) {
    warps[i] = aug.warpOf(shapes[i], params[i]);
    outputs[i] = warps[i].output;
  }
  if (input.shapes !== undefined) result.shapes = outputs;
  const points = { xy: new Float64Array(64) };
  const invalid = options.invalidPolygons ?? 'keep';
  if (!['keep', 'repair', 'drop'].includes(invalid)) {
    throw argumentError(owner, 'invalidPolygons', "'keep', 'repair' or 'drop'", invalid);
  }
  for (const kind of LIST_KINDS) {
    const lists = input[kind];
    if (lists === undefined) continue;
    result[kind] = lists.map((list, i) => {
      let moved = moveList(owner, kind, i, list, warps[i], shapes[i], points);
      if (kind === 'polygons') moved = fixPolygons(moved as Polygon[], invalid);
      return applyOutOfImage(kind, moved, outputs[i], options);
    });
  }
  if (input.segmentationMaps !== undefined) {
    result.segmentationMaps = input.segmentationMaps.map((map, i) =>
      warpSegmentationMap(
        checkMap(owner, `segmentationMaps[${i}]`, map, false) as SegmentationMap,
        warps[i],
        shapes[i],
        owner,
      ),
    );
  }
  if (input.heatmaps !== undefined) {
    result.heatmaps = input.heatmaps.map((map, i) =>
      warpHeatmap(checkMap(owner, `heatmaps[${i}]`, map, true) as Heatmap, warps[i], shapes[i]),
    );
  }
  return result;
}

/** Every image's shape, without checking the images (augmentImages does). */
function shapesOf(owner: string, images: Batch): Shape[] {
  if (Array.isArray(images)) {
    return (images as Image[]).map((image) => ({
      height: image?.height,
      width: image?.width,
      channels: image?.channels ?? 1,
    }));
  }
  const batch = images as { n?: number; height: number; width: number; channels: number };
  if (typeof batch?.n !== 'number')
    throw argumentError(owner, 'images', 'a list of images or a uniform batch', images, 'type');
  const shape = { height: batch.height, width: batch.width, channels: batch.channels };
  return Array.from({ length: batch.n }, () => shape);
}

function checkShapes(owner: string, shapes: readonly Shape[] | undefined): Shape[] {
  if (!Array.isArray(shapes))
    throw argumentError(owner, 'shapes', 'an array of { height, width, channels }', shapes, 'type');
  return shapes.map((shape, i) => {
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (!shape || !ok(shape.height) || !ok(shape.width) || !(shape.channels === undefined || ok(shape.channels))) {
      throw argumentError(owner, `shapes[${i}]`, '{ height, width, channels? } of positive integers', shape, 'type');
    }
    return { height: shape.height, width: shape.width, channels: shape.channels ?? 1 };
  });
}

function checkMap(owner: string, what: string, map: unknown, heat: boolean): unknown {
  const m = map as Record<string, unknown> | null;
  const arrays = heat ? 'a Float32Array' : 'a Uint8Array, Uint16Array or Int32Array';
  const okData = heat
    ? m?.data instanceof Float32Array
    : m?.data instanceof Uint8Array || m?.data instanceof Uint16Array || m?.data instanceof Int32Array;
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  const channels = heat ? (m?.channels ?? 1) : 1;
  if (!m || !okData || !ok(m.height) || !ok(m.width) || !ok(channels)) {
    throw argumentError(owner, what, `{ data: ${arrays}, height, width${heat ? ', channels' : ''} }`, map, 'type');
  }
  const length = (m.height as number) * (m.width as number) * (channels as number);
  if ((m.data as ArrayLike<number>).length !== length) {
    throw argumentError(
      owner,
      `${what}.data`,
      `of length ${length} (height × width${heat ? ' × channels' : ''})`,
      m.data,
    );
  }
  return heat && m.channels === undefined ? { ...m, channels: 1 } : map;
}

type ListKind = (typeof LIST_KINDS)[number];
type Listed = Keypoint | BoundingBox | Polygon | LineString;

/** One image's list of one kind, its coordinates packed, moved by `warp` and unpacked into new objects. */
function moveList(
  owner: string,
  kind: ListKind,
  i: number,
  list: readonly Listed[],
  warp: Warp,
  shape: Shape,
  scratch: { xy: Float64Array },
): Listed[] {
  if (!Array.isArray(list)) throw argumentError(owner, `${kind}[${i}]`, `an array of ${kind}`, list, 'type');
  let count = 0;
  for (let j = 0; j < list.length; j++) count += pointCount(owner, kind, i, j, list[j]);
  if (scratch.xy.length < 2 * count) scratch.xy = new Float64Array(2 * count);
  const xy = scratch.xy;
  let at = 0;
  for (const item of list) {
    if (kind === 'keypoints') {
      const k = item as Keypoint;
      xy[at++] = k.x;
      xy[at++] = k.y;
    } else if (kind === 'boundingBoxes') {
      // imgaug moves a box's four corners and takes their envelope.
      const { x1, y1, x2, y2 } = item as BoundingBox;
      xy[at] = x1;
      xy[at + 1] = y1;
      xy[at + 2] = x2;
      xy[at + 3] = y1;
      xy[at + 4] = x2;
      xy[at + 5] = y2;
      xy[at + 6] = x1;
      xy[at + 7] = y2;
      at += 8;
    } else {
      for (const p of (item as Polygon).points) {
        xy[at++] = p.x;
        xy[at++] = p.y;
      }
    }
  }
  movePoints(warp, shape, xy, count, kind === 'keypoints');
  at = 0;
  return list.map((item) => {
    if (kind === 'keypoints') {
      const x = xy[at];
      const y = xy[at + 1];
      at += 2;
      return item.label === undefined ? { x, y } : { x, y, label: item.label };
    }
    const label = item.label === undefined ? {} : { label: item.label };
    if (kind === 'boundingBoxes') {
      const x1 = Math.min(xy[at], xy[at + 2], xy[at + 4], xy[at + 6]);
      const y1 = Math.min(xy[at + 1], xy[at + 3], xy[at + 5], xy[at + 7]);
      const x2 = Math.max(xy[at], xy[at + 2], xy[at + 4], xy[at + 6]);
      const y2 = Math.max(xy[at + 1], xy[at + 3], xy[at + 5], xy[at + 7]);
      at += 8;
      return item.label === undefined ? { x1, y1, x2, y2 } : { x1, y1, x2, y2, label: item.label };
    }
    const points: Point[] = (item as Polygon).points.map(() => {
      const p = { x: xy[at], y: xy[at + 1] };
      at += 2;
      return p;
    });
    return { points, ...label };
  });
}

/** The number of points `item` contributes, after checking its coordinates are finite numbers. */
function pointCount(owner: string, kind: ListKind, i: number, j: number, item: unknown): number {
  if (item !== null && typeof item === 'object') {
    // The usual case, checked without building names: finite coordinates.
    const o = item as Record<string, number>;
    if (kind === 'keypoints' && Number.isFinite(o.x) && Number.isFinite(o.y)) return 1;
    if (
      kind === 'boundingBoxes' &&
      Number.isFinite(o.x1) &&
      Number.isFinite(o.y1) &&
      Number.isFinite(o.x2) &&
      Number.isFinite(o.y2)
    ) {
      return 4;
    }
  }
  const where = `${kind}[${i}][${j}]`;
  const bad = (what: string, v: unknown) => argumentError(owner, `${where}${what}`, 'a finite number', v, 'type');
  const check = (o: Record<string, unknown>, keys: readonly string[], prefix: string) => {
    for (const key of keys) {
      const v = o[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`${prefix}.${key}`, v);
    }
  };
  if (item === null || typeof item !== 'object') throw argumentError(owner, where, 'an object', item, 'type');
  const o = item as Record<string, unknown>;
  if (kind === 'keypoints') {
    check(o, ['x', 'y'], '');
    return 1;
  }
  if (kind === 'boundingBoxes') {
    check(o, ['x1', 'y1', 'x2', 'y2'], '');
    return 4;
  }
  if (!Array.isArray(o.points)) throw argumentError(owner, `${where}.points`, 'an array of { x, y }', o.points, 'type');
  o.points.forEach((p: Record<string, unknown>, k: number) => {
    if (p === null || typeof p !== 'object') throw argumentError(owner, `${where}.points[${k}]`, '{ x, y }', p, 'type');
    check(p, ['x', 'y'], `.points[${k}]`);
  });
  return o.points.length;
}
