import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from '../base/augmenter.ts';
import { isOptionsObject, rejectUnknownOptions } from '../base/define.ts';
import { type ChainParams, applyChain, applyChainBatch, chainOutputShape, checkChildren, drawChain } from './chain.ts';

class OneOfAugmenter extends Augmenter<ChainParams> {
  readonly type = 'OneOf';
  constructor(
    readonly children: readonly Augmenter[],
    options: CommonOptions,
  ) {
    super(options, 'OneOf');
  }
  drawParams(random: RandomSource, shape: Shape): ChainParams {
    const k = Math.floor(random.stream('choice').random() * this.children.length);
    return drawChain(this.children, [k], random, shape);
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
    return { children: this.children.map((c) => c.childJSON()) };
  }
}

/**
 * Applies exactly one of its children to each image, chosen uniformly per image.
 * @example iaa.OneOf([iaa.GaussianBlur(1), iaa.Dropout(0.1), iaa.Multiply(0.5)])
 */
export function OneOf(children: readonly Augmenter[], options: CommonOptions = {}): OneOfAugmenter {
  checkChildren('OneOf', 'children', children);
  if (children.length === 0) throw argumentError('OneOf', 'children', 'a non-empty array of augmenters', children);
  if (!isOptionsObject(options)) throw argumentError('OneOf', 'options', 'an options object', options, 'type');
  rejectUnknownOptions('OneOf', options as Record<string, unknown>, []);
  return new OneOfAugmenter(children, options);
}
export type { OneOfAugmenter };
