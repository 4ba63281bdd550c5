import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape, UniformBatch } from '../../core/image.ts';
import type { Param } from '../../params/param.ts';
import { numberArg, toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from '../base/augmenter.ts';
import { isOptionsObject, rejectUnknownOptions } from '../base/define.ts';
import { type ChainParams, applyChain, applyChainBatch, chainOutputShape } from './chain.ts';
import { Sequential } from './sequential.ts';

const NO_STEP: readonly never[] = [];

function asAugmenter(option: string, value: unknown): Augmenter | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Augmenter) return value;
  if (Array.isArray(value)) return Sequential(value);
  throw argumentError('Sometimes', option, 'an augmenter, an array of augmenters, or nothing', value, 'type');
}

class SometimesAugmenter extends Augmenter<ChainParams> {
  readonly type = 'Sometimes';
  // The branches given, as a chain's children: an image's params are a chain of one step (its branch) or none.
  private readonly branches: Augmenter[] = [];
  private readonly thenOrder: readonly number[];
  private readonly elseOrder: readonly number[];

  constructor(
    readonly p: Param<number>,
    private readonly rawP: unknown,
    readonly thenAug: Augmenter | undefined,
    readonly elseAug: Augmenter | undefined,
    options: CommonOptions,
  ) {
    super(options, 'Sometimes');
    this.thenOrder = thenAug ? [this.branches.push(thenAug) - 1] : NO_STEP;
    this.elseOrder = elseAug ? [this.branches.push(elseAug) - 1] : NO_STEP;
  }

  drawParams(random: RandomSource, shape: Shape): ChainParams {
    // imgaug draws the coin from a Binomial(p): a uniform draw below p means "then".
    const coin = random.stream('p');
    const yes = coin.random() < this.p.draw(coin);
    const order = yes ? this.thenOrder : this.elseOrder;
    if (order.length === 0) return { order, params: NO_STEP, shapes: NO_STEP };
    const aug = this.branches[order[0]];
    const params: unknown[] = new Array(this.branches.length);
    params[order[0]] = aug.drawParams(aug.childSource(random, yes ? 'then' : 'else'), shape);
    return { order, params, shapes: [aug.outputShape(shape, params[order[0]])] };
  }

  override outputShape(shape: Shape, params: ChainParams): Shape {
    return chainOutputShape(shape, params);
  }

  applyInto(image: Image, params: ChainParams, out: Image): void {
    applyChain(this.branches, params, image, out);
  }

  override applyUniformBatch(batch: UniformBatch, params: readonly ChainParams[], out: PixelArray): boolean {
    return applyChainBatch(this.branches, params, batch, out);
  }

  protected optionsToJSON(): Record<string, unknown> {
    return {
      p: toSpec(this.rawP),
      ...(this.thenAug ? { then: this.thenAug.childJSON() } : {}),
      ...(this.elseAug ? { else: this.elseAug.childJSON() } : {}),
    };
  }
}

/**
 * Applies `then` to each image with probability `p`, and `otherwise` (if given) to the rest.
 * @example iaa.Sometimes(0.5, iaa.GaussianBlur([0, 3]))           // blur half of the images
 * @example iaa.Sometimes(0.3, [iaa.Fliplr(1)], [iaa.Flipud(1)])    // flip 30% left-right, the rest up-down
 */
export function Sometimes(
  p: number | Param<number> = 0.5,
  then?: Augmenter | readonly Augmenter[],
  otherwise?: Augmenter | readonly Augmenter[],
  options: CommonOptions = {},
): SometimesAugmenter {
  if (!isOptionsObject(options)) throw argumentError('Sometimes', 'options', 'an options object', options, 'type');
  rejectUnknownOptions('Sometimes', options as Record<string, unknown>, []);
  const param = numberArg('Sometimes', 'p', p, { min: 0, max: 1 });
  return new SometimesAugmenter(param, p, asAugmenter('then', then), asAugmenter('else', otherwise), options);
}
export type { SometimesAugmenter };
