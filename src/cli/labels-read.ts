import { readFile } from 'node:fs/promises';
// Reading the labels of real datasets for `augkit augment` and `augkit grid`: YOLO text files, COCO JSON and PNG class
// maps, into augkit's label kinds. Each label carries the index of the entry it came from as its `label`, so the
// labels that survive augmentation can be written back in the entry's own form (labels-write.ts). A malformed entry
// is a LabelError naming the file and the entry.
import { type BoundingBox, type Keypoint, type Polygon, type SegmentationMap, boxFrom } from '../augmentables/index.ts';
import { describeValue } from '../core/errors.ts';
import { plainFileError } from '../core/file-errors.ts';
import type { Shape } from '../core/image.ts';
import { readImageWithInfo } from '../io/image-file.ts';
import { type PngClassForm, readPngClassMap } from './labels-png.ts';
import { type RleMask, decodeRle } from './labels-rle.ts';

/** A malformed label file or entry: the message names the file and the entry. */
export class LabelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelError';
  }
}

/** One image's labels as read: each coordinate label's `label` is the index of its entry in `entries`. */
export interface SourceLabels {
  readonly boundingBoxes: BoundingBox[];
  readonly polygons: Polygon[];
  readonly keypoints: Keypoint[];
  readonly segmentationMaps?: SegmentationMap;
  /** What each entry was: a YOLO line's class, a COCO annotation. */
  readonly entries: readonly unknown[];
}

/** No labels (an image without a label file or annotations). */
export function noLabels(): SourceLabels {
  return { boundingBoxes: [], polygons: [], keypoints: [], entries: [] };
}

/** A YOLO line: its class and whether it was a box or a polygon. */
export interface YoloEntry {
  readonly cls: number;
}

/**
 * A YOLO label file: one object per line, `class cx cy w h` (a box) or `class x1 y1 x2 y2 … xn yn` (a polygon of
 * n ≥ 3 points, YOLO's segmentation form), coordinates normalised by the image's width and height, in [0, 1].
 */
export function parseYolo(text: string, file: string, size: Shape): SourceLabels {
  const labels: SourceLabels = { ...noLabels(), entries: [] };
  const entries = labels.entries as YoloEntry[];
  text.split(/\r?\n/).forEach((line, i) => {
    const tokens = line.trim().split(/\s+/);
    if (tokens[0] === '') return;
    const where = `${file}:${i + 1}`;
    const numbers = tokens.map(Number);
    const polygon = tokens.length >= 7 && tokens.length % 2 === 1;
    if (tokens.length !== 5 && !polygon) {
      throw new LabelError(
        `${where}: expected "class cx cy w h" (a box) or "class x1 y1 x2 y2 x3 y3 …" (a polygon of 3 or more points); received "${line.trim()}"`,
      );
    }
    const cls = numbers[0];
    if (!Number.isInteger(cls) || cls < 0) {
      throw new LabelError(`${where}: the class must be an integer ≥ 0; received "${tokens[0]}"`);
    }
    for (let k = 1; k < tokens.length; k++) {
      if (!(numbers[k] >= 0 && numbers[k] <= 1)) {
        throw new LabelError(
          `${where}: coordinates must be numbers in [0, 1] (normalised by the image's size); received "${tokens[k]}"`,
        );
      }
    }
    const label = String(entries.length);
    entries.push({ cls });
    if (!polygon) {
      labels.boundingBoxes.push(boxFrom(numbers.slice(1), 'yolo', size, label));
      return;
    }
    const points = [];
    for (let k = 1; k < numbers.length; k += 2) {
      points.push({ x: numbers[k] * size.width, y: numbers[k + 1] * size.height });
    }
    labels.polygons.push({ points, label });
  });
  return labels;
}

/** A COCO annotation file, indexed by image. */
export interface CocoIndex {
  readonly file: string;
  readonly json: Record<string, unknown>;
  /** The `images` entries by `file_name`, and by base name where that is unique. */
  readonly images: ReadonlyMap<string, CocoImage>;
  /** The annotations of each image id, with their index in `annotations`. */
  readonly annotations: ReadonlyMap<unknown, readonly { readonly at: number; readonly entry: unknown }[]>;
}

