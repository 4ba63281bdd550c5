import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput } from './crop-pad-core.ts';
import { CENTER, axisIntegerOption, drawCropTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = {
  widthMultiple: axisIntegerOption(1, 'Widths become multiples of this (null: any width).'),
  heightMultiple: axisIntegerOption(1, 'Heights become multiples of this (null: any height).'),
};

/**
 * Crops each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` (imgaug's `CropToMultiplesOf`); a side shorter than its multiple stays.
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CropToMultiplesOf({ widthMultiple: 8, heightMultiple: 8 })
 */
export const CropToMultiplesOf = defineAugmenter({
  type: 'CropToMultiplesOf',
  kind: 'geometric',
  options: { ...sizeOptions, position: positionOption('Which part of the image is kept.') },
  examples: [{ widthMultiple: 3, heightMultiple: 4 }],
  drawParams: ({ widthMultiple, heightMultiple, position }, random, shape) =>
    drawCropTo(
      'CropToMultiplesOf',
      'widthMultiple',
      {
        height: targets.cropMultiple(shape.height, heightMultiple),
        width: targets.cropMultiple(shape.width, widthMultiple),
      },
      position,
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Crops each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` around the centre (imgaug's `CenterCropToMultiplesOf`); a side shorter than its multiple stays. The odd pixel goes to the right and bottom: `CropToMultiplesOf` with `position: 'center'`.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CenterCropToMultiplesOf({ widthMultiple: 16, heightMultiple: 16 })
 */
export const CenterCropToMultiplesOf = defineAugmenter({
  type: 'CenterCropToMultiplesOf',
  kind: 'geometric',
  options: { ...sizeOptions },
  examples: [{ widthMultiple: 3, heightMultiple: 4 }],
  drawParams: ({ widthMultiple, heightMultiple }, random, shape) =>
    drawCropTo(
      'CenterCropToMultiplesOf',
      'widthMultiple',
      {
        height: targets.cropMultiple(shape.height, heightMultiple),
        width: targets.cropMultiple(shape.width, widthMultiple),
      },
      CENTER,
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
