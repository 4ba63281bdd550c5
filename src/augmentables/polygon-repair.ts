// Polygons that a warp made self-intersecting (an ElasticTransformation's field, a PerspectiveTransform across the
// horizon): found, and repaired or dropped on request. imgaug repairs them with its concave-polygon recoverer, which
// nudges points until the outline is simple; here the outline is cut at its crossings into simple loops and the
// largest keeps the polygon's place, a rule that is deterministic and never moves a point.
import { signedArea } from './out-of-image.ts';
import type { Point, Polygon } from './types.ts';

/** What happens to a polygon whose outline crosses itself after augmentation. */
export type InvalidPolygons = 'keep' | 'repair' | 'drop';

/** Where segments p1→p2 and q1→q2 cross (interiors, or an end of one inside the other), else undefined. */
function crossing(p1: Point, p2: Point, q1: Point, q2: Point): Point | undefined {
  const rx = p2.x - p1.x;
  const ry = p2.y - p1.y;
  const sx = q2.x - q1.x;
  const sy = q2.y - q1.y;
  const den = rx * sy - ry * sx;
  if (den === 0) return undefined; // parallel (collinear overlaps count as touching, not crossing)
  const t = ((q1.x - p1.x) * sy - (q1.y - p1.y) * sx) / den;
  const u = ((q1.x - p1.x) * ry - (q1.y - p1.y) * rx) / den;
  if (t <= 0 || t >= 1 || u <= 0 || u >= 1) return undefined;
  return { x: p1.x + t * rx, y: p1.y + t * ry };
}

/** The first crossing of two non-adjacent edges: edges i and j (i < j) and the point, or undefined when simple. */
function firstCrossing(points: readonly Point[]): { i: number; j: number; at: Point } | undefined {
  const n = points.length;
  for (let i = 0; i < n; i++) {
    const a = points[i];
    const b = points[(i + 1) % n];
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      const at = crossing(a, b, points[j], points[(j + 1) % n]);
      if (at !== undefined) return { i, j, at };
    }
  }
  return undefined;
}

/** Whether a polygon's outline does not cross itself (touching at a point is allowed). */
export function isSimplePolygon(points: readonly Point[]): boolean {
  return firstCrossing(points) === undefined;
}

/**
 * The simple loops a polygon's outline falls into when cut at its crossings: at the first crossing of edges i and j
 * at P, the loop P, points[i + 1 … j] and the loop points[j + 1 …], points[… i], P, each cut again until simple.
 */
export function simpleLoops(points: readonly Point[], depth = 0): Point[][] {
  const found = depth < 64 ? firstCrossing(points) : undefined;
  if (found === undefined) return [points.slice()];
  const { i, j, at } = found;
  const inner = [at, ...points.slice(i + 1, j + 1)];
  const outer = [...points.slice(j + 1), ...points.slice(0, i + 1), at];
  return [...simpleLoops(inner, depth + 1), ...simpleLoops(outer, depth + 1)];
}

/**
 * Applies `rule` to the polygons whose outline crosses itself: 'keep' leaves them, 'drop' removes them, 'repair'
 * replaces each by its largest simple loop (see `simpleLoops`), dropping it when no loop has area.
 */
export function fixPolygons<T extends Polygon>(list: readonly T[], rule: InvalidPolygons): T[] {
  if (rule === 'keep') return list as T[];
  const out: T[] = [];
  for (const polygon of list) {
    if (polygon.points.length < 4 || isSimplePolygon(polygon.points)) {
      out.push(polygon);
      continue;
    }
    if (rule === 'drop') continue;
    let best: Point[] | undefined;
    let bestArea = 0;
    for (const loop of simpleLoops(polygon.points)) {
      const a = Math.abs(signedArea(loop));
      if (loop.length >= 3 && a > bestArea) {
        best = loop;
        bestArea = a;
      }
    }
    if (best !== undefined) out.push({ ...polygon, points: best });
  }
  return out;
}
