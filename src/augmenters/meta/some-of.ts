import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
import type { Param } from '../../params/param.ts';
import { numberArg, toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from '../base/augmenter.ts';
import { isOptionsObject, rejectUnknownOptions } from '../base/define.ts';
import {
  type ChainParams,
  applyChain,
  applyChainBatch,
  chainOutputShape,
  checkChildren,
  drawChain,
  shuffledOrder,
} from './chain.ts';

export interface SomeOfOptions extends CommonOptions {
  /** Apply the chosen children in random order (else in list order). Default false. */
  readonly randomOrder?: boolean;
}

class SomeOfAugmenter extends Augmenter<ChainParams> {
  readonly type = 'SomeOf';
  constructor(
    readonly n: Param<number>,
    private readonly rawN: unknown,
    readonly children: readonly Augmenter[],
    readonly randomOrder: boolean,
    options: CommonOptions,
  ) {
    super(options, 'SomeOf');
  }
  drawParams(random: RandomSource, shape: Shape): ChainParams {
    const count = Math.max(0, Math.min(this.children.length, Math.round(this.n.draw(random.stream('n')))));
    const chosen = shuffledOrder(this.children.length, random, 'choice').slice(0, count);
    const order = this.randomOrder ? chosen : chosen.sort((a, b) => a - b);
    return drawChain(this.children, order, random, shape);
  }
  override outputShape(shape: Shape, params: ChainParams): Shape {
    return chainOutputShape(shape, params);
  }
  applyInto(image: Image, params: ChainParams, out: Image): void {
    applyChain(this.children, params, image, out);
  }

  override applyUniformBatch(batch: UniformBatch, params: readonly ChainParams[], out: PixelArray): boolean {
    return applyChainBatch(this.children, params, batch, out);
  }

  protected optionsToJSON(): Record<string, unknown> {
    return { n: toSpec(this.rawN), randomOrder: this.randomOrder, children: this.children.map((c) => c.childJSON()) };
  }
}

/**
 * Applies a random subset of its children to each image: `n` of them (a number, a `[min, max]` range of integers
 * or a parameter; clipped to the number of children), chosen per image.
 * @example iaa.SomeOf([1, 2], [iaa.Fliplr(1), iaa.GaussianBlur(1), iaa.Multiply(0.7)], { randomOrder: true })
 */
export function SomeOf(
  n: number | readonly [number, number] | Param<number>,
  children: readonly Augmenter[],
  options: SomeOfOptions = {},
): SomeOfAugmenter {
  const param = numberArg('SomeOf', 'n', n, { integer: true, min: 0 });
  checkChildren('SomeOf', 'children', children);
  if (!isOptionsObject(options)) throw argumentError('SomeOf', 'options', 'an options object', options, 'type');
  rejectUnknownOptions('SomeOf', options as Record<string, unknown>, ['randomOrder']);
  const randomOrder = options.randomOrder ?? false;
  if (typeof randomOrder !== 'boolean')
    throw argumentError('SomeOf', 'randomOrder', 'true or false', randomOrder, 'type');
  return new SomeOfAugmenter(param, n, children, randomOrder, options);
}
export type { SomeOfAugmenter };
