import { uniform } from '../../params/uniform.ts';
import { defineAugmenter } from '../base/define.ts';
import { booleanOption } from '../base/options.ts';
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

/** The options Crop, Pad and CropAndPad share besides the amounts. */
export const keepSizeOptions = {
  keepSize: booleanOption(true, "Resize the result back to the input's size (imgaug's automatic interpolation)."),
  sampleIndependently: booleanOption(
    true,
    'Draw a number or range for all sides once per side (true) or once for all four (false).',
  ),
};

/**
 * Crops or pads each image on each side by an amount drawn per image: negative amounts crop, positive ones pad
 * (imgaug's `CropAndPad`), then by default resizes the result back to the input's size.
 *
 * `px` is pixels and `percent` a fraction of the side's length (rounded half to even), each a number, a
 * `[min, max]` range, an `iap` parameter, or `{ top, right, bottom, left }` of such. With neither, `percent` is
 * `[-0.1, 0.1]`. A number or range for all sides is drawn once per side, or once for all four with
 * `sampleIndependently: false`. Padded pixels follow numpy.pad's `padMode` (a list or `iap.choice` picks one per
 * image) with `padCval`. A crop never empties a side: imgaug keeps at least one pixel, taking the excess back
 * from both sides' crops. `keepSize` (default true) resizes back as imgaug does: OpenCV's area positions where a
 * side grows, bilinear where none does.
 *
 * `padCval` is read as imgaug reads it: a number is cut to an integer (for float32 images too), a `[min, max]` range
 * draws integers with both ends included, and an `iap` parameter's draws are used as drawn.
 *
 * Differs from imgaug: a list of values for one side is written `iap.choice([...])` (a two-number array is a
 * range), and so is a list of two `padCval` values.
 *
 * @param px Pixels per side: an integer, a range or parameter, or `{ top, right, bottom, left }`.
 * @example iaa.CropAndPad({ px: [-10, 10] })                            // crop or pad each side by up to 10 pixels
 * @example iaa.CropAndPad({ percent: { top: [0, 0.2], right: 0, bottom: 0, left: 0 }, padMode: ['edge', 'reflect'] })
 */
export const CropAndPad = defineAugmenter({
  type: 'CropAndPad',
  kind: 'geometric',
  options: {
    px: sidesOption(pxRules(-65535), 'Pixels added (positive) or removed (negative) on each side.'),
    percent: sidesOption({ min: -1, minExclusive: true }, 'A fraction of the side length to add or remove.'),
    ...padOptions,
    ...keepSizeOptions,
  },
  examples: [
    { px: [-3, 3], padMode: ['constant', 'edge', 'reflect', 'mean'], padCval: [0, 255] },
    { percent: { top: [-0.2, 0.2], right: 0, bottom: [0, 0.1], left: -0.1 }, keepSize: false },
  ],
  validate: (options) => validateAmounts('CropAndPad', options as CropAndPadParsed),
  drawParams: (options, random, shape) =>
    drawCropAndPad('CropAndPad', options, 1, TEN_PERCENT_EITHER_WAY, (r) => drawPad(options, r), random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

const TEN_PERCENT_EITHER_WAY = { all: uniform(-0.1, 0.1) };
