import { drawMask, replaceMasked } from '../../kernels/replace.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import type { RandomStream } from '../../random/stream.ts';
import type { CommonOptions } from '../base/augmenter.ts';
import type { Augmenter } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { type ElementwiseParams, drawElementwise, maskPerChannelOption } from '../base/elementwise.ts';
import { numberOption } from '../base/options.ts';

/** One image's mask draws (as Dropout's) and the address of its replacement values. */
export interface ReplaceParams extends ElementwiseParams {
  readonly replacement: RandomStream;
}

/** ReplaceElementwise's options besides `mask` and `replacement`. */
export interface ReplaceOptions extends CommonOptions {
  readonly perChannel?: ProbabilityInput;
}

// The mask and the replacement values of the image being replaced (apply runs one image at a time).
const scratch = new Scratch();

/**
 * Replaces a random fraction of each image's pixels with values drawn from `replacement` (imgaug's
 * `ReplaceElementwise`, which Dropout, SaltAndPepper and the coarse augmenters specialise).
 *
 * A probability `mask` is drawn once per image; each pixel (all its channels together, or with `perChannel` each
 * channel on its own) is replaced with that probability, by a value drawn from `replacement` for it: one draw per
 * replaced pixel (or value), in row-major order, as imgaug draws them. uint8 replacements are rounded half to even
 * and clipped to 0–255 (imgaug's `replace_elementwise_`); float32 ones are kept as drawn.
 *
 * Differs from imgaug: an `iap` parameter for `mask` is a probability drawn per image (imgaug thresholds its
 * per-pixel draws at 0.5), as for augkit's `Dropout`; the draws come from augkit's per-image streams; imgaug requires
 * `mask` and `replacement`, augkit defaults them to `[0, 0.03]` and `[0, 255]` (every augmenter builds from its
 * defaults).
 *
 * @param mask The probability of replacing a pixel: a number in [0, 1], a `[min, max]` range sampled per image, or
 *   an `iap` parameter. Default `[0, 0.03]`.
 * @param replacement The new values: a number, a `[min, max]` range drawn per replaced pixel, or an `iap` parameter,
 *   in [-1e6, 1e6]. Default `[0, 255]`.
 * @example iaa.ReplaceElementwise(0.05, [0, 255])                        // 5 % of the pixels get a random grey
 * @example iaa.ReplaceElementwise(0.1, iaa.iap.normal(128, 40), { perChannel: true }) // coloured specks around grey
 */
export const ReplaceElementwise = defineAugmenter({
  type: 'ReplaceElementwise',
  kind: 'pixel',
  primary: 'mask',
  positional: ['mask', 'replacement'],
  options: {
    mask: numberOption([0, 0.03], { min: 0, max: 1 }, 'The probability of replacing a pixel.'),
    replacement: numberOption(
      [0, 255],
      { min: -1e6, max: 1e6 },
      'The value a replaced pixel gets, drawn per replaced pixel.',
    ),
    perChannel: maskPerChannelOption,
  },
  examples: [
    { mask: [0.1, 0.3], replacement: [0, 255], perChannel: 0.5 },
    { mask: 0.2, replacement: 128.5 },
  ],
  drawParams: ({ mask, perChannel }, random): ReplaceParams => ({
    ...drawElementwise(random, mask, perChannel),
    replacement: random.stream('replacement'),
  }),
  apply(image, params, out, { replacement }) {
    const maskChannels = params.perChannel ? image.channels : 1;
    const mask = scratch.u8(0, image.height * image.width * maskChannels);
    const values = scratch.f64(1, drawMask(params, mask));
    replacement.drawMany(params.replacement.restart(), values);
    replaceMasked({
      src: image.data,
      out: out.data,
      channels: image.channels,
      mask,
      maskChannels,
      replacement: { kind: 'values', values },
    });
  },
}) as unknown as DefinedFactory<{
  (mask: NumberInput, replacement?: NumberInput, options?: ReplaceOptions): Augmenter<ReplaceParams>;
  (
    options?: ReplaceOptions & { readonly mask?: NumberInput; readonly replacement?: NumberInput },
  ): Augmenter<ReplaceParams>;
}>;
