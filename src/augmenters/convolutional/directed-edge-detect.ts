import type { Filter2DKernel } from '../../kernels/filter2d.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { blendWithIdentity, filterImage, pairwiseSumF32 } from './matrix.ts';

/** The 3 × 3 kernel drawn for one image. */
export interface DirectedEdgeDetectParams {
  readonly kernel: Filter2DKernel;
}

/**
 * imgaug's directed edge kernel for `direction` (a fraction of a full turn): each of the 8 neighbours is weighted
 * by (1 − its angle to the direction / 180°)⁴, the weights are normalised to sum −1, and the centre is 1.
 */
export function directedEdgeEffect(direction: number): Float32Array {
  // int(direction · 360) % 360 with a float32 direction, in double; Python's % is never negative.
  const deg = ((Math.trunc(Math.fround(direction) * 360) % 360) + 360) % 360;
  const rad = deg * (Math.PI / 180);
  const dx = Math.cos(rad - 0.5 * Math.PI);
  const dy = Math.sin(rad - 0.5 * Math.PI);
  const dLength = Math.sqrt(dx * dx + dy * dy);
  const effect = new Float32Array(9);
  for (let y = -1; y <= 1; y++) {
    for (let x = -1; x <= 1; x++) {
      if (x === 0 && y === 0) continue;
      // ia.angle_between_vectors: arccos of the clipped dot product of the unit vectors.
      const length = Math.sqrt(x * x + y * y);
      const dot = (x / length) * (dx / dLength) + (y / length) * (dy / dLength);
      const distance = (Math.acos(Math.min(1, Math.max(-1, dot))) * (180 / Math.PI)) / 180;
      effect[(y + 1) * 3 + x + 1] = (1 - distance) ** 4;
    }
  }
  const sum = pairwiseSumF32(effect);
  for (let i = 0; i < 9; i++) effect[i] = -Math.fround(effect[i] / sum);
  effect[4] = 1;
  return effect;
}

/**
 * Replaces each image by its edges in one direction, blended with the identity by `alpha`; `direction` (0–1 of a
 * full turn) and `alpha` are drawn once per image. Edges facing the direction light up; flat areas turn black.
 *
 * The kernel is imgaug 0.4.0's: each neighbour weighted by its angular closeness to the direction, (1 − angle /
 * 180°)⁴, normalised to sum −1 around a centre of 1, and blended in float32; it is applied with `cv2.filter2D`'s
 * arithmetic (borders mirrored without repeating the edge pixel), so uint8 images get imgaug's bytes (the direction
 * is truncated to whole degrees, as imgaug does). float32 images are filtered the same way and not clipped. Every
 * channel gets the same kernel.
 *
 * @param alpha The blend towards the edge image: a number in [0, 1], a `[min, max]` range drawn per image, or an
 *   `iap` parameter. Default `[0, 0.75]`.
 * @param direction The direction as a fraction of a full turn (0 and 1: up, 0.25: right, …): a number, a range or a
 *   parameter. Default `[0, 1]`.
 * @example iaa.DirectedEdgeDetect(1, { direction: 0 })        // edges facing up
 * @example iaa.DirectedEdgeDetect([0, 0.7], { direction: [0, 1] })
 */
export const DirectedEdgeDetect = defineAugmenter({
  type: 'DirectedEdgeDetect',
  kind: 'pixel',
  primary: 'alpha',
  options: {
    alpha: numberOption([0, 0.75], { min: 0, max: 1 }, 'The blend of the edge image over the original.'),
    direction: numberOption([0, 1], { min: -1e6, max: 1e6 }, 'The direction of the edges, in turns (0.25: right).'),
  },
  examples: [{ alpha: [0, 1], direction: [0, 1] }],
  drawParams({ alpha, direction }, random): DirectedEdgeDetectParams {
    const a = alpha.draw(random.stream('alpha'));
    return { kernel: blendWithIdentity(a, directedEdgeEffect(direction.draw(random.stream('direction')))) };
  },
  apply: (image, { kernel }, out) => filterImage(image, [kernel], out),
});
