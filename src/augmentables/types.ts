// The label kinds that ride on an image, in imgaug's coordinates: continuous pixel coordinates where the pixel (0, 0)
// covers [0, 1)² and its centre is (0.5, 0.5). Every label module, and the drawing, CLI and data code built on them,
// takes its types from here.

/** A point on an image, e.g. a landmark of a face or a joint of a pose. */
export interface Keypoint {
  readonly x: number;
  readonly y: number;
  readonly label?: string;
}

/** An axis-aligned box, corners in xyxy form (x1 ≤ x2, y1 ≤ y2 when valid). */
export interface BoundingBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly label?: string;
}

/** A point of a polygon or line string. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A closed outline: its points in order (the last connects back to the first). */
export interface Polygon {
  readonly points: readonly Point[];
  readonly label?: string;
}

/** An open path through its points, in order. */
export interface LineString {
  readonly points: readonly Point[];
  readonly label?: string;
}

/** The integer arrays a segmentation map may hold class ids in. */
export type ClassArray = Uint8Array | Uint16Array | Int32Array;

/**
 * A class map: one class id per cell, height × width, row-major. It may have another size than its image: it then
 * covers the whole image at its own resolution. Always moved with nearest neighbour, new area filled with 0.
 */
export interface SegmentationMap {
  readonly data: ClassArray;
  readonly height: number;
  readonly width: number;
}

/**
 * Heatmaps: float32 values in [0, 1], height × width × channels (interleaved), at their own resolution over the
 * whole image (like a segmentation map). Moved with the interpolation imgaug uses for them, new area 0, clipped.
 */
export interface Heatmap {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Every label kind one image may carry; any subset may be given. */
export interface ImageLabels {
  readonly keypoints?: readonly Keypoint[];
  readonly boundingBoxes?: readonly BoundingBox[];
  readonly polygons?: readonly Polygon[];
  readonly lineStrings?: readonly LineString[];
  readonly segmentationMaps?: SegmentationMap;
  readonly heatmaps?: Heatmap;
}

/** The names of the label kinds, in the order they are processed. */
export const LABEL_KINDS = [
  'keypoints',
  'boundingBoxes',
  'polygons',
  'lineStrings',
  'segmentationMaps',
  'heatmaps',
] as const satisfies readonly (keyof ImageLabels)[];
