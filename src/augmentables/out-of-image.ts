// What happens to labels that leave the image, on request only (as in imgaug, nothing is clipped or removed unless
// asked): removal by visible fraction and box area, and clipping to the image plane [0, W] × [0, H].
import { argumentError } from '../core/errors.ts';
import type { Shape } from '../core/image.ts';
import type { BoundingBox, Keypoint, LineString, Point, Polygon } from './types.ts';

/** imgaug clips box coordinates to [0, size − float32 epsilon]. */
const EPS = 1.1920928955078125e-7;

/** Which labels count as outside the image and are removed. */
export interface RemoveOptions {
  /**
   * Keep a label only when at least this fraction of it is inside the image (area for boxes and polygons, length
   * for line strings; a keypoint is inside or not). Default: any part at all (imgaug's `remove_out_of_image()`,
   * which removes only labels fully outside).
   */
  readonly minVisible?: number;
  /** Boxes smaller than this area (in pixels², after clipping when `clipOutOfImage`) are removed. Default 0. */
  readonly minArea?: number;
}

/** What happens to labels that leave the image: removed, clipped to it, or kept. */
export interface OutOfImageOptions {
  /** Remove labels that are (mostly) outside the output image: `true`, or `{ minVisible, minArea }`. */
  readonly removeOutOfImage?: boolean | RemoveOptions;
  /**
   * Clip labels to the output image: keypoints outside are dropped, box corners clamped, polygons cut to the image
   * rectangle (a polygon left with no area is dropped), line strings cut into the pieces inside.
   */
  readonly clipOutOfImage?: boolean;
}

type Kind = 'keypoints' | 'boundingBoxes' | 'polygons' | 'lineStrings';
type Listed = Keypoint | BoundingBox | Polygon | LineString;

/** Applies `options` to one image's list of `kind` (already moved), `shape` being the output image's. */
export function applyOutOfImage(kind: Kind, list: Listed[], shape: Shape, options: OutOfImageOptions): Listed[] {
  const remove = options.removeOutOfImage;
  const clip = options.clipOutOfImage === true;
  if ((remove === undefined || remove === false) && !clip) return list;
  let out = list;
  if (remove !== undefined && remove !== false) {
    const { minVisible, minArea } = removeRules(remove === true ? {} : remove);
    out = out.filter((item) => keeps(kind, item, shape, minVisible));
    if (kind === 'boundingBoxes' && minArea > 0) {
      out = out.filter((b) => area(clip ? clipBox(b as BoundingBox, shape) : (b as BoundingBox)) >= minArea);
    }
  }
  if (clip) out = clipOutOfImage(kind, out, shape);
  return out;
}

function removeRules(options: RemoveOptions): { minVisible: number; minArea: number } {
  const { minVisible = 0, minArea = 0 } = options;
  if (typeof minVisible !== 'number' || !(minVisible >= 0 && minVisible <= 1)) {
    throw argumentError('augment', 'removeOutOfImage.minVisible', 'a number in [0, 1]', minVisible);
  }
  if (typeof minArea !== 'number' || !(minArea >= 0) || !Number.isFinite(minArea)) {
    throw argumentError('augment', 'removeOutOfImage.minArea', 'a finite number ≥ 0', minArea);
  }
  return { minVisible, minArea };
}

/** Whether a label is kept: its visible fraction is > 0 (minVisible 0) or ≥ minVisible. */
function keeps(kind: Kind, item: Listed, shape: Shape, minVisible: number): boolean {
  const v = visibleFraction(kind, item, shape);
  return minVisible === 0 ? v > 0 : v >= minVisible;
}

/**
 * The fraction of a label inside the image [0, W] × [0, H]: area for boxes and polygons, length for line strings,
 * 1 or 0 for keypoints (inside means 0 ≤ x < W, 0 ≤ y < H). A label without area (or length) counts by its first
 * point, as in imgaug.
 */
export function visibleFraction(kind: Kind, item: Listed, shape: Shape): number {
  const { width: w, height: h } = shape;
  const inside = (p: Point) => p.x >= 0 && p.x < w && p.y >= 0 && p.y < h;
  if (kind === 'keypoints') return inside(item as Keypoint) ? 1 : 0;
  if (kind === 'boundingBoxes') {
    const b = item as BoundingBox;
    const whole = area(b);
    if (whole === 0) return inside({ x: b.x1, y: b.y1 }) ? 1 : 0;
    const cw = Math.max(0, Math.min(b.x2, w) - Math.max(b.x1, 0));
    const ch = Math.max(0, Math.min(b.y2, h) - Math.max(b.y1, 0));
    return (cw * ch) / whole;
  }
  const points = (item as Polygon).points;
  if (kind === 'polygons') {
    const whole = Math.abs(signedArea(points));
    if (whole === 0) return points.length > 0 && inside(points[0]) ? 1 : 0;
    return Math.abs(signedArea(clipPolygon(points, w, h))) / whole;
  }
  let whole = 0;
  let seen = 0;
  for (let k = 1; k < points.length; k++) {
    whole += Math.hypot(points[k].x - points[k - 1].x, points[k].y - points[k - 1].y);
    const piece = clipSegment(points[k - 1], points[k], w, h);
    if (piece) seen += Math.hypot(piece[1].x - piece[0].x, piece[1].y - piece[0].y);
  }
  if (whole === 0) return points.length > 0 && inside(points[0]) ? 1 : 0;
  return seen / whole;
}

