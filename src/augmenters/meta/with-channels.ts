import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import { copyChannels } from '../../kernels/channels.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, type OptionDef, defineAugmenter } from '../base/define.ts';
import { type ChainParams, applyChain, chainOutputShape, chainWarp, childrenOf, childrenOption } from './chain.ts';
import { drawDerived, runOnDerived } from './derived.ts';

type ChannelsInput = number | readonly number[] | undefined;

/** imgaug's `channels`: one channel index, a list of them, or nothing (every channel). */
const channelsOption: OptionDef<ChannelsInput, readonly number[] | undefined> = {
  default: undefined,
  meta: {
    type: 'number | number[]',
    range: 'channel indices ≥ 0 (default: every channel)',
    doc: 'The channels the children get.',
  },
  parse(owner, option, value) {
    if (value === undefined || value === null) return undefined;
    const list = typeof value === 'number' ? [value] : value;
    if (!Array.isArray(list) || !list.every((c) => Number.isInteger(c) && c >= 0)) {
      throw argumentError(owner, option, 'a channel index (an integer ≥ 0) or a list of them', value, 'type');
    }
    return list as readonly number[];
  },
};

/**
 * Runs the children on some channels of each image only and puts their result back (imgaug's `meta.WithChannels`):
 * the children get an image of the chosen channels, in the given order, and must give back its size and channel
 * count; the other channels are kept. Without `channels`, the children get the whole image (and may change it in
 * any way). An empty list changes nothing. Labels move with the children.
 *
 * @param channels A channel index or a list of them (each below the image's channel count).
 * @example iaa.WithChannels(0, iaa.Add([0, 100]))          // only the red channel of RGB images
 * @example iaa.WithChannels([0, 2], iaa.Multiply([0.5, 1])) // red and blue
 */
export const WithChannels = defineAugmenter({
  type: 'WithChannels',
  kind: 'meta',
  positional: ['channels', 'children'],
  options: {
    channels: channelsOption,
    children: childrenOption('The augmenters run on the chosen channels, one after the other.', false, true),
  },
  examples: [
    { channels: 0, children: [{ type: 'Add', value: [-40, 40] }] },
    // Channel 0 only: the contract suite gives these examples images of 1 to 5 channels.
    {
      channels: [0],
      children: [
        { type: 'Multiply', mul: [0.5, 1.5] },
        { type: 'Fliplr', p: 0.5 },
      ],
    },
  ],
  prepare: ({ channels, children }) => ({
    channels,
    children: childrenOf(children),
    order: channels?.length === 0 ? [] : children.map((_, i) => i),
  }),
  drawParams({ channels, children, order }, random, shape): ChainParams {
    if (channels === undefined) return drawDerived('WithChannels', children, order, random, shape, 'any', '');
    const top = Math.max(-1, ...channels);
    if (top >= shape.channels) {
      throw argumentError(
        'WithChannels',
        'channels',
        `channel indices below the image's ${shape.channels}`,
        channels,
        'range',
      );
    }
    const derived: Shape = { height: shape.height, width: shape.width, channels: channels.length };
    return drawDerived(
      'WithChannels',
      children,
      order,
      random,
      derived,
      'shape',
      'their result goes back into the channels',
    );
  },
  outputShape: ({ channels }, shape: Shape, chain: ChainParams) =>
    channels === undefined ? chainOutputShape(shape, chain) : shape,
  warp: ({ children }, shape, chain) => chainWarp(children.list, chain, shape),
  apply(image: Image, chain, out: Image, { channels, children }) {
    if (channels === undefined) {
      applyChain(children.list, chain, image, out);
      return;
    }
    out.data.set(image.data);
    if (channels.length === 0) return;
    const n = image.height * image.width;
    const derived: Shape = { height: image.height, width: image.width, channels: channels.length };
    runOnDerived(
      children,
      chain,
      derived,
      image.data,
      (into) => {
        for (let k = 0; k < channels.length; k++)
          copyChannels(image.data, image.channels, channels[k], into.data, channels.length, k, 1, n);
      },
      (result) => {
        for (let k = 0; k < channels.length; k++)
          copyChannels(result.data, channels.length, k, out.data, image.channels, channels[k], 1, n);
      },
    );
  },
}) as unknown as DefinedFactory<
  (
    channels?: number | readonly number[],
    children?: Augmenter | readonly Augmenter[],
    options?: CommonOptions,
  ) => Augmenter<ChainParams>
>;
