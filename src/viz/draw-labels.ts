import { clipSegment } from '../augmentables/out-of-image.ts';
import type { BoundingBox, Keypoint, LineString, Point, Polygon } from '../augmentables/types.ts';
// Labels drawn on their image for people to look at (imgaug's draw_on_image): keypoints as squares, boxes as
// outlines with their label's text, polygons filled and outlined, line strings. Browser-safe: no Node built-ins; the
// text is a bitmap font, so no canvas or font files are needed.
import { argumentError } from '../core/errors.ts';
import type { Image } from '../core/image.ts';
import {
  type Color,
  type DrawOptions,
  Stroke,
  addLine,
  addText,
  canvasOf,
  colorOption,
  imageOf,
  numberOption,
  textWidth,
} from './canvas.ts';
import { FONT } from './font.ts';

/** Options of {@link drawKeypoints}. */
export interface DrawKeypointsOptions extends DrawOptions {
  /** The side of each keypoint's square in pixels (a positive integer); default 3. */
  readonly size?: number;
}

function listOf<T>(owner: string, name: string, list: unknown): readonly T[] {
  if (!Array.isArray(list)) throw argumentError(owner, name, `an array of ${name}`, list, 'type');
  return list;
}

function finite(owner: string, what: string, o: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const v = o?.[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw argumentError(owner, `${what}.${key}`, 'a finite number', v, 'type');
    }
  }
}

function common(owner: string, options: DrawOptions): { color: Color; alpha: number } {
  return {
    color: colorOption(owner, 'color', options.color),
    alpha: numberOption(owner, 'alpha', options.alpha, 1, 0, 1),
  };
}

/**
 * Draws each keypoint as a filled square of `size` pixels centred on the pixel the point lies in (the pixel
 * (floor(x), floor(y)); an even size reaches one pixel further right and down). Returns a new RGB image (RGBA when
 * the image has alpha), uint8; the image is not changed. Parts outside the image are left out.
 *
 * Differs from imgaug: imgaug centres the square on the pixel (round(x), round(y)), half a pixel off for points in
 * continuous coordinates (x = 10.7 lies in pixel 10).
 *
 * @example drawKeypoints(image, [{ x: 10.5, y: 4.5 }])                        // a green 3×3 square around pixel (10, 4)
 * @example drawKeypoints(image, keypoints, { color: [255, 0, 0], size: 5 }) // red 5×5 squares
 */
export function drawKeypoints(
  image: Image,
  keypoints: readonly Keypoint[],
  options: DrawKeypointsOptions = {},
): Image<Uint8Array> {
  const owner = 'drawKeypoints';
  const { color, alpha } = common(owner, options);
  const size = numberOption(owner, 'size', options.size, 3, 1, 1000, true);
  const canvas = canvasOf(image, owner, options);
  const stroke = new Stroke(canvas);
  listOf<Keypoint>(owner, 'keypoints', keypoints).forEach((k, i) => {
    finite(owner, `keypoints[${i}]`, k as never, ['x', 'y']);
    const px = Math.floor(k.x);
    const py = Math.floor(k.y);
    const before = Math.floor((size - 1) / 2);
    stroke.fillRect(px - before, py - before, px - before + size - 1, py - before + size - 1);
    stroke.paint(color, alpha);
  });
  return imageOf(canvas);
}

/** Options of {@link drawBoundingBoxes}. */
export interface DrawBoxesOptions extends DrawOptions {
  /** The outline's width in pixels (a positive integer), growing outwards from the box's edge pixels; default 1. */
  readonly thickness?: number;
  /** Draw each labelled box's label above it; default true. */
  readonly labels?: boolean;
  /** The label text's colour; default black on light box colours, white on dark ones. */
  readonly textColor?: Color;
}

