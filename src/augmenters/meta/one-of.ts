import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { type ChainParams, chainSteps, childrenOf, childrenOption, drawChain } from './chain.ts';

/**
 * Applies exactly one of its children to each image, chosen uniformly per image.
 * @example iaa.OneOf([iaa.GaussianBlur(1), iaa.Dropout(0.1), iaa.Multiply(0.5)])
 */
export const OneOf = defineAugmenter({
  type: 'OneOf',
  kind: 'meta',
  positional: ['children'],
  options: { children: childrenOption('The augmenters to choose from, one per image.', true) },
  examples: [
    {
      children: [
        { type: 'Multiply', mul: [0.1, 0.5] },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
  prepare: ({ children }) => ({ children: childrenOf(children) }),
  drawParams({ children }, random, shape): ChainParams {
    const k = Math.floor(random.stream('choice').random() * children.list.length);
    return drawChain(children, [k], random, shape);
  },
  ...chainSteps,
}) as unknown as DefinedFactory<(children: readonly Augmenter[], options?: CommonOptions) => Augmenter<ChainParams>>;
