import { uniform } from '../../params/uniform.ts';
import { defineAugmenter } from '../base/define.ts';
import { keepSizeOptions } from './crop-and-pad.ts';
import {
  type CropAndPadParsed,
  applyCropPad,
  cropPadOutput,
  drawCropAndPad,
  pxRules,
  sidesOption,
  validateAmounts,
} from './crop-pad-core.ts';

const UP_TO_TEN_PERCENT = { all: uniform(0, 0.1) };

/**
 * Crops each image on each side by an amount drawn per image (imgaug's `Crop`), then by default resizes it back
 * to the input's size: `CropAndPad` with amounts that only remove.
 *
 * `px` (pixels) or `percent` (of the side's length, rounded half to even) take a number, a `[min, max]` range, an
 * `iap` parameter or `{ top, right, bottom, left }` of such, all at least 0 (percent at most 1); with neither,
 * `percent` is `[0, 0.1]`. A crop never empties an axis: as in imgaug, at least one pixel stays, the excess
 * taken back from both sides (the top and the right side get the larger half back, as in imgaug 0.4.0), also with
 * `keepSize: false`.
 * `keepSize` (default true) and `sampleIndependently` are CropAndPad's.
 *
 * Differs from imgaug: as CropAndPad.
 *
 * @param px Pixels per side: an integer ≥ 0, a range or parameter, or `{ top, right, bottom, left }`.
 * @example iaa.Crop({ px: [0, 16] })                      // crop up to 16 pixels per side, resize back
 * @example iaa.Crop({ percent: [0, 0.2], keepSize: false }) // smaller images, up to 20% off each side
 */
export const Crop = defineAugmenter({
  type: 'Crop',
  kind: 'geometric',
  options: {
    px: sidesOption(pxRules(0), 'Pixels removed from each side.'),
    percent: sidesOption({ min: 0, max: 1 }, 'A fraction of the side length to remove.'),
    ...keepSizeOptions,
  },
  examples: [{ px: [0, 4] }, { percent: { top: [0, 0.3], right: 0.1, bottom: 0, left: [0, 0.2] }, keepSize: false }],
  validate: (options) => validateAmounts('Crop', options as CropAndPadParsed),
  drawParams: (options, random, shape) =>
    drawCropAndPad('Crop', options, -1, UP_TO_TEN_PERCENT, undefined, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