/**
 * Draws each box's outline, and its label in a filled tag above its top-left corner (inside the box when there is
 * no room above). The outline runs through the pixels the box's edges lie in: columns floor(x1) and ceil(x2) − 1,
 * rows floor(y1) and ceil(y2) − 1 (a box of [2, 6) × [3, 5) is outlined on columns 2 and 5, rows 3 and 4), then
 * `thickness − 1` more rings outside. The text is a 6×10 bitmap font (printable ASCII; other characters show as '?').
 * Returns a new RGB image (RGBA when the image has alpha), uint8; the image is not changed.
 *
 * @example drawBoundingBoxes(image, [{ x1: 10, y1: 20, x2: 50, y2: 60, label: 'car' }])
 * @example drawBoundingBoxes(image, boxes, { color: [255, 0, 0], thickness: 2, labels: false })
 */
export function drawBoundingBoxes(
  image: Image,
  boxes: readonly BoundingBox[],
  options: DrawBoxesOptions = {},
): Image<Uint8Array> {
  const owner = 'drawBoundingBoxes';
  const { color, alpha } = common(owner, options);
  const thickness = numberOption(owner, 'thickness', options.thickness, 1, 1, 1000, true);
  const light = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2] >= 128;
  const textColor = colorOption(owner, 'textColor', options.textColor, light ? [0, 0, 0] : [255, 255, 255]);
  const labels = options.labels ?? true;
  const canvas = canvasOf(image, owner, options);
  const stroke = new Stroke(canvas);
  listOf<BoundingBox>(owner, 'boundingBoxes', boxes).forEach((b, i) => {
    finite(owner, `boundingBoxes[${i}]`, b as never, ['x1', 'y1', 'x2', 'y2']);
    const [l, t, r, bottom] = edgePixels(b);
    for (let k = 0; k < thickness; k++) {
      stroke.fillRect(l - k, t - k, r + k, t - k);
      stroke.fillRect(l - k, bottom + k, r + k, bottom + k);
      stroke.fillRect(l - k, t - k, l - k, bottom + k);
      stroke.fillRect(r + k, t - k, r + k, bottom + k);
    }
    stroke.paint(color, alpha);
    if (!labels || b.label === undefined || b.label === '') return;
    const tagHeight = FONT.height + 2;
    const x0 = l - (thickness - 1);
    const above = t - (thickness - 1) - tagHeight;
    const y0 = above >= 0 ? above : t + thickness;
    stroke.fillRect(x0, y0, x0 + textWidth(String(b.label)) + 1, y0 + tagHeight - 1);
    stroke.paint(color, alpha);
    addText(stroke, String(b.label), x0 + 1, y0 + 1);
    stroke.paint(textColor, alpha);
  });
  return imageOf(canvas);
}

/** The pixels a box's edges lie in: [left column, top row, right column, bottom row]. */
function edgePixels(b: BoundingBox): [number, number, number, number] {
  const x1 = Math.min(b.x1, b.x2);
  const x2 = Math.max(b.x1, b.x2);
  const y1 = Math.min(b.y1, b.y2);
  const y2 = Math.max(b.y1, b.y2);
  const l = Math.floor(x1);
  const t = Math.floor(y1);
  return [l, t, Math.max(l, Math.ceil(x2) - 1), Math.max(t, Math.ceil(y2) - 1)];
}

/** Options of {@link drawPolygons}. */
export interface DrawPolygonsOptions extends DrawOptions {
  /** The opacity of the polygon's inside, in [0, 1]; default 0.5 (imgaug's); the outline uses `alpha`. */
  readonly fillAlpha?: number;
}

/**
 * Draws each polygon: its inside (the pixels whose centre lies inside it, even-odd rule) in `color` at `fillAlpha`,
 * then its outline (lines between the pixels its points lie in, last back to first) at `alpha`. Returns a new RGB
 * image (RGBA when the image has alpha), uint8; the image is not changed.
 *
 * @example drawPolygons(image, [{ points: [{ x: 2, y: 2 }, { x: 30, y: 4 }, { x: 12, y: 25 }] }])
 * @example drawPolygons(image, polygons, { color: [0, 0, 255], fillAlpha: 0 }) // outlines only
 */
