/**
 * augkit: image augmentation with imgaug's semantics.
 * @example
 * import * as iaa from 'augkit';
 * iaa.seed(1);
 * const aug = iaa.Sequential([iaa.Affine({ translatePx: { x: [-10, 10] } }), iaa.Multiply([0.8, 1.2])]);
 * const out = aug.augmentImages(images);
 */
export * from './augmenters/index.ts';
export * as iap from './params/index.ts';
export { seed, getSeed, RandomSource, RandomStream } from './random/stream.ts';
export { Augmenter, type AugmentOptions, type AugmenterSpec, type CommonOptions } from './augmenters/base/augmenter.ts';
export {
  type Image,
  type Shape,
  type DType,
  type PixelArray,
  type UniformBatch,
  type Batch,
  makeImage,
  imageFromRows,
  imageToRows,
  emptyImage,
  cloneImage,
  imagesEqual,
  stackImages,
  batchToImages,
  batchImage,
  isUniformBatch,
  dtypeOf,
} from './core/image.ts';
export { SpecError } from './core/errors.ts';
export {
  useWasmKernels,
  wasmKernelsAvailable,
  wasmKernelsReady,
  kernelRuns,
  resetKernelRuns,
  kernelTable,
  type KernelRuns,
  type KernelInfo,
} from './kernels/table.ts';
export { drawGrid, upscale, toImageData, toUint8, type GridOptions, type ImageDataLike } from './viz/grid.ts';
export * from './data/index.ts';
export * from './augmentables/index.ts';
