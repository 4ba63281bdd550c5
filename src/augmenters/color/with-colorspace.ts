import type { Shape } from '../../core/image.ts';
import { convertColorspace } from '../../kernels/colorspace.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { nameOption } from '../base/options.ts';
import { type ChainParams, chainOutputShape, chainWarp, childrenOf, childrenOption } from '../meta/chain.ts';
import { drawDerived, runOnDerived } from '../meta/derived.ts';
import { SOURCE_COLORSPACES, type SourceColorspace, UINT8_RGB, fromColorspaceOption } from './colorspace-options.ts';

export interface WithColorspaceOptions extends CommonOptions {
  /** The space the images are in. Default 'RGB'. */
  readonly fromColorspace?: SourceColorspace;
}

/**
 * Converts each image to `toColorspace`, runs the children on it, and converts the result back to `fromColorspace`
 * (imgaug's `WithColorspace`, with OpenCV's conversions: the same bytes where the children's are). The children see
 * uint8 images of 3 channels in the target space and must give back 3 channels; they may change the size, and labels
 * move with them. Images must be uint8 with 3 channels.
 *
 * @param toColorspace The space the children work in: 'HSV', 'Lab', … (not 'GRAY', which cannot be converted back).
 * @example iaa.WithColorspace('HSV', [iaa.WithChannels(0, iaa.Add([0, 50]))]) // shift the hue by 0–50
 */
export const WithColorspace = defineAugmenter({
  type: 'WithColorspace',
  kind: 'meta',
  positional: ['toColorspace', 'children'],
  options: {
    toColorspace: nameOption<SourceColorspace>(
      undefined as unknown as SourceColorspace,
      SOURCE_COLORSPACES,
      'The colour space the children work in (required; not GRAY, which cannot be converted back).',
    ),
    children: childrenOption('The augmenters run on the converted images, one after the other.', false, true),
    fromColorspace: fromColorspaceOption,
  },
  examples: [
    {
      toColorspace: 'HSV',
      children: [{ type: 'WithChannels', channels: 0, children: [{ type: 'Add', value: [0, 50] }] }],
    },
    { toColorspace: 'Lab', fromColorspace: 'BGR', children: [{ type: 'Multiply', mul: [0.5, 1.5] }] },
  ],
  accepts: UINT8_RGB,
  prepare: ({ toColorspace, children, fromColorspace }) => ({
    toColorspace,
    fromColorspace,
    children: childrenOf(children),
    order: children.map((_, i) => i),
  }),
  drawParams: ({ children, order }, random, shape): ChainParams =>
    drawDerived('WithColorspace', children, order, random, shape, 'channels', 'the result is converted back'),
  outputShape: (_prepared, shape: Shape, chain: ChainParams) => chainOutputShape(shape, chain),
  warp: ({ children }, shape, chain) => chainWarp(children.list, chain, shape),
  apply(image, chain, out, { children, toColorspace, fromColorspace }) {
    runOnDerived(
      children,
      chain,
      image,
      image.data,
      (into) =>
        convertColorspace(
          image.data as Uint8Array,
          into.data as Uint8Array,
          image.height * image.width,
          image.width,
          fromColorspace,
          toColorspace,
        ),
      (result) =>
        convertColorspace(
          result.data as Uint8Array,
          out.data as Uint8Array,
          result.height * result.width,
          result.width,
          toColorspace,
          fromColorspace,
        ),
    );
  },
}) as unknown as DefinedFactory<
  (
    toColorspace: SourceColorspace,
    children?: Augmenter | readonly Augmenter[],
    options?: WithColorspaceOptions,
  ) => Augmenter<ChainParams>
>;
