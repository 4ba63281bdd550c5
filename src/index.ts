/**
 * augkit: image augmentation with imgaug's semantics.
 * @example
 * import * as iaa from 'augkit';
 * iaa.seed(1);
 * const aug = iaa.Sequential([iaa.Affine({ translatePx: { x: [-10, 10] } }), iaa.Multiply([0.8, 1.2])]);
 * const out = aug.augmentImages(images);
 */
// The public surface of `augkit`, deliberately listed (README.md's "Public API" names every export, and
// test/public-api.test.ts keeps the two in sync and requires a doc comment on each). Plumbing stays internal: the
// registry, the augmenters' batch and seeding internals (tagged internal in their doc comments, which the build's
// stripInternal leaves out of the declarations), the default-pool hook augkit/node uses.
export * from './augmenters/public.ts';
export * as iap from './params/index.ts';
export { seed, getSeed, RandomSource, RandomStream } from './random/stream.ts';
export { Augmenter, type AugmentOptions, type AugmenterSpec, type CommonOptions } from './augmenters/base/augmenter.ts';
export type { AugmenterOptions } from './augmenters/base/define.ts';
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
export type { Color, DrawOptions } from './viz/canvas.ts';
export {
  drawKeypoints,
  drawBoundingBoxes,
  drawPolygons,
  drawLineStrings,
  type DrawKeypointsOptions,
  type DrawBoxesOptions,
  type DrawPolygonsOptions,
} from './viz/draw-labels.ts';
export {
  drawSegmentationMap,
  drawHeatmap,
  SEGMENT_COLORS,
  type DrawSegmentationMapOptions,
  type DrawHeatmapOptions,
} from './viz/draw-maps.ts';
export { drawLabels, type DrawLabelsOptions } from './viz/draw.ts';
export * from './data/index.ts';
export * from './augmentables/index.ts';
export { MaskGenerator, type MaskGeneratorSpec } from './augmenters/blend/mask-generator.ts';
export { HorizontalLinearGradientMaskGen, VerticalLinearGradientMaskGen } from './augmenters/blend/gradient-mask.ts';
export { CheckerboardMaskGen, RegularGridMaskGen } from './augmenters/blend/grid-mask.ts';
export { InvertMaskGen, StochasticParameterMaskGen } from './augmenters/blend/mask-generators.ts';
