import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import {
  type BranchParams,
  applyBranches,
  applyBranchesBatch,
  blendChoice,
  branchOptions,
  branchWarp,
  checkBranches,
  drawBranches,
} from './branches.ts';

export interface BlendAlphaOptions extends CommonOptions {
  /** The foreground's opacity in [0, 1], drawn per image (or per channel). Default `[0, 1]`. */
  readonly factor?: NumberInput;
  /** What makes the foreground: an augmenter, or a list run in order. */
  readonly foreground?: Branch;
  /** What makes the background: an augmenter, or a list run in order. */
  readonly background?: Branch;
  /** Whether each channel draws its own factor (or the probability that an image does). Default false. */
  readonly perChannel?: ProbabilityInput;
}

/** One image's draws: the branches' params and the factor (one, or one per channel). */
export interface BlendAlphaParams extends BranchParams {
  readonly alphas: Float64Array;
}

/**
 * Blends two versions of each image, the foreground branch's over the background branch's, with an opacity
 * `factor` drawn per image: `factor · foreground + (1 − factor) · background` (imgaug's `BlendAlpha`).
 *
 * A branch is an augmenter or a list of them run in order; a missing branch is the image itself, and at least one
 * must be given. Both branches run on the input with draws of their own, and must give images of one shape. With
 * `perChannel`, each channel draws its own factor. uint8 images are blended with imgaug's arithmetic (float32,
 * rounded half to even), so the bytes are imgaug 0.4.0's; float32 images in double. Factors all at least 0.99 give
 * the foreground's image unchanged, all at most 0.01 the background's (imgaug's shortcut).
 *
 * Labels follow the foreground's branch when the image's mean factor is at least 0.5, else the background's
 * (imgaug's rule: a branch that moves pixels, such as Affine, moves the labels only when it is chosen).
 *
 * @param factor The foreground's opacity: a number in [0, 1], a `[min, max]` range or an `iap` parameter.
 * @example iaa.BlendAlpha(0.5, iaa.Grayscale(1))                         // half-way to gray
 * @example iaa.BlendAlpha([0, 1], iaa.Affine({ rotate: [-20, 20] }), undefined, { perChannel: 0.5 })
 * @example iaa.BlendAlpha({ factor: [0, 1], foreground: iaa.Add(100), background: iaa.Multiply(0.2) })
 */
export const BlendAlpha = defineAugmenter({
  type: 'BlendAlpha',
  kind: 'meta',
  positional: ['factor', 'foreground', 'background'],
  options: {
    factor: numberOption([0, 1], { min: 0, max: 1 }, "The foreground's opacity, drawn per image (or per channel)."),
    ...branchOptions(),
    perChannel: probabilityOption(
      false,
      'Whether each channel draws its own factor (or the probability that it does).',
    ),
  },
  examples: [
    { factor: [0, 1], foreground: { type: 'Multiply', mul: [0.2, 0.6] }, perChannel: 0.5 },
    { factor: [0.3, 0.7], foreground: { type: 'Add', value: 60 }, background: [{ type: 'Dropout', p: 0.3 }] },
  ],
  validate: (options) => checkBranches('BlendAlpha', options),
  drawParams({ factor, perChannel, foreground, background }, random, shape): BlendAlphaParams {
    const branches = drawBranches('BlendAlpha', { foreground, background }, random, shape);
    const perChannelDraw = perChannel.draw(random.stream('perChannel')) > 0.5;
    const alphas = new Float64Array(perChannelDraw ? branches.output.channels : 1);
    factor.drawMany(random.stream('factor'), alphas);
    return { ...branches, alphas };
  },
  outputShape: (_prepared, _shape, params) => params.output,
  warp: (prepared, shape, params) => branchWarp(prepared, shape, params, meanOf(params.alphas) >= 0.5),
  apply(image, params, out, prepared) {
    applyBranches(prepared, params, () => params, image, out);
  },
  applyBatch(batch, params, out, size, prepared) {
    const { width, channels } = batch;
    const uniform = { data: batch.data, n: params.length, height: size / (width * channels), width, channels };
    // A branch that no image shows alone or blended is not run.
    const choices = params.map((p) => blendChoice(p.alphas));
    const needed = { foreground: choices.includes('foreground'), background: choices.includes('background') };
    if (choices.includes('blend')) needed.foreground = needed.background = true;
    return applyBranchesBatch(prepared, params, (i) => params[i], uniform, out.data, needed);
  },
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaOptions): Augmenter<BlendAlphaParams>;
  (
    factor?: NumberInput,
    foreground?: Branch,
    background?: Branch,
    options?: Omit<BlendAlphaOptions, 'factor' | 'foreground' | 'background'>,
  ): Augmenter<BlendAlphaParams>;
}>;

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
