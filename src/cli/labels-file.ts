// `augkit grid --labels FILE`: one image's labels from a YOLO .txt, a COCO .json (the entry of the image's file
// name), augkit's own JSON ({ keypoints, boundingBoxes, polygons, lineStrings }) or a class-map image, with the text
// a person reads on each box (the class id, or the COCO category's name).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Heatmap, ImageLabels } from '../augmentables/types.ts';
import { plainFileError } from '../core/file-errors.ts';
import type { Shape } from '../core/image.ts';
import {
  type CocoEntry,
  LabelError,
  type SourceLabels,
  type YoloEntry,
  cocoImageOf,
  cocoLabels,
  parseCoco,
  parseYolo,
  readMask,
} from './labels-read.ts';

const OWN_KEYS = ['keypoints', 'boundingBoxes', 'polygons', 'lineStrings'] as const;

/** The labels in `path` of the image named `imageName` of shape `shape`; a LabelError when malformed. */
export async function readLabelsFile(
  path: string,
  shown: string,
  imageName: string,
  shape: Shape,
): Promise<ImageLabels> {
  const ext = extname(path).toLowerCase();
  if (['.png', '.tif', '.tiff', '.webp', '.gif'].includes(ext))
    return { segmentationMaps: await readMask(path, shown) };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LabelError(`${shown}: cannot read: ${plainFileError(error)}`);
  }
  if (ext === '.txt') {
    const labels = parseYolo(text, shown, shape);
    return named(labels, (at) => String((labels.entries[at] as YoloEntry).cls));
  }
  if (ext !== '.json') {
    throw new LabelError(`${shown}: --labels takes a YOLO .txt, a COCO or augkit .json, or a class map .png`);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LabelError(`${shown}: not JSON (${(error as Error).message})`);
  }
  if (json !== null && typeof json === 'object' && Array.isArray(json.images)) {
    const coco = parseCoco(text, shown);
    const image = cocoImageOf(coco, basename(imageName));
    if (image === undefined)
      throw new LabelError(`${shown}: no entry in "images" has the file_name ${basename(imageName)}`);
    const labels = cocoLabels(coco, image, shape);
    const names = new Map<unknown, string>();
    if (Array.isArray(json.categories)) {
      for (const c of json.categories as { id?: unknown; name?: unknown }[]) names.set(c?.id, String(c?.name));
    }
    return named(labels, (at) => {
      const id = (labels.entries[at] as CocoEntry).annotation.category_id;
      return names.get(id) ?? String(id ?? '');
    });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new LabelError(`${shown}: expected an object with ${OWN_KEYS.join(', ')} (any of them), or a COCO file`);
  }
  const labels: Record<string, unknown> = {};
  for (const key of Object.keys(json)) {
    if (!(OWN_KEYS as readonly string[]).includes(key) || !Array.isArray(json[key])) {
      throw new LabelError(`${shown}: "${key}" is not one of ${OWN_KEYS.join(', ')} with an array`);
    }
    labels[key] = json[key];
  }
  return labels as ImageLabels;
}

/** The labels with each box's text from `text(entry index)`. */
function named(labels: SourceLabels, text: (at: number) => string): ImageLabels {
  return {
    boundingBoxes: labels.boundingBoxes.map((b) => ({ ...b, label: text(Number(b.label)) })),
    polygons: labels.polygons,
    keypoints: labels.keypoints,
  };
}

/**
 * A heatmap from a grey PNG (or any grey file sharp reads): 8-bit values / 255, 16-bit values / 65535, one channel
 * in [0, 1], at the file's size (it covers the whole image). A palette or colour file is a LabelError.
 */
export async function readHeatmapFile(path: string, shown: string): Promise<Heatmap> {
  const map = await readMask(path, shown);
  if (map.form?.kind === 'palette') throw new LabelError(`${shown}: a palette PNG; a heatmap is a grey image`);
  const scale = map.data instanceof Uint16Array ? 65535 : 255;
  return { data: Float32Array.from(map.data, (v) => v / scale), height: map.height, width: map.width, channels: 1 };
}
