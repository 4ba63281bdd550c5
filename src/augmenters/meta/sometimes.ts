import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import type { Param } from '../../params/param.ts';
import { numberArg, toSpec } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { Augmenter, type CommonOptions } from '../base/augmenter.ts';
import { isOptionsObject, rejectUnknownOptions } from '../base/define.ts';
import { Sequential } from './sequential.ts';

interface SometimesParams {
  readonly branch: 'then' | 'else' | 'none';
  readonly params: unknown;
  readonly shape: Shape;
}

function asAugmenter(option: string, value: unknown): Augmenter | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Augmenter) return value;
  if (Array.isArray(value)) return Sequential(value);
  throw argumentError('Sometimes', option, 'an augmenter, an array of augmenters, or nothing', value, 'type');
}

class SometimesAugmenter extends Augmenter<SometimesParams> {
  readonly type = 'Sometimes';
  constructor(
    readonly p: Param<number>,
    private readonly rawP: unknown,
    readonly thenAug: Augmenter | undefined,
    readonly elseAug: Augmenter | undefined,
    options: CommonOptions,
  ) {
    super(options, 'Sometimes');
  }

  drawParams(random: RandomSource, shape: Shape): SometimesParams {
    // imgaug draws the coin from a Binomial(p): a uniform draw below p means "then".
    const coin = random.stream('p');
    const yes = coin.random() < this.p.draw(coin);
    const aug = yes ? this.thenAug : this.elseAug;
    if (!aug) return { branch: 'none', params: undefined, shape };
    const segment = yes ? 'then' : 'else';
    const params = aug.drawParams(aug.childSource(random, segment), shape);
    return { branch: segment, params, shape: aug.outputShape(shape, params) };
  }

  override outputShape(_shape: Shape, params: SometimesParams): Shape {
    return params.shape;
  }

  applyInto(image: Image, params: SometimesParams, out: Image): void {
    const aug = params.branch === 'then' ? this.thenAug : params.branch === 'else' ? this.elseAug : undefined;
    if (aug) aug.applyInto(image, params.params, out);
    else out.data.set(image.data);
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
