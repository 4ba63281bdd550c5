// The displacement fields of a 'displacement' Warp, for what moves along them besides pixels (labels).
import { shiftMapsOf } from '../kernels/elastic.ts';
import type { Warp } from './warp.ts';

/**
 * Writes the fields of `warp` for its h × w input into `dx` and `dy` (h·w values each): output pixel (x, y) reads the
 * input at (x − dx, y − dy). The same fields the pixels are warped with.
 */
export function displacementFields(
  warp: Extract<Warp, { kind: 'displacement' }>,
  h: number,
  w: number,
  dx: Float32Array,
  dy: Float32Array,
): void {
  shiftMapsOf(warp.field, h, w, dx, dy);
}
