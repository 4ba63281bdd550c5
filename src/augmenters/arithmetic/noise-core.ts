// What the additive noises share (AdditiveGaussianNoise, AdditiveLaplaceNoise, AdditivePoissonNoise): the
// perChannel option, the draws of the two with a location and a scale, and the unit their 0–255 values take on an
// image.
import type { Image } from '../../core/image.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource, RandomStream } from '../../random/stream.ts';
import { probabilityOption } from '../base/options.ts';

/** A loc/scale noise's mean and spread for one image, and the address of its per-pixel draws. */
export interface NoiseParams {
  readonly loc: number;
  readonly scale: number;
  readonly perChannel: boolean;
  readonly noise: RandomStream;
}

/** `perChannel` of the additive noises. */
export const noisePerChannelOption = probabilityOption(
  false,
  'Whether each channel gets its own noise (or the probability that it does).',
);

/** Draws `loc`, `scale` and the per-channel coin from their streams, and addresses the per-pixel draws at `#noise`. */
export function drawLocScale(
  o: { readonly scale: Param<number>; readonly loc: Param<number>; readonly perChannel: Param<number> },
  random: RandomSource,
): NoiseParams {
  return {
    loc: o.loc.draw(random.stream('loc')),
    scale: o.scale.draw(random.stream('scale')),
    perChannel: o.perChannel.draw(random.stream('perChannel')) > 0.5,
    noise: random.stream('noise'),
  };
}

/** What one 0–255 unit of noise is in `image`: 1 for uint8, 1/255 for float32 (0–1 intensities). */
export function noiseUnit(image: Image): number {
  return image.data instanceof Uint8Array ? 1 : 1 / 255;
}
