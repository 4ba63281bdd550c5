import type { Image } from '../../core/image.ts';
import type { MaskKernel } from '../../kernels/mask.ts';
import { drawNamed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import type { NumberInput } from '../../params/sugar.ts';
import type { RandomSource, RandomStream } from '../../random/stream.ts';
import { numberOption, probabilityOption } from './options.ts';

/**
 * What an element-wise augmenter (Dropout, SaltAndPepper) draws for one image: the probability that a pixel is
 * changed, whether channels are decided independently, and the address of the per-pixel draws. Only the address
 * is kept: `apply` restarts the stream, so applying the same params twice gives the same bytes.
 */
export interface ElementwiseParams {
  /** The probability that a pixel (or, per channel, a value) is changed, drawn once per image. */
  readonly p: number;
  /** One decision per value (true) or one per pixel for all its channels (false). */
  readonly perChannel: boolean;
  /** The stream of per-pixel draws (one uint32 per decision), read from its start on every apply. */
  readonly mask: RandomStream;
}

/**
 * Draws `p` from stream `#p` and the per-channel coin from `#perChannel` (no stream for a fixed one), and
 * addresses the mask at `#mask`.
 */
export function drawElementwise(random: RandomSource, p: Param<number>, perChannel: Param<number>): ElementwiseParams {
  return {
    p: drawNamed(p, random, 'p'),
    perChannel: drawNamed(perChannel, random, 'perChannel') > 0.5,
    mask: random.stream('mask'),
  };
}

/**
 * `apply` and `applyBatch` of a mask augmenter (Dropout, SaltAndPepper): each image's params go to the mask kernel
 * (`kernels/mask.ts`), which copies the images and changes the values their draws pick.
 */
export function maskApply(kernel: MaskKernel) {
  return {
    apply: (image: Image, params: ElementwiseParams, out: Image): void =>
      kernel(image.data, out.data, image.data.length, image.channels, [params]),
    applyBatch: (batch: Image, params: readonly ElementwiseParams[], out: Image, size: number): void =>
      kernel(batch.data, out.data, size, batch.channels, params),
  };
}

/** `perChannel` of the augmenters that decide per pixel whether to change it (Dropout, SaltAndPepper, …). */
export const maskPerChannelOption = probabilityOption(
  false,
  'Whether each channel is decided on its own (or the probability that it is).',
);

/**
 * The definition of a mask augmenter (Dropout, Pepper, Salt, SaltAndPepper), which differ only in name, `p`'s default
 * and doc, and kernel: `p` (a probability in [0, 1] drawn per image) and `perChannel`, drawn by `drawElementwise`,
 * applied by `maskApply(kernel)`.
 */
export function maskDefinition(spec: {
  readonly type: string;
  readonly p: NumberInput;
  readonly pDoc: string;
  readonly kernel: MaskKernel;
}) {
  return {
    type: spec.type,
    kind: 'pixel' as const,
    primary: 'p' as const,
    options: { p: numberOption(spec.p, { min: 0, max: 1 }, spec.pDoc), perChannel: maskPerChannelOption },
    examples: [{ p: [0.1, 0.3], perChannel: 0.5 }],
    drawParams: (o: { p: Param<number>; perChannel: Param<number> }, random: RandomSource): ElementwiseParams =>
      drawElementwise(random, o.p, o.perChannel),
    ...maskApply(spec.kernel),
  };
}
