// `augkit augment --coco FILE | --yolo DIR, --masks DIR, --min-visibility F`: the labels of each input move with its
// variants (the same draws: `augment` with the input's shape at the variant's address) and are written beside them:
// YOLO text files and PNG class maps per output, one COCO file for the run. The parsing is in labels-read.ts.
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { BoundingBox, Keypoint, Polygon, SegmentationMap } from '../augmentables/index.ts';
import { boxTo } from '../augmentables/index.ts';
import { signedArea } from '../augmentables/out-of-image.ts';
import type { Augmenter } from '../augmenters/base/augmenter.ts';
import { plainFileError } from '../core/file-errors.ts';
import type { Shape } from '../core/image.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { encodeImage } from '../io/image-file.ts';
import { CliError, type ParsedArgs, UsageError, stringOption } from './command.ts';
import { encodePngClassMap } from './labels-png.ts';
import {
  type ClassMapFile,
  type CocoEntry,
  type CocoIndex,
  LabelError,
  type SourceLabels,
  type YoloEntry,
  cocoImageOf,
  cocoLabels,
  noLabels,
  parseCoco,
  parseYolo,
  readMask,
} from './labels-read.ts';
import { type RleMask, encodeRle } from './labels-rle.ts';

/** The label flags of `augment`. */
export const LABEL_OPTIONS = {
  coco: { type: 'string' },
  yolo: { type: 'string' },
  masks: { type: 'string' },
  'min-visibility': { type: 'string' },
} as const;

/** The help text of the label flags. */
export const LABEL_HELP = `  --coco FILE         COCO annotations of the inputs (matched by file_name: the path below the input folder, or
                      the base name): boxes, polygon and RLE (crowd) segmentations and keypoints move with each
                      variant, RLEs written back as string or list as read; --out
                      gets annotations.json (annotations-i-of-n.json for a shard) describing the outputs
  --yolo DIR          YOLO label files: DIR/<path below the input folder>.txt per input, "class cx cy w h" or
                      "class x1 y1 x2 y2 …" (a polygon) per line, normalised; each output gets <name>_<k>.txt
                      beside it (an input without a file has no objects)
  --masks DIR         class maps: DIR/<path below the input folder>.png per input, one class id per pixel: 8- or
                      16-bit grey, or a palette PNG (the index is the class); any size; moved by nearest neighbour,
                      new area 0; each output gets <name>_<k>.mask.png in the input's form (its palette)
  --min-visibility F  drop a box, polygon or keypoint that keeps less than this fraction of itself inside the
                      output (0–1; default 0: only those wholly outside); the rest are clipped to the image`;

/** The label flags as given. */
export interface LabelFlags {
  readonly coco?: string;
  readonly yolo?: string;
  readonly masks?: string;
  readonly minVisibility: number;
}

/** Reads the label flags; undefined when none is given. */
export function labelFlags(args: ParsedArgs, command: string): LabelFlags | undefined {
  const coco = stringOption(args, 'coco');
  const yolo = stringOption(args, 'yolo');
  const masks = stringOption(args, 'masks');
  const raw = stringOption(args, 'min-visibility');
  if (coco !== undefined && yolo !== undefined) throw new UsageError('give --coco or --yolo, not both', command);
  const minVisibility = raw === undefined ? 0 : Number(raw);
  if (raw !== undefined && !(raw.trim() !== '' && minVisibility >= 0 && minVisibility <= 1)) {
    throw new UsageError(`--min-visibility must be a number from 0 to 1; received "${raw}"`, command);
  }
  if (coco === undefined && yolo === undefined && masks === undefined) {
    if (raw !== undefined) throw new UsageError('--min-visibility needs --coco, --yolo or --masks', command);
    return undefined;
  }
  return { coco, yolo, masks, minVisibility };
}

/** One input's labels, read and checked. */
export interface FileLabels {
  readonly labels: SourceLabels;
  readonly shape: Shape;
  readonly cocoImage?: Record<string, unknown>;
}

/** What `augment` does with labels: read an input's, write a variant's, and write the COCO file at the end. */
export interface LabelJob {
  /** The labels of an input (`name`: its path below its input folder); a LabelError when malformed. */
  load(name: string, shape: Shape): Promise<FileLabels>;
  /** Moves the labels to variant `k` of the input at `index` and writes them for the output `target`. */
  write(file: FileLabels, k: number, index: number, target: string): Promise<void>;
  /** Writes the COCO file (when --coco) and returns the summary's lines. */
  finish(interrupted: boolean): Promise<string[]>;
}

