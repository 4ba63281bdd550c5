// The labels a dataset's samples carry (keypoints, boxes, polygons, line strings, maps), gathered per image by the
// collation and moved by the DataLoader's augmenter with each image's draws. Browser-safe.
import type { BatchInput, LabelOptions } from '../augmentables/augment.ts';
import { LABEL_KINDS } from '../augmentables/types.ts';
import type { BoundingBox, Heatmap, Keypoint, LineString, Polygon, SegmentationMap } from '../augmentables/types.ts';
import { argumentError } from '../core/errors.ts';
import type { Shape } from '../core/image.ts';

/** Per label kind, one entry per image of a batch (a list for the coordinate kinds, a map for the map kinds). */
export interface BatchLabels {
  readonly keypoints?: Keypoint[][];
  readonly boundingBoxes?: BoundingBox[][];
  readonly polygons?: Polygon[][];
  readonly lineStrings?: LineString[][];
  readonly segmentationMaps?: SegmentationMap[];
  readonly heatmaps?: Heatmap[];
}

const LIST_KINDS = ['keypoints', 'boundingBoxes', 'polygons', 'lineStrings'] as const;

/**
 * The labels of `items` gathered per kind, for the kinds any item has: an item without a list kind gets an empty
 * list; the map kinds must be on every item when on one. Undefined when no item has labels.
 */
export function gatherLabels(items: readonly unknown[], indices: ArrayLike<number>): BatchLabels | undefined {
  const out: Record<string, unknown[]> = {};
  for (const kind of LABEL_KINDS) {
    if (!items.some((item) => (item as Record<string, unknown>)?.[kind] !== undefined)) continue;
    const isList = (LIST_KINDS as readonly string[]).includes(kind);
    out[kind] = items.map((item, k) => {
      const value = (item as Record<string, unknown>)[kind];
      if (value !== undefined) return value;
      if (isList) return [];
      throw argumentError(
        'DataLoader',
        `dataset.get(${indices[k]}).${kind}`,
        `a ${kind === 'heatmaps' ? 'heatmap' : 'segmentation map'}, as the other samples of its batch have`,
        value,
        'type',
      );
    });
  }
  return Object.keys(out).length === 0 ? undefined : (out as BatchLabels);
}

/** What the loader needs to move labels: `augment` with shapes (an augkit augmenter has it). */
export interface LabelAugmenter {
  augment(input: BatchInput, options: LabelOptions): Record<string, unknown>;
}

/**
 * The batch's labels moved by `augmenter` at (epoch, indices), the draws its images get from `augmentImages`;
 * `options` say what happens to labels that leave the image.
 */
export function augmentLabels(
  augmenter: unknown,
  labels: BatchLabels,
  shapes: readonly Shape[],
  epoch: number,
  indices: Int32Array,
  options: LabelOptions,
): BatchLabels {
  if (typeof (augmenter as LabelAugmenter).augment !== 'function') {
    throw argumentError(
      'DataLoader',
      'augment',
      'an augmenter with augment() when samples carry labels',
      augmenter,
      'type',
    );
  }
  const moved = (augmenter as LabelAugmenter).augment({ shapes, ...labels }, { ...options, epoch, indices });
  const out: Record<string, unknown> = {};
  for (const kind of LABEL_KINDS) if (moved[kind] !== undefined) out[kind] = moved[kind];
  return out as BatchLabels;
}
