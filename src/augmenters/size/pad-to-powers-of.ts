import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput, drawPad, padOptions } from './crop-pad-core.ts';
import { CENTER, axisIntegerOption, drawPadTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = {
  widthBase: axisIntegerOption(2, 'Widths become powers of this (null: any width).'),
  heightBase: axisIntegerOption(2, 'Heights become powers of this (null: any height).'),
};

/**
 * Pads each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * (imgaug's `PadToPowersOf`), with an exponent of at least 1: a side below the base is padded to the base. The
 * exponent comes from floating-point logarithms as in imgaug, so a size that is an exact power may, rarely, be
 * padded to the next one.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.PadToPowersOf({ widthBase: 2, heightBase: 2 }) // 100 × 60 becomes 128 × 64
 */
export const PadToPowersOf = defineAugmenter({
  type: 'PadToPowersOf',
  kind: 'geometric',
  options: { ...sizeOptions, ...padOptions, position: positionOption('Where the image sits in the padded result.') },
  examples: [{ widthBase: 2, heightBase: 3, padMode: ['constant', 'wrap'] }],
  drawParams: ({ widthBase, heightBase, position, ...pad }, random, shape) =>
    drawPadTo(
      'PadToPowersOf',
      'widthBase',
      { height: targets.padPower(shape.height, heightBase), width: targets.padPower(shape.width, widthBase) },
      position,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Pads each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * around the centre (imgaug's `CenterPadToPowersOf`), with an exponent of at least 1: a side below the base is padded to the base. The
 * exponent comes from floating-point logarithms as in imgaug, so a size that is an exact power may, rarely, be
 * padded to the next one. The odd pixel goes to the right and bottom: `PadToPowersOf` with `position: 'center'`.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CenterPadToPowersOf({ widthBase: 2, heightBase: 2 })
 */
export const CenterPadToPowersOf = defineAugmenter({
  type: 'CenterPadToPowersOf',
  kind: 'geometric',
  options: { ...sizeOptions, ...padOptions },
  examples: [{ widthBase: 2, heightBase: 2, padMode: ['constant', 'minimum', 'wrap'], padCval: [0, 255] }],
  drawParams: ({ widthBase, heightBase, ...pad }, random, shape) =>
    drawPadTo(
      'CenterPadToPowersOf',
      'widthBase',
      { height: targets.padPower(shape.height, heightBase), width: targets.padPower(shape.width, widthBase) },
      CENTER,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