/** Run-wide settings of a LabelJob. */
export interface LabelRun {
  readonly cwd: string;
  readonly out: string;
  readonly augmenter: Augmenter;
  readonly variants: number;
  readonly overwrite: boolean;
  /** The COCO file's name in --out. */
  readonly cocoName: string;
  readonly seed: number;
}

/** A LabelJob for the flags, after reading the COCO file (its problems are errors before any work). */
export async function createLabelJob(flags: LabelFlags, run: LabelRun): Promise<LabelJob> {
  const { cwd, out, augmenter, variants, overwrite } = run;
  let coco: CocoIndex | undefined;
  const cocoOut = join(out, run.cocoName);
  if (flags.coco !== undefined) {
    const path = resolve(cwd, flags.coco);
    if (path === cocoOut) throw new CliError(`--coco ${flags.coco} is the file this run writes; move it out of --out`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read --coco ${flags.coco}: ${plainFileError(error)}`);
    }
    try {
      coco = parseCoco(text, flags.coco);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    if (!overwrite) await refuseForeignCoco(cocoOut, relative(cwd, cocoOut));
  }
  const images: { id: number; entry: Record<string, unknown>; annotations: Record<string, unknown>[] }[] = [];
  let unmatched = 0;
  let rle = 0;
  let noYolo = 0;
  // Datasets need valid outlines: polygons a warp made cross themselves are repaired (see LabelOptions).
  const options = {
    removeOutOfImage: { minVisible: flags.minVisibility },
    clipOutOfImage: true,
    invalidPolygons: 'repair',
  } as const;
  return {
    async load(name, shape) {
      let labels = noLabels();
      let cocoImage: Record<string, unknown> | undefined;
      if (coco !== undefined) {
        const image = cocoImageOf(coco, name);
        if (image === undefined) unmatched++;
        else {
          labels = cocoLabels(coco, image, shape);
          cocoImage = (coco.json.images as Record<string, unknown>[])[image.at];
          for (const e of labels.entries as CocoEntry[]) {
            if (!Number.isSafeInteger(e.annotation.id)) {
              throw new LabelError(
                `${flags.coco}: an annotation of ${name} has the id ${JSON.stringify(e.annotation.id)}; ids must be integers`,
              );
            }
            if (e.rle) rle++;
          }
        }
      }
      if (flags.yolo !== undefined) {
        const path = join(resolve(cwd, flags.yolo), `${stripExt(name)}.txt`);
        const shown = join(flags.yolo, `${stripExt(name)}.txt`);
        const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw new LabelError(`${shown}: cannot read: ${plainFileError(error)}`);
        });
        if (text === undefined) noYolo++;
        else labels = parseYolo(text, shown, shape);
      }
      if (flags.masks !== undefined) {
        const path = join(resolve(cwd, flags.masks), `${stripExt(name)}.png`);
        labels = { ...labels, segmentationMaps: await readMask(path, join(flags.masks, `${stripExt(name)}.png`)) };
      }
      return { labels, shape, cocoImage };
    },

    async write(file, k, index, target) {
      const { labels } = file;
      const result = augmenter.augment(
        {
          shape: file.shape,
          boundingBoxes: labels.boundingBoxes,
          polygons: labels.polygons,
          keypoints: labels.keypoints,
          ...(labels.segmentationMaps ? { segmentationMaps: labels.segmentationMaps } : {}),
        },
        { epoch: k, index, ...options },
      );
      const stem = target.slice(
        0,
        target.length -
          (target
            .split(sep)
            .pop()
            ?.match(/\.[^.]*$/)?.[0].length ?? 0),
      );
      if (flags.yolo !== undefined) {
        const text = yoloText(result.boundingBoxes, result.polygons, labels.entries as YoloEntry[], result.shape);
        await writeOwned(`${stem}.txt`, new TextEncoder().encode(text), overwrite, cwd);
      }
      if (result.segmentationMaps !== undefined) {
        const map = result.segmentationMaps as SegmentationMap;
        // A palette or 16-bit input is written back in its form (its palette); others as 8-bit grey.
        const form = (labels.segmentationMaps as ClassMapFile).form;
        const bytes = form
          ? encodePngClassMap(map, form)
          : await encodeImage(`${stem}.mask.png`, {
              data: map.data as Uint8Array,
              height: map.height,
              width: map.width,
              channels: 1,
            });
        await writeOwned(`${stem}.mask.png`, bytes, overwrite, cwd);
      }
      if (coco !== undefined && file.cocoImage !== undefined) {
        const masks = moveRleMasks(augmenter, labels.entries as CocoEntry[], file.shape, k, index);
        const id = (file.cocoImage.id as number) * variants + k;
        const entry = {
          ...file.cocoImage,
          id,
          file_name: relative(out, target).split(sep).join('/'),
          width: result.shape.width,
          height: result.shape.height,
        };
        const annotations = cocoAnnotations(result, labels.entries as CocoEntry[], id, variants, k, masks);
        images.push({ id, entry, annotations });
      }
    },

    async finish(interrupted) {
      const lines: string[] = [];
      if (coco !== undefined) {
        images.sort((a, b) => a.id - b.id);
        const { images: _i, annotations: _a, ...rest } = coco.json;
        const json = {
          ...rest,
          augkit: { source: flags.coco, seed: run.seed, variants, interrupted },
          images: images.map((i) => i.entry),
          annotations: images.flatMap((i) => i.annotations),
        };
        await writeFileAtomic(cocoOut, new TextEncoder().encode(`${JSON.stringify(json)}\n`), { overwrite: true });
        const count = json.annotations.length;
        lines.push(`wrote ${relative(cwd, cocoOut)}: ${images.length} images, ${count} annotations`);
        if (unmatched > 0)
          lines.push(`${unmatched} inputs have no entry in ${flags.coco} (written without annotations)`);
        if (rle > 0) lines.push(`${rle} run-length encoded (iscrowd) segmentations moved as masks`);
      }
      if (noYolo > 0) lines.push(`${noYolo} inputs have no label file in ${flags.yolo} (no objects)`);
      return lines;
    },
  };
}

function stripExt(name: string): string {
  return name.replace(/\.[^./]*$/, '');
}

/** Refuses to replace a file in --out that this command did not write (a COCO file without the "augkit" key). */
async function refuseForeignCoco(path: string, shown: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let ours = false;
  try {
    ours = JSON.parse(text)?.augkit !== undefined;
  } catch {}
  if (!ours)
    throw new CliError(`${shown} exists and was not written by augkit augment; not replaced (--overwrite replaces it)`);
}

/** Writes a label file of an output: unchanged when its bytes are there already; another file is kept unless --overwrite. */
async function writeOwned(path: string, bytes: Uint8Array, overwrite: boolean, cwd: string): Promise<void> {
  const old = await readFile(path).catch(() => undefined);
  if (old !== undefined && Buffer.from(bytes).equals(old)) return;
  if (old !== undefined && !overwrite) {
    throw new LabelError(`${relative(cwd, path)} exists with other labels; not replaced (--overwrite replaces it)`);
  }
  await writeFileAtomic(path, bytes, { overwrite: true });
}

/** YOLO lines in the input's order: boxes as "class cx cy w h", polygons as "class x1 y1 …", 6 decimals. */
export function yoloText(
  boxes: readonly BoundingBox[],
  polygons: readonly Polygon[],
  entries: readonly YoloEntry[],
  shape: Shape,
): string {
  const lines: [number, string][] = [];
  const fmt = (v: number) => Math.min(1, Math.max(0, v)).toFixed(6);
  for (const b of boxes) {
    const at = Number(b.label);
    lines.push([at, `${entries[at].cls} ${boxTo(b, 'yolo', shape).map(fmt).join(' ')}`]);
  }
  for (const p of polygons) {
    const at = Number(p.label);
    const xy = p.points.flatMap((q) => [fmt(q.x / shape.width), fmt(q.y / shape.height)]);
    lines.push([at, `${entries[at].cls} ${xy.join(' ')}`]);
  }
  lines.sort((a, b) => a[0] - b[0]);
  return lines.map((l) => `${l[1]}\n`).join('');
}

/** A run-length encoded segmentation's mask after a variant's move (1 inside). */
export interface MovedMask {
  readonly data: Uint8Array;
  readonly height: number;
  readonly width: number;
}

/** How many masks one segmentation map carries, one bit each: nearest neighbour keeps ids below 2^24 exact. */
const MASKS_PER_MAP = 24;

/**
 * The run-length encoded segmentations of one image's COCO entries moved as masks by variant k (the draws of its
 * pixels, at `{ epoch: k, index }`): packed as bits of Int32Array class maps, 24 to a map, one `augment` call per
 * map. By entry index; entries without one are absent.
 */
export function moveRleMasks(
  augmenter: Augmenter,
  entries: readonly CocoEntry[],
  shape: Shape,
  k: number,
  index: number,
): Map<number, MovedMask> {
  const moved = new Map<number, MovedMask>();
  const withRle = entries.flatMap((e, at) => (e.rle ? [at] : []));
  for (let start = 0; start < withRle.length; start += MASKS_PER_MAP) {
    const group = withRle.slice(start, start + MASKS_PER_MAP);
    const data = new Int32Array(shape.height * shape.width);
    group.forEach((at, bit) => {
      const { mask } = entries[at].rle as RleMask;
      for (let p = 0; p < mask.length; p++) if (mask[p] !== 0) data[p] |= 1 << bit;
    });
    const map = { data, height: shape.height, width: shape.width };
    const out = augmenter.augment({ shape, segmentationMaps: map }, { epoch: k, index }).segmentationMaps;
    group.forEach((at, bit) => {
      const mask = new Uint8Array(out.data.length);
      for (let p = 0; p < mask.length; p++) mask[p] = (out.data[p] >> bit) & 1;
      moved.set(at, { data: mask, height: out.height, width: out.width });
    });
  }
  return moved;
}

/**
 * The COCO annotations of one output: an annotation survives when its box does; its polygons are the pieces that
 * survived, a run-length encoded segmentation is its moved mask (`masks`, by entry) in the input's form (a
 * compressed string stays a string, a list of runs a list), its keypoints outside the output become [0, 0, 0]
 * (COCO's "not labelled"), its area is its mask's pixel count, else its polygons', else its box's, its id the
 * input's id × variants + k.
 */
export function cocoAnnotations(
  result: { boundingBoxes: BoundingBox[]; polygons: Polygon[]; keypoints: Keypoint[] },
  entries: readonly CocoEntry[],
  imageId: number,
  variants: number,
  k: number,
  masks: ReadonlyMap<number, MovedMask> = new Map(),
): Record<string, unknown>[] {
  const polygons = new Map<string, Polygon[]>();
  for (const p of result.polygons) {
    const list = polygons.get(p.label as string) ?? [];
    list.push(p);
    polygons.set(p.label as string, list);
  }
  const keypoints = new Map(result.keypoints.map((kp) => [kp.label as string, kp]));
  return result.boundingBoxes.map((box) => {
    const at = Number(box.label);
    const { annotation, visibility, rle } = entries[at];
    const pieces = polygons.get(box.label as string) ?? [];
    const segmentation = pieces.map((p) => p.points.flatMap((q) => [q.x, q.y]));
    const mask = masks.get(at);
    const area = mask
      ? mask.data.reduce((sum, v) => sum + v, 0)
      : pieces.length > 0
        ? pieces.reduce((sum, p) => sum + Math.abs(signedArea(p.points)), 0)
        : boxArea(box);
    const out: Record<string, unknown> = {
      ...annotation,
      id: (annotation.id as number) * variants + k,
      image_id: imageId,
      bbox: boxTo(box, 'xywh'),
      area,
    };
    if (rle && mask) out.segmentation = encodeRle(mask.data, mask.height, mask.width, rle.form);
    else if (annotation.segmentation !== undefined) out.segmentation = segmentation;
    if (annotation.keypoints !== undefined) {
      const kps: number[] = [];
      visibility.forEach((v, j) => {
        const kp = v > 0 ? keypoints.get(`${at}:${j}`) : undefined;
        kps.push(...(kp ? [kp.x, kp.y, v] : [0, 0, 0]));
      });
      out.keypoints = kps;
      out.num_keypoints = kps.filter((_, j) => j % 3 === 2 && kps[j] > 0).length;
    }
    return out;
  });
}

function boxArea(b: BoundingBox): number {
  return (b.x2 - b.x1) * (b.y2 - b.y1);
}
