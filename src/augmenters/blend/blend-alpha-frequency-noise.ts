import type { NumberInput } from '../../params/sugar.ts';
import type { Augmenter } from '../base/augmenter.ts';
import { type DefinedFactory, defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import { branchOptions, checkBranches } from './branches.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';
import { type NoiseBlendInputs, blendNoise, noiseBlendOptions, noiseMaskGenerator } from './noise-mask.ts';

export interface BlendAlphaFrequencyNoiseOptions extends NoiseBlendInputs {
  readonly exponent?: NumberInput;
}

/**
 * Blends two versions of each image with an opacity mask of frequency noise (imgaug's `BlendAlphaFrequencyNoise`):
 * BlendAlphaElementwise whose per-pixel factor is the inverse FFT of a random spectrum weighted by
 * (frequency)^`exponent` — negative exponents give large blobs, positive ones fine grain — made at `sizePxMax`
 * pixels along the longer side (at least 4), normalised to [0, 1], enlarged with `upscaleMethod`, `iterations` noise
 * images combined with `aggregationMethod`, then (with `sigmoid`, by default for half of the images) pushed towards
 * 0 and 1.
 *
 * Branches as in BlendAlpha; labels follow the foreground when the mask's mean is above 0.5, else the background.
 * The spectrum's weighting, the inverse DFT (numpy's ifft2 to about 1e-12), the enlarging (cv2.resize's bytes) and the
 * sigmoid are imgaug's.
 *
 * Differs from imgaug: the draws (spectra, sizes, exponents, methods, thresholds) come from augkit's streams, so masks
 * are other noise images of the same kind. A `sigmoid` given as an iap parameter is the probability of the sigmoid per
 * image (imgaug then leaves the sigmoid out).
 *
 * @param exponent The spectrum's weighting exponent, drawn per noise image: a number, a `[min, max]` range or an
 *   `iap` parameter. Default `[-4, 4]`.
 * @example iaa.BlendAlphaFrequencyNoise([-2, 2], iaa.Grayscale())             // gray in blotches of varied grain
 * @example iaa.BlendAlphaFrequencyNoise({ exponent: 3, foreground: iaa.Invert(1), sigmoid: false })
 */
export const BlendAlphaFrequencyNoise = defineAugmenter({
  type: 'BlendAlphaFrequencyNoise',
  kind: 'meta',
  positional: ['exponent', 'foreground', 'background'],
  options: {
    exponent: numberOption(
      [-4, 4],
      {},
      "The spectrum's weighting exponent: negative gives large blobs, positive fine grain.",
    ),
    ...branchOptions(),
    ...noiseBlendOptions([4, 16], ['avg', 'max'], 0.5),
  },
  examples: [
    // A fixed noise size: each size pair is an entry of the resize kernel's axis cache (64 entries), which the contract
    // suite's allocation check needs to hold.
    { exponent: [-2, 2], foreground: { type: 'Multiply', mul: [0.2, 0.6] }, perChannel: 0.5, sizePxMax: 8 },
    { exponent: 2, background: { type: 'Add', value: -60 }, upscaleMethod: 'linear', iterations: 2, sigmoid: true },
  ],
  validate: (options) => checkBranches('BlendAlphaFrequencyNoise', options),
  prepare: (options) => ({
    generator: noiseMaskGenerator(blendNoise('frequency', options), options.perChannel),
    foreground: options.foreground,
    background: options.background,
  }),
  ...maskBlendSteps('BlendAlphaFrequencyNoise'),
}) as unknown as DefinedFactory<{
  (options?: BlendAlphaFrequencyNoiseOptions): Augmenter<MaskBlendParams>;
  (
    exponent?: NumberInput,
    foreground?: Branch,
    background?: Branch,
    options?: Omit<BlendAlphaFrequencyNoiseOptions, 'exponent' | 'foreground' | 'background'>,
  ): Augmenter<MaskBlendParams>;
}>;