/** An `images` entry. */
export interface CocoImage {
  readonly at: number;
  readonly id: unknown;
  readonly file_name: string;
  readonly width: number;
  readonly height: number;
}

/** A COCO annotation as read, for writing it back. */
export interface CocoEntry {
  readonly annotation: Record<string, unknown>;
  /** The number of keypoints (COCO's triples), their visibility flags. */
  readonly visibility: readonly number[];
  /** The segmentation, when run-length encoded (iscrowd): moved as a mask, written back in its form. */
  readonly rle: RleMask | undefined;
}

/** Parses and indexes a COCO file; a file that is not COCO at all is a LabelError. */
export function parseCoco(text: string, file: string): CocoIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LabelError(`${file}: not JSON (${(error as Error).message})`);
  }
  const o = json as Record<string, unknown>;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.images) || !Array.isArray(o.annotations)) {
    throw new LabelError(`${file}: a COCO file needs "images" and "annotations" arrays`);
  }
  const images = new Map<string, CocoImage>();
  const baseCount = new Map<string, number>();
  o.images.forEach((entry: Record<string, unknown>, at: number) => {
    const name = entry?.file_name;
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (typeof name !== 'string' || !ok(entry.width) || !ok(entry.height) || entry.id === undefined) {
      throw new LabelError(
        `${file}: images[${at}] needs id, file_name, and width and height (positive integers); received ${describeValue(entry)}`,
      );
    }
    const image = { at, id: entry.id, file_name: name, width: entry.width as number, height: entry.height as number };
    images.set(name, image);
    const base = name.split('/').pop() as string;
    baseCount.set(base, (baseCount.get(base) ?? 0) + 1);
  });
  for (const image of [...images.values()]) {
    const base = image.file_name.split('/').pop() as string;
    if (baseCount.get(base) === 1 && !images.has(base)) images.set(base, image);
  }
  const annotations = new Map<unknown, { at: number; entry: unknown }[]>();
  o.annotations.forEach((entry: Record<string, unknown>, at: number) => {
    const id = entry?.image_id;
    let list = annotations.get(id);
    if (list === undefined) annotations.set(id, (list = []));
    list.push({ at, entry });
  });
  return { file, json: o, images, annotations };
}

/** The `images` entry of an input named `name` (its path below its input folder), by path or else by base name. */
export function cocoImageOf(index: CocoIndex, name: string): CocoImage | undefined {
  return index.images.get(name) ?? index.images.get(name.split('/').pop() as string);
}

/**
 * The labels of one COCO image: each annotation's bbox ([x, y, width, height]), polygon segmentations ([x1, y1, x2,
 * y2, …] each) and keypoints ([x, y, v] triples; only those with v > 0 are moved). `shape` is the decoded image's,
 * which must match the entry's width and height.
 */
