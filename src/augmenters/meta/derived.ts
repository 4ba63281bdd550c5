// What the meta augmenters that run their children on an image derived from their input share (WithColorspace's
// converted image, WithHueAndSaturation's hue and saturation, WithChannels' channels): the children's draws on the
// derived image's shape with a check of the shape they give back, and the run between two scratch images.
import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape } from '../../core/image.ts';
import type { RandomSource } from '../../random/stream.ts';
import { withScratchImages } from './branch.ts';
import { type ChainParams, type Children, applyChain, chainOutputShape, drawChain } from './chain.ts';

/** What the children must leave of the derived image: its whole shape, its number of channels, or anything. */
export type Keep = 'shape' | 'channels' | 'any';

const text = (s: Shape) => `${s.height}×${s.width}×${s.channels}`;

/**
 * Draws the children's params, one after the other, on a derived image of `shape`, and throws the template error
 * (for option `children`, with `why`) when their result does not keep what `keep` says.
 */
export function drawDerived(
  owner: string,
  children: Children,
  order: readonly number[],
  random: RandomSource,
  shape: Shape,
  keep: Keep,
  why: string,
): ChainParams {
  const chain = drawChain(children, order, random, shape);
  const result = chainOutputShape(shape, chain);
  const kept =
    keep === 'any' ||
    (keep === 'channels'
      ? result.channels === shape.channels
      : result.height === shape.height && result.width === shape.width && result.channels === shape.channels);
  if (!kept) {
    const accepted =
      keep === 'channels'
        ? `augmenters that keep the ${shape.channels} channels of the image they get`
        : `augmenters that keep the size and channels of the image they get (${text(shape)})`;
    throw argumentError(owner, 'children', accepted, `a ${text(result)} result`, 'range', why);
  }
  return chain;
}

/**
 * Runs the children on a derived image: `derive` writes it (of `shape`, with `like`'s dtype) into a scratch image,
 * the children's chain writes into a second one, and `restore` turns their result into the output.
 */
export function runOnDerived(
  children: Children,
  chain: ChainParams,
  shape: Shape,
  like: PixelArray,
  derive: (into: Image) => void,
  restore: (result: Image) => void,
): void {
  withScratchImages((scratchImage) => {
    const derived = scratchImage(0, like, shape);
    derive(derived);
    const result = scratchImage(1, like, chainOutputShape(shape, chain));
    applyChain(children.list, chain, derived, result);
    restore(result);
  });
}
