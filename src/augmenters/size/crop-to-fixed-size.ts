import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput } from './crop-pad-core.ts';
import { CENTER, axisIntegerOption, drawCropTo, positionOption } from './fixed-size-core.ts';

const sizeOptions = {
  width: axisIntegerOption(1, 'The largest width; wider images are cropped to it (null: any width).'),
  height: axisIntegerOption(1, 'The largest height; higher images are cropped to it (null: any height).'),
};

/**
 * Crops each image that is wider than `width` or higher than `height` down to that size (imgaug's
 * `CropToFixedSize`); smaller sides stay as they are.
 *
 * `position` says which part is kept, per image: 'uniform' (default) or 'normal' draw x and y in [0, 1],
 * 'center' and 'left-top' … 'right-bottom' fix them, and `{ x, y }` gives fractions (numbers, ranges or
 * parameters). `int((1 − x) · total)` pixels come off the left and the rest off the right, so 'left-top' crops
 * only from the left and top (keeping the bottom-right part) and 'center' takes the odd pixel from the right and
 * bottom, as in imgaug.
 *
 * @param width The largest width in pixels, or null.
 * @param height The largest height in pixels, or null.
 * @example iaa.CropToFixedSize({ width: 224, height: 224 })                        // random 224 × 224 crops of larger images
 * @example iaa.CropToFixedSize({ width: 100, height: 80, position: 'normal' }) // crops nearer the centre
 */
export const CropToFixedSize = defineAugmenter({
  type: 'CropToFixedSize',
  kind: 'geometric',
  options: { ...sizeOptions, position: positionOption('Which part of the image is kept.') },
  examples: [
    { width: 5, height: 4 },
    { width: 3, height: null, position: { x: [0, 1], y: 0.5 } },
  ],
  drawParams: ({ width, height, position }, random, shape) =>
    drawCropTo('CropToFixedSize', 'width', { width, height }, position, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Crops each image that is wider than `width` or higher than `height` down to that size around its centre (the
 * odd pixel off the right and bottom): `CropToFixedSize` with `position: 'center'`.
 * @param width The largest width in pixels, or null.
 * @param height The largest height in pixels, or null.
 * @example iaa.CenterCropToFixedSize({ width: 224, height: 224 })
 */
export const CenterCropToFixedSize = defineAugmenter({
  type: 'CenterCropToFixedSize',
  kind: 'geometric',
  options: sizeOptions,
  examples: [{ width: 5, height: 4 }],
  drawParams: ({ width, height }, random, shape) =>
    drawCropTo('CenterCropToFixedSize', 'width', { width, height }, CENTER, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
