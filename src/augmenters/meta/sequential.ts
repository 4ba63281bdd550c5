import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { booleanOption } from '../base/options.ts';
import { type ChainParams, chainSteps, childrenOf, childrenOption, drawChain, shuffledOrder } from './chain.ts';

export interface SequentialOptions extends CommonOptions {
  /** Apply the children in a new random order for each image. Default false. */
  readonly randomOrder?: boolean;
}

/**
 * Applies its children one after the other to each image, optionally in a random order per image.
 *
 * Each child draws from its own address (`k:Type`, or its `name`), so a child's draws never depend on its
 * siblings' or on the order chosen. On a uniform batch whose images keep their shape through every child, each
 * child gets many images per call (its batch kernel where it has one); the bytes are those of image by image.
 * @example iaa.Sequential([iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })], { randomOrder: true })
 */
export const Sequential = defineAugmenter({
  type: 'Sequential',
  kind: 'meta',
  positional: ['children'],
  options: {
    children: childrenOption('The augmenters applied one after the other.'),
    randomOrder: booleanOption(false, 'Apply the children in a new random order for each image.'),
  },
  examples: [{ randomOrder: true, children: [{ type: 'Multiply', mul: [0.5, 1.5] }, { type: 'Identity' }] }],
  prepare: ({ children, randomOrder }) => ({
    children: childrenOf(children),
    randomOrder,
    identityOrder: children.map((_, i) => i),
  }),
  drawParams({ children, randomOrder, identityOrder }, random, shape): ChainParams {
    const order = randomOrder ? shuffledOrder(children.list.length, random, 'order') : identityOrder;
    return drawChain(children, order, random, shape);
  },
  ...chainSteps,
}) as unknown as DefinedFactory<
  (children?: readonly Augmenter[], options?: SequentialOptions) => Augmenter<ChainParams>
>;
