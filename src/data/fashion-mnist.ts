// Fashion-MNIST, browser-safe part: class names, file names and turning parsed IDX arrays into a dataset. Finding
// and reading the files is Node-only (`src/io/fashion-mnist.ts`, exported from `augkit/node`).
import { argumentError } from '../core/errors.ts';
import type { UniformBatch } from '../core/image.ts';
import type { IdxArray } from './idx.ts';

/** Fashion-MNIST's ten classes, indexed by label (Zalando Research's names). */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);

/** The two splits of Fashion-MNIST: 60,000 training and 10,000 test images. */
export type FashionMnistSplit = 'train' | 'test';

/** The official file names of a split, without the `.gz` the distributed files carry. */
export function fashionMnistFileNames(split: FashionMnistSplit): { images: string; labels: string } {
  if (split !== 'train' && split !== 'test') {
    throw argumentError('loadFashionMnist', 'split', "'train' or 'test'", split);
  }
  const prefix = split === 'train' ? 'train' : 't10k';
  return { images: `${prefix}-images-idx3-ubyte`, labels: `${prefix}-labels-idx1-ubyte` };
}

/** A split of Fashion-MNIST in memory. */
export interface FashionMnist {
  /** N×28×28×1 uint8 pixels, 0 = background (black), 255 = full intensity. */
  readonly images: UniformBatch<Uint8Array>;
  /** N labels, 0–9, indexing `classNames`. */
  readonly labels: Uint8Array;
  /** The ten class names, `FASHION_MNIST_CLASSES`. */
  readonly classNames: readonly string[];
  /** Where the data came from. */
  readonly source: FashionMnistSource;
}

/** Which location `loadFashionMnist` used. */
export interface FashionMnistSource {
  /** `dir` (the option), `env` ($AUGKIT_DATA), `cwd` (./data), `debian` (/usr/share/datasets) or `sample`. */
  readonly kind: 'dir' | 'env' | 'cwd' | 'debian' | 'sample' | 'bytes';
  /** The folder the files were read from. */
  readonly dir: string;
  /** The two files read, images first. */
  readonly files: readonly string[];
  /** True for the small sample committed in the repository (2,000 training / 1,000 test images). */
  readonly sample: boolean;
}

/**
 * Checks that two parsed IDX arrays are a Fashion-MNIST (or MNIST) split — uint8 images N×28×28, uint8 labels N,
 * labels 0–9 — and returns them as a dataset, without copying the pixels.
 * @param names What to call the two arrays in error messages (usually their paths).
 */
export function fashionMnistFromIdx(
  images: IdxArray,
  labels: IdxArray,
  source: FashionMnistSource,
  names: { images: string; labels: string } = { images: 'images', labels: 'labels' },
): FashionMnist {
  const owner = 'loadFashionMnist';
  if (images.dtype !== 'uint8' || images.dims.length !== 3 || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw argumentError(
      owner,
      names.images,
      'uint8 IDX images of N × 28 × 28',
      `${images.dtype} ${images.dims.join(' × ')}`,
    );
  }
  if (labels.dtype !== 'uint8' || labels.dims.length !== 1) {
    throw argumentError(owner, names.labels, 'uint8 IDX labels of N', `${labels.dtype} ${labels.dims.join(' × ')}`);
  }
  if (labels.dims[0] !== images.dims[0]) {
    throw argumentError(owner, names.labels, `${images.dims[0]} labels, one per image`, `${labels.dims[0]} labels`);
  }
  const labelData = labels.data as Uint8Array;
  const bad = labelData.findIndex((l) => l > 9);
  if (bad >= 0) throw argumentError(owner, `${names.labels}[${bad}]`, 'a label from 0 to 9', labelData[bad]);
  return {
    images: { data: images.data as Uint8Array, n: images.dims[0], height: 28, width: 28, channels: 1 },
    labels: labelData,
    classNames: FASHION_MNIST_CLASSES,
    source,
  };
}