export function cocoLabels(index: CocoIndex, image: CocoImage, shape: Shape): SourceLabels {
  const { file } = index;
  if (image.width !== shape.width || image.height !== shape.height) {
    throw new LabelError(
      `${file}: images[${image.at}] (${image.file_name}) says ${image.width}×${image.height}, the file is ${shape.width}×${shape.height}`,
    );
  }
  const labels: SourceLabels = { ...noLabels(), entries: [] };
  const entries = labels.entries as CocoEntry[];
  for (const { at, entry } of index.annotations.get(image.id) ?? []) {
    const a = entry as Record<string, unknown>;
    const where = `${file}: annotations[${at}]${a?.id !== undefined ? ` (id ${describeValue(a.id)})` : ''}`;
    const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
    const bbox = a.bbox as unknown[];
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every(finite) ||
      (bbox[2] as number) < 0 ||
      (bbox[3] as number) < 0
    ) {
      throw new LabelError(
        `${where}: bbox must be [x, y, width, height] (4 numbers, sizes ≥ 0); received ${describeValue(bbox)}`,
      );
    }
    const label = String(entries.length);
    labels.boundingBoxes.push(boxFrom(bbox as number[], 'xywh', undefined, label));
    const segmentation = a.segmentation;
    let rle: RleMask | undefined;
    if (segmentation !== undefined && !Array.isArray(segmentation)) {
      if (segmentation === null || typeof segmentation !== 'object') {
        throw new LabelError(
          `${where}: segmentation must be a list of polygons or an RLE object; received ${describeValue(segmentation)}`,
        );
      }
      const decoded = decodeRle(segmentation as Record<string, unknown>, image.height, image.width);
      if (typeof decoded === 'string') throw new LabelError(`${where}: segmentation (RLE): ${decoded}`);
      rle = decoded;
    }
    if (Array.isArray(segmentation)) {
      segmentation.forEach((poly: unknown, s: number) => {
        if (!Array.isArray(poly) || poly.length < 6 || poly.length % 2 !== 0 || !poly.every(finite)) {
          throw new LabelError(
            `${where}: segmentation[${s}] must be [x1, y1, x2, y2, …] (3 or more points, 2 numbers each); received ${describeValue(poly)}`,
          );
        }
        const points = [];
        for (let k = 0; k < poly.length; k += 2) points.push({ x: poly[k] as number, y: poly[k + 1] as number });
        labels.polygons.push({ points, label });
      });
    }
    const visibility: number[] = [];
    if (a.keypoints !== undefined) {
      const kps = a.keypoints as unknown[];
      if (!Array.isArray(kps) || kps.length % 3 !== 0 || !kps.every(finite)) {
        throw new LabelError(
          `${where}: keypoints must be [x, y, v, …] (3 numbers per keypoint); received ${describeValue(kps)}`,
        );
      }
      for (let j = 0; j < kps.length; j += 3) {
        const v = kps[j + 2] as number;
        if (v !== 0 && v !== 1 && v !== 2) {
          throw new LabelError(
            `${where}: keypoints[${j + 2}] (a visibility) must be 0, 1 or 2; received ${describeValue(v)}`,
          );
        }
        visibility.push(v);
        if (v > 0) labels.keypoints.push({ x: kps[j] as number, y: kps[j + 1] as number, label: `${label}:${j / 3}` });
      }
    }
    entries.push({ annotation: a, visibility, rle });
  }
  return labels;
}

/** A class map as read: `form` when it came from a palette or 16-bit PNG (written back in that form). */
export type ClassMapFile = SegmentationMap & { readonly form?: PngClassForm };

/**
 * A class map from a PNG (or any file sharp reads): a palette PNG's indices (the palette index is the class), a
 * 16-bit grey PNG's values, or grey 8-bit values (one class id per pixel, 0–255). Colour files whose channels agree
 * are read as grey; other colour files and other 16-bit files are LabelErrors (their classes would be changed).
 */
export async function readMask(path: string, display: string): Promise<ClassMapFile> {
  const bytes = await readFile(path).catch((error) => {
    throw new LabelError(`${display}: cannot read: ${plainFileError(error)}`);
  });
  let png: ReturnType<typeof readPngClassMap>;
  try {
    png = readPngClassMap(bytes);
  } catch (error) {
    throw new LabelError(`${display}: ${(error as Error).message}`);
  }
  if (png !== undefined) return { ...png.map, form: png.form };
  let decoded: Awaited<ReturnType<typeof readImageWithInfo>>;
  try {
    decoded = await readImageWithInfo(path);
  } catch (error) {
    throw new LabelError(
      `${display}: ${(error as Error).message.replace(/^readImage: cannot read [^:]*: /, 'cannot read: ')}`,
    );
  }
  const { image, info } = decoded;
  if (info.bitsPerSample > 8) {
    throw new LabelError(
      `${display}: a ${info.bitsPerSample}-bit colour mask; class maps are grey (8 or 16 bits) or palette PNGs`,
    );
  }
  const { height, width, channels } = image;
  const data = new Uint8Array(height * width);
  for (let p = 0; p < height * width; p++) {
    const v = image.data[p * channels];
    for (let c = 1; c < Math.min(channels, 3); c++) {
      if (image.data[p * channels + c] !== v) {
        throw new LabelError(
          `${display}: a colour image (pixel ${p % width}, ${Math.floor(p / width)} is not grey); class maps are grey or palette PNGs, one class id per pixel`,
        );
      }
    }
    data[p] = v;
  }
  return { data, height, width };
}
