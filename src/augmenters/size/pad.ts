import { uniform } from '../../params/uniform.ts';
import { defineAugmenter } from '../base/define.ts';
import { keepSizeOptions } from './crop-and-pad.ts';
import {
  type CropAndPadParsed,
  applyCropPad,
  cropPadOutput,
  drawCropAndPad,
  drawPad,
  padOptions,
  pxRules,
  sidesOption,
  validateAmounts,
} from './crop-pad-core.ts';

const UP_TO_TEN_PERCENT = { all: uniform(0, 0.1) };

/**
 * Pads each image on each side by an amount drawn per image (imgaug's `Pad`), then by default resizes it back to
 * the input's size: `CropAndPad` with amounts that only add.
 *
 * `px` (pixels) or `percent` (of the side's length, rounded half to even) take a number, a `[min, max]` range, an
 * `iap` parameter or `{ top, right, bottom, left }` of such, all at least 0; with neither, `percent` is
 * `[0, 0.1]`. The added pixels follow numpy.pad's `padMode` ('constant', 'edge', 'linear_ramp', 'maximum', 'mean',
 * 'median', 'minimum', 'reflect', 'symmetric', 'wrap'; a list or `iap.choice` picks one per image) with
 * `padCval`. `keepSize` and `sampleIndependently` are CropAndPad's.
 *
 * Differs from imgaug: as CropAndPad.
 *
 * @param px Pixels per side: an integer ≥ 0, a range or parameter, or `{ top, right, bottom, left }`.
 * @example iaa.Pad({ px: [0, 8], padMode: 'reflect', keepSize: false }) // grow each side by up to 8 pixels
 * @example iaa.Pad({ percent: { top: 0.1, right: 0, bottom: 0.1, left: 0 }, padCval: 128 })
 */
export const Pad = defineAugmenter({
  type: 'Pad',
  kind: 'geometric',
  options: {
    px: sidesOption(pxRules(0), 'Pixels added on each side.'),
    percent: sidesOption({ min: 0 }, 'A fraction of the side length to add.'),
    ...padOptions,
    ...keepSizeOptions,
  },
  examples: [
    { px: [0, 4], padMode: ['constant', 'edge', 'symmetric', 'median', 'linear_ramp'], padCval: [0, 255] },
    { percent: [0, 0.3], keepSize: false, sampleIndependently: false, padMode: 'wrap' },
  ],
  validate: (options) => validateAmounts('Pad', options as CropAndPadParsed),
  drawParams: (options, random, shape) =>
    drawCropAndPad('Pad', options, 1, UP_TO_TEN_PERCENT, (r) => drawPad(options, r), random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