/** One image's list of `kind` clipped to `shape` (see `OutOfImageOptions.clipOutOfImage`). */
export function clipOutOfImage<T extends Listed>(kind: Kind, list: readonly T[], shape: Shape): T[] {
  const { width: w, height: h } = shape;
  if (kind === 'keypoints') return list.filter((k) => visibleFraction(kind, k, shape) === 1);
  if (kind === 'boundingBoxes') return list.map((b) => clipBox(b as BoundingBox, shape) as T);
  const out: T[] = [];
  for (const item of list) {
    const label = item.label === undefined ? {} : { label: item.label };
    const points = (item as Polygon).points;
    if (kind === 'polygons') {
      const clipped = repair(clipPolygon(points, w, h));
      if (clipped.length >= 3 && signedArea(clipped) !== 0) out.push({ points: clipped, ...label } as unknown as T);
    } else {
      for (const piece of clipLine(points, w, h)) out.push({ points: piece, ...label } as unknown as T);
    }
  }
  return out;
}

function clipBox(b: BoundingBox, shape: Shape): BoundingBox {
  const c = (v: number, size: number) => Math.min(Math.max(v, 0), size - EPS);
  const { width: w, height: h } = shape;
  const label = b.label === undefined ? {} : { label: b.label };
  return { x1: c(b.x1, w), y1: c(b.y1, h), x2: c(b.x2, w), y2: c(b.y2, h), ...label };
}

function area(b: BoundingBox): number {
  return Math.max(0, b.x2 - b.x1) * Math.max(0, b.y2 - b.y1);
}

/** The shoelace formula. */
export function signedArea(points: readonly Point[]): number {
  let sum = 0;
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    const q = points[(k + 1) % points.length];
    sum += p.x * q.y - q.x * p.y;
  }
  return sum / 2;
}

/**
 * Sutherland–Hodgman against the rectangle [0, w] × [0, h]: one polygon. A concave polygon that leaves and re-enters
 * the image stays one polygon whose pieces are joined along the border by zero-area bridges.
 */
function clipPolygon(points: readonly Point[], w: number, h: number): Point[] {
  let current: Point[] = points.map((p) => ({ x: p.x, y: p.y }));
  const edges: [(p: Point) => number][] = [[(p) => p.x], [(p) => w - p.x], [(p) => p.y], [(p) => h - p.y]];
  for (const [inside] of edges) {
    if (current.length === 0) break;
    const next: Point[] = [];
    for (let k = 0; k < current.length; k++) {
      const p = current[k];
      const q = current[(k + 1) % current.length];
      const dp = inside(p);
      const dq = inside(q);
      if (dp >= 0) next.push(p);
      if (dp >= 0 !== dq >= 0) {
        const t = dp / (dp - dq);
        next.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
      }
    }
    current = next;
  }
  return current;
}

/** Drops repeated consecutive points (also last = first) and points on a straight line between their neighbours. */
function repair(points: Point[]): Point[] {
  let out = points.filter((p, k) => {
    const q = points[(k + 1) % points.length];
    return points.length === 1 || p.x !== q.x || p.y !== q.y;
  });
  let changed = true;
  while (changed && out.length >= 3) {
    changed = false;
    for (let k = 0; k < out.length; k++) {
      const a = out[(k + out.length - 1) % out.length];
      const b = out[k];
      const c = out[(k + 1) % out.length];
      if ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) === 0) {
        out = out.filter((_, j) => j !== k);
        changed = true;
        break;
      }
    }
  }
  return out;
}

/** Liang–Barsky: the part of segment p→q inside [0, w] × [0, h], or undefined. */
export function clipSegment(p: Point, q: Point, w: number, h: number): [Point, Point] | undefined {
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [num, den] of [
    [p.x, -dx],
    [w - p.x, dx],
    [p.y, -dy],
    [h - p.y, dy],
  ]) {
    if (den === 0) {
      if (num < 0) return undefined;
    } else {
      const t = num / den;
      if (den < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return undefined;
  return [
    { x: p.x + t0 * dx, y: p.y + t0 * dy },
    { x: p.x + t1 * dx, y: p.y + t1 * dy },
  ];
}

/** A line string cut to the image: the runs of consecutive segments inside, each a line string of ≥ 2 points. */
function clipLine(points: readonly Point[], w: number, h: number): Point[][] {
  const pieces: Point[][] = [];
  let run: Point[] = [];
  for (let k = 1; k < points.length; k++) {
    const piece = clipSegment(points[k - 1], points[k], w, h);
    if (piece === undefined) {
      if (run.length >= 2) pieces.push(run);
      run = [];
      continue;
    }
    const [a, b] = piece;
    const last = run[run.length - 1];
    if (last === undefined || last.x !== a.x || last.y !== a.y) {
      if (run.length >= 2) pieces.push(run);
      run = [a];
    }
    run.push(b);
  }
  if (run.length >= 2) pieces.push(run);
  return pieces;
}
