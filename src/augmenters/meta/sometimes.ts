import type { Param } from '../../params/param.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { branchOption } from './branch.ts';
import { type ChainParams, chainSteps, childrenOf } from './chain.ts';

const NO_STEP: readonly never[] = [];

/**
 * Applies `then` to each image with probability `p`, and `otherwise` (if given) to the rest.
 * @example iaa.Sometimes(0.5, iaa.GaussianBlur([0, 3]))           // blur half of the images
 * @example iaa.Sometimes(0.3, [iaa.Fliplr(1)], [iaa.Flipud(1)])    // flip 30% left-right, the rest up-down
 */
export const Sometimes = defineAugmenter({
  type: 'Sometimes',
  kind: 'meta',
  positional: ['p', 'then', 'else'],
  options: {
    p: numberOption(0.5, { min: 0, max: 1 }, 'The probability that an image goes to `then` (else to `else`).'),
    then: branchOption('What runs on the images the coin picks.'),
    else: branchOption('What runs on the other images.'),
  },
  examples: [{ p: 0.5, then: { type: 'Multiply', mul: [0.1, 0.5] }, else: { type: 'Multiply', mul: [1.5, 2] } }],
  prepare({ p, then, else: otherwise }) {
    // The branches given, as a chain's children: an image's params are a chain of one step (its branch) or none.
    const branches: Augmenter[] = [];
    const thenOrder = then ? [branches.push(then) - 1] : NO_STEP;
    const elseOrder = otherwise ? [branches.push(otherwise) - 1] : NO_STEP;
    return { p, children: childrenOf(branches), thenOrder, elseOrder };
  },
  drawParams({ p, children, thenOrder, elseOrder }, random, shape): ChainParams {
    // imgaug draws the coin from a Binomial(p): a uniform draw below p means "then".
    const coin = random.stream('p');
    const yes = coin.random() < p.draw(coin);
    const order = yes ? thenOrder : elseOrder;
    if (order.length === 0) return { order, params: NO_STEP, shapes: NO_STEP };
    const aug = children.list[order[0]];
    const params: unknown[] = new Array(children.list.length);
    params[order[0]] = aug.drawParams(aug.childSource(random, yes ? 'then' : 'else'), shape);
    return { order, params, shapes: [aug.outputShape(shape, params[order[0]])] };
  },
  ...chainSteps,
}) as unknown as DefinedFactory<
  (
    p?: number | Param<number>,
    then?: Augmenter | readonly Augmenter[],
    otherwise?: Augmenter | readonly Augmenter[],
    options?: CommonOptions,
  ) => Augmenter<ChainParams>
>;
