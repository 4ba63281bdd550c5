// Every label kind of one image drawn at once, in the order that keeps each visible: maps under shapes, boxes and
// keypoints on top. Browser-safe.
import type { ImageLabels } from '../augmentables/types.ts';
import type { Image } from '../core/image.ts';
import { type Color, canvasOf, imageOf } from './canvas.ts';
import { drawBoundingBoxes, drawKeypoints, drawLineStrings, drawPolygons } from './draw-labels.ts';
import { drawHeatmap, drawSegmentationMap } from './draw-maps.ts';
import type { ToUint8Options } from './grid.ts';

/** Options of {@link drawLabels}. */
export interface DrawLabelsOptions extends ToUint8Options {
  /** Colour of boxes; default green. */
  readonly boxColor?: Color;
  /** Colour of keypoints; default red. */
  readonly keypointColor?: Color;
  /** Colour of polygons and line strings; default blue. */
  readonly shapeColor?: Color;
  /** Side of the keypoints' squares; default 3. */
  readonly keypointSize?: number;
}

/**
 * Draws an image's labels on it: the segmentation map (imgaug's colours, alpha 0.5), the heatmap's first channel
 * (jet, alpha 0.5), polygons (filled at 0.3), line strings, boxes with their labels, then keypoints. Returns a new
 * RGB image (RGBA when the image has alpha), uint8.
 *
 * @example drawLabels(out.image, out) // after aug.augment({ image, boundingBoxes, keypoints })
 */
export function drawLabels(image: Image, labels: ImageLabels, options: DrawLabelsOptions = {}): Image<Uint8Array> {
  let out: Image = image;
  // float32 images are converted by the first drawing; later ones get its uint8 result.
  const f = { floatScale: options.floatScale };
  if (labels.segmentationMaps) out = drawSegmentationMap(out, labels.segmentationMaps, { ...f, alpha: 0.5 });
  if (labels.heatmaps) out = drawHeatmap(out, labels.heatmaps, { ...f, alpha: 0.5 });
  const shape = options.shapeColor ?? [0, 96, 255];
  if (labels.polygons) out = drawPolygons(out, labels.polygons, { ...f, color: shape, fillAlpha: 0.3 });
  if (labels.lineStrings) out = drawLineStrings(out, labels.lineStrings, { ...f, color: shape });
  if (labels.boundingBoxes) out = drawBoundingBoxes(out, labels.boundingBoxes, { ...f, color: options.boxColor });
  if (labels.keypoints) {
    out = drawKeypoints(out, labels.keypoints, {
      ...f,
      color: options.keypointColor ?? [255, 0, 0],
      size: options.keypointSize,
    });
  }
  // Nothing drawn: still a new RGB(A) uint8 image, as when something is.
  return out === image ? imageOf(canvasOf(image, 'drawLabels', options)) : (out as Image<Uint8Array>);
}
