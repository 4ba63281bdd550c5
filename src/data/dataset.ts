// Datasets: anything with a length and an indexed get. Browser-safe.
import type { ImageLabels } from '../augmentables/types.ts';
import { LABEL_KINDS } from '../augmentables/types.ts';
import { argumentError } from '../core/errors.ts';
import { type Image, type UniformBatch, assertImage, batchImage, isUniformBatch } from '../core/image.ts';

/**
 * A dataset: `length` samples, fetched by index. `get` may return a promise (datasets that decode files lazily do);
 * the DataLoader awaits it.
 */
export interface Dataset<T> {
  readonly length: number;
  get(i: number): T | Promise<T>;
}

/**
 * A labelled image, what `ArrayDataset` and `ImageFolder` return: a class label, and optionally the labels that move
 * with the image (`keypoints`, `boundingBoxes`, `polygons`, `lineStrings`, `segmentationMaps`, `heatmaps`), which
 * the DataLoader keeps per image and moves with its augmentation.
 */
export interface LabeledImage extends ImageLabels {
  readonly image: Image;
  readonly label: number;
  /** The sample's index in the dataset that holds it (a `subset` keeps the original index). */
  readonly index: number;
}

/** Throws a RangeError unless `i` is an integer in [0, length). */
export function checkIndex(owner: string, i: number, length: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= length) {
    throw argumentError(owner, 'index', `an integer from 0 to ${length - 1}`, i);
  }
}

/** The indices as an Int32Array, each checked against `length`. */
function checkIndices(owner: string, indices: ArrayLike<number>, length: number): Int32Array {
  const out = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= length) {
      throw argumentError(owner, `indices[${k}]`, `an integer from 0 to ${length - 1}`, i);
    }
    out[k] = i;
  }
  return out;
}

/**
 * The dataset of the samples at `indices` of `dataset`, in that order (repeats allowed); a view, nothing copied.
 * @example const validation = subset(train, range(50000, 60000));
 */
export function subset<T>(dataset: Dataset<T>, indices: ArrayLike<number>): MappedDataset<T, T> {
  const idx = checkIndices('subset', indices, dataset.length);
  return new MappedDataset<T, T>(
    {
      length: idx.length,
      get: (i) => {
        checkIndex('subset.get', i, idx.length);
        return dataset.get(idx[i]);
      },
    },
    (item) => item,
  );
}

/**
 * A dataset whose samples are `fn(dataset.get(i), i)`, computed on each `get` (nothing cached).
 * `fn` may be async.
 */
export class MappedDataset<S, T> implements Dataset<T> {
  readonly length: number;
  constructor(
    private readonly source: Dataset<S>,
    private readonly fn: (item: S, i: number) => T | Promise<T>,
  ) {
    this.length = source.length;
  }

  /** The `i`-th sample, mapped. */
  get(i: number): T | Promise<T> {
    const item = this.source.get(i);
    return item instanceof Promise ? item.then((it) => this.fn(it, i)) : this.fn(item, i);
  }

  /** The samples at `indices`, in that order. */
  subset(indices: ArrayLike<number>): MappedDataset<T, T> {
    return subset(this, indices);
  }

  /** A dataset of `fn(sample, i)`. */
  map<U>(fn: (item: T, i: number) => U | Promise<U>): MappedDataset<T, U> {
    return new MappedDataset(this, fn);
  }
}

/** Per label kind, one entry per image: what `ArrayDataset` takes as its third argument. */
export interface PerImageLabels {
  readonly keypoints?: ImageLabels['keypoints'][];
  readonly boundingBoxes?: ImageLabels['boundingBoxes'][];
  readonly polygons?: ImageLabels['polygons'][];
  readonly lineStrings?: ImageLabels['lineStrings'][];
  readonly segmentationMaps?: ImageLabels['segmentationMaps'][];
  readonly heatmaps?: ImageLabels['heatmaps'][];
}

/**
 * An in-memory dataset of labelled images: one N×H×W×C buffer (a `UniformBatch`, e.g. Fashion-MNIST's images) or a
 * list of images, with one label each, and optionally per-image label kinds (`{ boundingBoxes: [boxesOfImage0, …] }`).
 * `get(i)` returns `{ image, label, index: i }` plus the image's entry of each label kind; images of a uniform batch
 * are views on its buffer (no copy).
 * @example const train = new ArrayDataset(fm.images, fm.labels);  // fm = await loadFashionMnist({ split: 'train' })
 */
export class ArrayDataset implements Dataset<LabeledImage> {
  readonly length: number;
  /** The images as given. */
  readonly images: UniformBatch | readonly Image[];
  /** The labels as given. */
  readonly labels: ArrayLike<number>;
  /** The per-image label kinds as given, if any. */
  readonly annotations?: PerImageLabels;

  constructor(images: UniformBatch | readonly Image[], labels: ArrayLike<number>, annotations?: PerImageLabels) {
    if (isUniformBatch(images)) this.length = images.n;
    else if (Array.isArray(images)) {
      images.forEach((image, i) => assertImage(image, 'ArrayDataset', `images[${i}]`));
      this.length = images.length;
    } else {
      throw argumentError(
        'ArrayDataset',
        'images',
        'a uniform batch { data, n, height, width, channels } or an array of images',
        images,
        'type',
      );
    }
    if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
      throw argumentError('ArrayDataset', 'labels', 'an array or typed array of numbers', labels, 'type');
    }
    if (labels.length !== this.length) {
      throw argumentError('ArrayDataset', 'labels', `${this.length} labels, one per image`, `${labels.length} labels`);
    }
    this.images = images;
    this.labels = labels;
    if (annotations !== undefined) {
      if (annotations === null || typeof annotations !== 'object') {
        throw argumentError(
          'ArrayDataset',
          'annotations',
          '{ keypoints, boundingBoxes, … } with one entry per image',
          annotations,
          'type',
        );
      }
      for (const key of Object.keys(annotations)) {
        const value = (annotations as Record<string, unknown>)[key];
        if (!(LABEL_KINDS as readonly string[]).includes(key)) {
          throw argumentError('ArrayDataset', `annotations.${key}`, `one of ${LABEL_KINDS.join(', ')}`, key, 'type');
        }
        if (!Array.isArray(value) || value.length !== this.length) {
          throw argumentError(
            'ArrayDataset',
            `annotations.${key}`,
            `an array of ${this.length} entries, one per image`,
            value,
            'type',
          );
        }
      }
      this.annotations = annotations;
    }
  }

  /** The `i`-th image (a view on the buffer for a uniform batch), its label and `i`. */
  get(i: number): LabeledImage {
    checkIndex('ArrayDataset.get', i, this.length);
    const image = isUniformBatch(this.images) ? batchImage(this.images, i) : (this.images as readonly Image[])[i];
    const sample: Record<string, unknown> = { image, label: this.labels[i], index: i };
    if (this.annotations !== undefined) {
      for (const kind of LABEL_KINDS) {
        const per = this.annotations[kind];
        if (per !== undefined) sample[kind] = per[i];
      }
    }
    return sample as unknown as LabeledImage;
  }

  /** The samples at `indices`, in that order (a view; `index` stays the index in this dataset). */
  subset(indices: ArrayLike<number>): MappedDataset<LabeledImage, LabeledImage> {
    return subset(this, indices);
  }

  /** A dataset of `fn(sample, i)`. */
  map<U>(fn: (item: LabeledImage, i: number) => U | Promise<U>): MappedDataset<LabeledImage, U> {
    return new MappedDataset(this, fn);
  }
}
