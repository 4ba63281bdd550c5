/**
 * augkit/node: the Node-only part of augkit — image files, IDX files, Fashion-MNIST, image folders and the worker
 * pool. Importing it registers `createWorkerPool` as the DataLoader's default pool, so `workers: k` just works.
 * @example
 * import { ArrayDataset, DataLoader } from 'augkit';
 * import { loadFashionMnist } from 'augkit/node';
 * const { images, labels } = await loadFashionMnist({ split: 'train' });
 */
import { setDefaultAugmentPool } from './data/data-loader.ts';
import { createWorkerPool } from './data/worker-pool.ts';

export { downloadFashionMnist, loadFashionMnist, type LoadFashionMnistOptions } from './io/fashion-mnist.ts';
export { readIdxFile } from './io/idx-file.ts';
export {
  readImage,
  readImageWithInfo,
  writeImage,
  type ImageFileInfo,
  type ReadImageOptions,
  type WriteImageOptions,
} from './io/image-file.ts';
export { ImageFolder, type ImageFolderOptions, type ImageFolderSample } from './data/image-folder.ts';
export { createWorkerPool, type AugmenterReviver, type WorkerPoolOptions } from './data/worker-pool.ts';
export {
  FASHION_MNIST_CLASSES,
  type FashionMnist,
  type FashionMnistSource,
  type FashionMnistSplit,
} from './data/fashion-mnist.ts';

setDefaultAugmentPool(createWorkerPool);
