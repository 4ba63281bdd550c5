import type { Augmenter } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';
import { type NoiseBlendInputs, blendNoise, noiseBlendOptions, noiseMaskGenerator } from './noise-mask.ts';

/**
 * Blends two versions of each image with an opacity mask of cloud-like simplex noise (imgaug's
 * `BlendAlphaSimplexNoise`): BlendAlphaElementwise whose per-pixel factor is OpenSimplex noise made at `sizePxMax`
 * pixels along the longer side, enlarged with `upscaleMethod`, `iterations` noise images combined with
 * `aggregationMethod`, then (with `sigmoid`) pushed towards 0 and 1 by 1 / (1 + exp(−(20 v − 10 − sigmoidThresh))).
 *
 * Branches as in BlendAlpha; labels follow the foreground when the mask's mean is above 0.5, else the background.
 * The noise function, its seeding, the enlarging (cv2.resize's bytes) and the sigmoid are imgaug's.
 *
 * Differs from imgaug: the draws (seeds, sizes, methods, thresholds) come from augkit's streams, so masks are other
 * noise images of the same kind. A `sigmoid` given as an iap parameter is the probability of the sigmoid per image
 * (imgaug then leaves the sigmoid out).
 *
 * @param foreground What is shown where the noise is high: an augmenter or a list run in order.
 * @param background What is shown where the noise is low (default: the image itself).
 * @example iaa.BlendAlphaSimplexNoise(iaa.EdgeDetect(1))                        // edges in cloudy patches
 * @example iaa.BlendAlphaSimplexNoise({ foreground: iaa.Multiply(0.5), upscaleMethod: 'nearest', sizePxMax: 8 })
 */
export const BlendAlphaSimplexNoise = defineAugmenter({
  type: 'BlendAlphaSimplexNoise',
  kind: 'meta',
  positional: ['foreground', 'background'],
  options: { ...branchOptions(), ...noiseBlendOptions([2, 16], 'max', true) },
  examples: [
    // Fixed noise sizes: each size pair is an entry of the resize kernel's axis cache (64 entries), which the contract
    // suite's allocation check needs to hold.
    { foreground: { type: 'Multiply', mul: [0.2, 0.6] }, perChannel: 0.5, sizePxMax: 4 },
    { foreground: { type: 'Add', value: 60 }, sizePxMax: [2, 4], upscaleMethod: 'nearest', sigmoid: false },
  ],
  validate: (options) => checkBranches('BlendAlphaSimplexNoise', options),
  prepare: (options) => ({
    generator: noiseMaskGenerator(blendNoise('simplex', options), options.perChannel),
    foreground: options.foreground,
    background: options.background,
  }),
  ...maskBlendSteps('BlendAlphaSimplexNoise'),
}) as unknown as DefinedFactory<{
  (options?: NoiseBlendInputs): Augmenter<MaskBlendParams>;
  (
    foreground?: Branch,
    background?: Branch,
    options?: Omit<NoiseBlendInputs, 'foreground' | 'background'>,
  ): Augmenter<MaskBlendParams>;
}>;
