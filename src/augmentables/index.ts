// The label API in one module: types, box formats, out-of-image handling and `augment`'s input and result types.
export type {
  Keypoint,
  BoundingBox,
  Point,
  Polygon,
  LineString,
  SegmentationMap,
  Heatmap,
  ClassArray,
  ImageLabels,
} from './types.ts';
export { LABEL_KINDS } from './types.ts';
export { type BoxFormat, BOX_FORMATS, type ImageSize, boxFrom, boxTo } from './boxes.ts';
export {
  type OutOfImageOptions,
  type RemoveOptions,
  clipOutOfImage,
  visibleFraction,
} from './out-of-image.ts';
export type { InvalidPolygons } from './polygon-repair.ts';
export type { AugmentInput, AugmentResult, BatchInput, LabelOptions, SampleInput } from './augment.ts';
