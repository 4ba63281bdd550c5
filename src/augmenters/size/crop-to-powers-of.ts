import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput } from './crop-pad-core.ts';
import { CENTER, axisIntegerOption, drawCropTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = {
  widthBase: axisIntegerOption(2, 'Widths become powers of this (null: any width).'),
  heightBase: axisIntegerOption(2, 'Heights become powers of this (null: any height).'),
};

/**
 * Crops each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * (imgaug's `CropToPowersOf`); a side below the base stays. The exponent comes from floating-point logarithms as
 * in imgaug, so a size that is an exact power may, rarely, be cropped to the power below (1000 with base 10 →
 * 100).
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CropToPowersOf({ widthBase: 2, heightBase: 2 }) // 100 × 60 becomes 64 × 32
 */
export const CropToPowersOf = defineAugmenter({
  type: 'CropToPowersOf',
  kind: 'geometric',
  options: { ...sizeOptions, position: positionOption('Which part of the image is kept.') },
  examples: [{ widthBase: 3, heightBase: 2 }],
  drawParams: ({ widthBase, heightBase, position }, random, shape) =>
    drawCropTo(
      'CropToPowersOf',
      'widthBase',
      { height: targets.cropPower(shape.height, heightBase), width: targets.cropPower(shape.width, widthBase) },
      position,
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Crops each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * around the centre (imgaug's `CenterCropToPowersOf`); a side below the base stays. The exponent comes from floating-point logarithms as
 * in imgaug, so a size that is an exact power may, rarely, be cropped to the power below (1000 with base 10 →
 * 100). The odd pixel goes to the right and bottom: `CropToPowersOf` with `position: 'center'`.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CenterCropToPowersOf({ widthBase: 2, heightBase: 2 })
 */
export const CenterCropToPowersOf = defineAugmenter({
  type: 'CenterCropToPowersOf',
  kind: 'geometric',
  options: { ...sizeOptions },
  examples: [{ widthBase: 2, heightBase: 2 }],
  drawParams: ({ widthBase, heightBase }, random, shape) =>
    drawCropTo(
      'CenterCropToPowersOf',
      'widthBase',
      { height: targets.cropPower(shape.height, heightBase), width: targets.cropPower(shape.width, widthBase) },
      CENTER,
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
