import type { Shape } from '../../core/image.ts';
import { NEAREST, type SampledWarp, applyWarp, applyWarpBatch } from '../../geometry/apply.ts';
import { identityWarp } from '../../geometry/warp.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** An image's flip: a flip warp, or the identity when its coin says no. */
export type FlipParams = SampledWarp;

/** The flip options both flips share: `p`, the probability of flipping, drawn per image. */
export const flipOptions = { p: numberOption(1, { min: 0, max: 1 }, 'The probability of flipping an image.') };

function flipOf(axis: 'x' | 'y', flip: boolean, shape: Shape): FlipParams {
  return { warp: flip ? { kind: 'flip', axis, output: shape } : identityWarp(shape), sampling: NEAREST };
}

/** Tosses this image's coin for a flip along `axis`: a uniform draw below `p` (from the same stream) means flip. */
export function drawFlip(axis: 'x' | 'y', p: Param<number>, random: RandomSource, shape: Shape): FlipParams {
  const fixed = fixedFlip(axis, p, shape);
  if (fixed !== undefined) return fixed;
  const coin = random.stream('p');
  return flipOf(axis, coin.random() < p.draw(coin), shape);
}

/**
 * The coin every image gets when `p` decides it alone: the draw is uniform in [0, 1), so p ≥ 1 always flips and
 * p ≤ 0 never does, and such coins need no stream (the result is the same; no other draw depends on this stream).
 */
export function fixedFlip(axis: 'x' | 'y', p: Param<number>, shape: Shape): FlipParams | undefined {
  const [lo, hi] = p.bounds;
  return lo >= 1 ? flipOf(axis, true, shape) : hi <= 0 ? flipOf(axis, false, shape) : undefined;
}

/**
 * Mirrors each image left-right with probability `p` (its columns reversed).
 * @param p The probability of flipping an image, a number in [0, 1] (or a range or parameter, drawn per image).
 *   Default 1.
 * @example iaa.Fliplr(0.5) // flip half of the images
 */
export const Fliplr = defineAugmenter({
  type: 'Fliplr',
  kind: 'geometric',
  primary: 'p',
  options: flipOptions,
  examples: [{ p: 0.5 }],
  drawParams: ({ p }, random, shape) => drawFlip('x', p, random, shape),
  fixedParams: ({ p }, shape) => fixedFlip('x', p, shape),
  outputShape: (_options, _shape, params) => params.warp.output,
  apply: (image, { warp, sampling }, out) => applyWarp(image, warp, out, sampling),
  applyBatch: (batch, params, out, size) => applyWarpBatch(batch, params, out, size),
});