export function drawPolygons(
  image: Image,
  polygons: readonly Polygon[],
  options: DrawPolygonsOptions = {},
): Image<Uint8Array> {
  const owner = 'drawPolygons';
  const { color, alpha } = common(owner, options);
  const fillAlpha = numberOption(owner, 'fillAlpha', options.fillAlpha, 0.5, 0, 1);
  const canvas = canvasOf(image, owner, options);
  const stroke = new Stroke(canvas);
  listOf<Polygon>(owner, 'polygons', polygons).forEach((polygon, i) => {
    const points = pointsOf(owner, `polygons[${i}]`, polygon);
    if (fillAlpha > 0 && points.length >= 3) {
      addInside(stroke, points);
      stroke.paint(color, fillAlpha);
    }
    addPath(stroke, points, true);
    stroke.paint(color, alpha);
  });
  return imageOf(canvas);
}

/**
 * Draws each line string as lines between the pixels its points lie in. Returns a new RGB image (RGBA when the
 * image has alpha), uint8; the image is not changed.
 *
 * @example drawLineStrings(image, [{ points: [{ x: 0, y: 0 }, { x: 20, y: 10 }] }], { color: [255, 255, 0] })
 */
export function drawLineStrings(
  image: Image,
  lineStrings: readonly LineString[],
  options: DrawOptions = {},
): Image<Uint8Array> {
  const owner = 'drawLineStrings';
  const { color, alpha } = common(owner, options);
  const canvas = canvasOf(image, owner, options);
  const stroke = new Stroke(canvas);
  listOf<LineString>(owner, 'lineStrings', lineStrings).forEach((line, i) => {
    addPath(stroke, pointsOf(owner, `lineStrings[${i}]`, line), false);
    stroke.paint(color, alpha);
  });
  return imageOf(canvas);
}

function pointsOf(owner: string, what: string, item: Polygon | LineString): readonly Point[] {
  const points = (item as { points?: unknown })?.points;
  if (!Array.isArray(points)) throw argumentError(owner, `${what}.points`, 'an array of { x, y }', points, 'type');
  points.forEach((p, k) => finite(owner, `${what}.points[${k}]`, p, ['x', 'y']));
  return points;
}

/** Lines between consecutive points (and last to first when `closed`), each cut to the canvas first. */
function addPath(stroke: Stroke, points: readonly Point[], closed: boolean): void {
  const { width: w, height: h } = stroke.canvas;
  const pixel = (v: number, size: number) => Math.min(size - 1, Math.floor(v));
  if (points.length === 1) stroke.add(Math.floor(points[0].x), Math.floor(points[0].y));
  const segments = closed && points.length > 2 ? points.length : points.length - 1;
  for (let k = 0; k < segments; k++) {
    const piece = clipSegment(points[k], points[(k + 1) % points.length], w, h);
    if (piece === undefined) continue;
    const [a, b] = piece;
    addLine(stroke, pixel(a.x, w), pixel(a.y, h), pixel(b.x, w), pixel(b.y, h));
  }
}

/** The pixels whose centre lies inside the polygon (even-odd rule), row by row. */
function addInside(stroke: Stroke, points: readonly Point[]): void {
  const { width: w, height: h } = stroke.canvas;
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    top = Math.min(top, p.y);
    bottom = Math.max(bottom, p.y);
  }
  const crossings: number[] = [];
  for (let y = Math.max(0, Math.floor(top)); y <= Math.min(h - 1, Math.ceil(bottom)); y++) {
    const cy = y + 0.5;
    crossings.length = 0;
    for (let k = 0; k < points.length; k++) {
      const p = points[k];
      const q = points[(k + 1) % points.length];
      // Half-open in y, so a vertex on the row's centre line counts once.
      if (p.y <= cy !== q.y <= cy) crossings.push(p.x + ((cy - p.y) * (q.x - p.x)) / (q.y - p.y));
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixel x is inside when its centre x + ½ lies in [a, b).
      const from = Math.max(0, Math.ceil(crossings[k] - 0.5));
      const to = Math.min(w - 1, Math.ceil(crossings[k + 1] - 0.5) - 1);
      for (let x = from; x <= to; x++) stroke.add(x, y);
    }
  }
}
