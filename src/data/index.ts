// The browser-safe part of the data layer, for `augkit` (src/index.ts re-exports this file). Node-only pieces
// (files, Fashion-MNIST loading, ImageFolder, the worker pool) are exported from `augkit/node` (src/node.ts).
export {
  ArrayDataset,
  type Dataset,
  type LabeledImage,
  MappedDataset,
  type PerImageLabels,
  subset,
} from './dataset.ts';
export {
  type AugmentPool,
  type AugmentPoolFactory,
  type BatchAugmenter,
  type Collate,
  type CollatedBatch,
  DataLoader,
  type DataLoaderOptions,
  defaultCollate,
  type LoaderBatch,
} from './data-loader.ts';
export type { BatchLabels } from './batch-labels.ts';
export { createWebWorkerPool, type WebWorkerPoolOptions } from './web-worker-pool.ts';
export { permutation } from './permutation.ts';
export { type IdxArray, type IdxDType, parseIdx } from './idx.ts';
export {
  FASHION_MNIST_CLASSES,
  type FashionMnist,
  type FashionMnistSource,
  type FashionMnistSplit,
  fashionMnistFromIdx,
} from './fashion-mnist.ts';
