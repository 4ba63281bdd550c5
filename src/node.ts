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

export {
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_SAMPLE_DIR,
  FASHION_MNIST_URL,
  downloadFashionMnist,
  fashionMnistLocations,
  loadFashionMnist,
  type LoadFashionMnistOptions,
} from './io/fashion-mnist.ts';
export { decodeIdxBytes, isGzip, readIdxFile } from './io/idx-file.ts';
export {
  readImage,
  readImageWithInfo,
  writeImage,
  type ImageFileInfo,
  type ReadImageOptions,
  type WriteImageOptions,
} from './io/image-file.ts';
export { removeStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from './io/atomic-write.ts';
export { plainFileError } from './core/file-errors.ts';
export { ImageFolder, type ImageFolderOptions, type ImageFolderSample } from './data/image-folder.ts';
export { createWorkerPool, type AugmenterReviver, type WorkerPoolOptions } from './data/worker-pool.ts';
export {
  FASHION_MNIST_CLASSES,
  type FashionMnist,
  type FashionMnistSource,
  type FashionMnistSplit,
} from './data/fashion-mnist.ts';

setDefaultAugmentPool(createWorkerPool);
