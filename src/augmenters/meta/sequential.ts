import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
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

export interface SequentialOptions extends CommonOptions {
  /** Apply the children in a new random order for each image. Default false. */
  readonly randomOrder?: boolean;
}

class SequentialAugmenter extends Augmenter<ChainParams> {
  readonly type = 'Sequential';
  readonly children: readonly Augmenter[];
  readonly randomOrder: boolean;
  private readonly identityOrder: number[];

  constructor(children: readonly Augmenter[], options: SequentialOptions) {
    super(options, 'Sequential');
    this.children = children;
    this.randomOrder = options.randomOrder ?? false;
    if (typeof this.randomOrder !== 'boolean') {
      throw argumentError('Sequential', 'randomOrder', 'true or false', this.randomOrder, 'type');
    }
    this.identityOrder = children.map((_, i) => i);
  }

  drawParams(random: RandomSource, shape: Shape): ChainParams {
    const order = this.randomOrder ? shuffledOrder(this.children.length, random, 'order') : this.identityOrder;
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
    return { randomOrder: this.randomOrder, children: this.children.map((c) => c.childJSON()) };
  }
}

/**
 * Applies its children one after the other to each image, optionally in a random order per image.
 *
 * Each child draws from its own address (`k:Type`, or its `name`), so a child's draws never depend on its
 * siblings' or on the order chosen. On a uniform batch whose images keep their shape through every child, each
 * child gets many images per call (its batch kernel where it has one); the bytes are those of image by image.
 * @example iaa.Sequential([iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })], { randomOrder: true })
 */
export function Sequential(children: readonly Augmenter[] = [], options: SequentialOptions = {}): SequentialAugmenter {
  checkChildren('Sequential', 'children', children);
  if (!isOptionsObject(options)) throw argumentError('Sequential', 'options', 'an options object', options, 'type');
  rejectUnknownOptions('Sequential', options as Record<string, unknown>, ['randomOrder']);
  return new SequentialAugmenter(children, options);
}
export type { SequentialAugmenter };
