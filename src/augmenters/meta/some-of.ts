import type { Param } from '../../params/param.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { booleanOption, numberOption } from '../base/options.ts';
import { type ChainParams, chainSteps, childrenOf, childrenOption, drawChain, shuffledOrder } from './chain.ts';

export interface SomeOfOptions extends CommonOptions {
  /** Apply the chosen children in random order (else in list order). Default false. */
  readonly randomOrder?: boolean;
}

/**
 * Applies a random subset of its children to each image: `n` of them (a number, a `[min, max]` range of integers
 * or a parameter; clipped to the number of children), chosen per image.
 * @example iaa.SomeOf([1, 2], [iaa.Fliplr(1), iaa.GaussianBlur(1), iaa.Multiply(0.7)], { randomOrder: true })
 */
export const SomeOf = defineAugmenter({
  type: 'SomeOf',
  kind: 'meta',
  positional: ['n', 'children'],
  options: {
    n: numberOption(
      undefined,
      { integer: true, min: 0 },
      'How many children each image gets (clipped to their number).',
    ),
    randomOrder: booleanOption(false, 'Apply the chosen children in a random order (else in list order).'),
    children: childrenOption('The augmenters to choose from.'),
  },
  examples: [
    {
      n: [0, 2],
      randomOrder: true,
      children: [
        { type: 'Multiply', mul: 0.5 },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
  prepare: ({ n, randomOrder, children }) => ({ n, randomOrder, children: childrenOf(children) }),
  drawParams({ n, randomOrder, children }, random, shape): ChainParams {
    const size = children.list.length;
    const count = Math.max(0, Math.min(size, Math.round(n.draw(random.stream('n')))));
    const chosen = shuffledOrder(size, random, 'choice').slice(0, count);
    const order = randomOrder ? chosen : chosen.sort((a, b) => a - b);
    return drawChain(children, order, random, shape);
  },
  ...chainSteps,
}) as unknown as DefinedFactory<
  (
    n: number | readonly [number, number] | Param<number>,
    children: readonly Augmenter[],
    options?: SomeOfOptions,
  ) => Augmenter<ChainParams>
>;
