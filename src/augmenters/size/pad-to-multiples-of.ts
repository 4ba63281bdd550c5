import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput, drawPad, padOptions } from './crop-pad-core.ts';
import { CENTER, axisIntegerOption, drawPadTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = {
  widthMultiple: axisIntegerOption(1, 'Widths become multiples of this (null: any width).'),
  heightMultiple: axisIntegerOption(1, 'Heights become multiples of this (null: any height).'),
};

/**
 * Pads each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` (imgaug's `PadToMultiplesOf`); a side that already is one stays.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.PadToMultiplesOf({ widthMultiple: 32, heightMultiple: 32 }) // sizes a network with five stride-2 layers accepts
 */
export const PadToMultiplesOf = defineAugmenter({
  type: 'PadToMultiplesOf',
  kind: 'geometric',
  options: { ...sizeOptions, ...padOptions, position: positionOption('Where the image sits in the padded result.') },
  examples: [{ widthMultiple: 3, heightMultiple: 4, padMode: ['constant', 'edge'] }],
  drawParams: ({ widthMultiple, heightMultiple, position, ...pad }, random, shape) =>
    drawPadTo(
      'PadToMultiplesOf',
      'widthMultiple',
      {
        height: targets.padMultiple(shape.height, heightMultiple),
        width: targets.padMultiple(shape.width, widthMultiple),
      },
      position,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Pads each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` around the centre (imgaug's `CenterPadToMultiplesOf`); a side that already is one stays. The odd pixel goes to the right and bottom: `PadToMultiplesOf` with `position: 'center'`.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CenterPadToMultiplesOf({ widthMultiple: 16, heightMultiple: 16, padMode: 'reflect' })
 */
export const CenterPadToMultiplesOf = defineAugmenter({
  type: 'CenterPadToMultiplesOf',
  kind: 'geometric',
  options: { ...sizeOptions, ...padOptions },
  examples: [{ widthMultiple: 5, heightMultiple: 4, padMode: ['constant', 'edge', 'mean'], padCval: [0, 255] }],
  drawParams: ({ widthMultiple, heightMultiple, ...pad }, random, shape) =>
    drawPadTo(
      'CenterPadToMultiplesOf',
      'widthMultiple',
      {
        height: targets.padMultiple(shape.height, heightMultiple),
        width: targets.padMultiple(shape.width, widthMultiple),
      },
      CENTER,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
