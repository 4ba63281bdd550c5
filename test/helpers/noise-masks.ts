// The opacity masks BlendAlphaSimplexNoise and BlendAlphaFrequencyNoise draw, and the statistics their tests use.
import type { MaskBlendParams } from '../../src/augmenters/blend/mask-blend.ts';
import { type NoiseMaskParams, renderNoise } from '../../src/augmenters/blend/noise-mask.ts';
import type { Augmenter } from '../../src/index.ts';
import { RandomSource } from '../../src/random/stream.ts';

/** What `aug` draws for image `index` of `shape`, and its noise images (one, or one per channel). */
export function drawnMask(
  aug: Augmenter,
  shape: { height: number; width: number; channels: number },
  index: number,
  seed = 5,
): { params: MaskBlendParams; masks: Float32Array[] } {
  const params = aug.drawParams(RandomSource.root(seed, 0, index, aug.type), shape) as MaskBlendParams;
  const masks = (params.mask as NoiseMaskParams).fields.map((field) => {
    const mask = new Float32Array(shape.height * shape.width);
    renderNoise(field, shape.height, shape.width, mask);
    return mask;
  });
  return { params, masks };
}

/** The first noise image of `n` images' masks. */
export function drawnMasks(
  aug: Augmenter,
  n: number,
  shape: { height: number; width: number; channels: number },
  seed = 5,
): Float32Array[] {
  return Array.from({ length: n }, (_, i) => drawnMask(aug, shape, i, seed).masks[0]);
}

/** The mean of `values`. */
export function meanOf(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** The correlation of horizontally neighbouring values of a height × width mask (1 for a flat mask). */
export function neighbourCorrelation(mask: Float32Array, height: number, width: number): number {
  const mu = meanOf(mask);
  let num = 0;
  let den = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = mask[y * width + x] - mu;
      den += a * a;
      if (x + 1 < width) num += a * (mask[y * width + x + 1] - mu);
    }
  }
  return den > 0 ? ((num / den) * width) / (width - 1) : 1;
}
