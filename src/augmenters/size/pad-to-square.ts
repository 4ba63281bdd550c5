import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput, drawPad, padOptions } from './crop-pad-core.ts';
import { CENTER, drawPadTo, positionOption, targets } from './fixed-size-core.ts';

/**
 * Pads each image's shorter axis until the image is square (imgaug's `PadToSquare`: `PadToAspectRatio(1)`).
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @example iaa.PadToSquare({ padMode: 'edge' })
 */
export const PadToSquare = defineAugmenter({
  type: 'PadToSquare',
  kind: 'geometric',
  options: { ...padOptions, position: positionOption('Where the image sits in the padded result.') },
  examples: [{ padMode: ['constant', 'edge', 'linear_ramp'] }],
  drawParams: ({ position, ...pad }, random, shape) =>
    drawPadTo('PadToSquare', 'position', targets.padAspect(shape, 1), position, (r) => drawPad(pad, r), random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Pads each image's shorter axis until the image is square, equally on both sides (imgaug's `CenterPadToSquare`). The odd pixel goes to the right and bottom: `PadToSquare` with `position: 'center'`.
 *
 * @example iaa.CenterPadToSquare()
 */
export const CenterPadToSquare = defineAugmenter({
  type: 'CenterPadToSquare',
  kind: 'geometric',
  options: padOptions,
  examples: [{ padMode: ['constant', 'reflect', 'maximum'], padCval: [0, 255] }],
  drawParams: (pad, random, shape) =>
    drawPadTo(
      'CenterPadToSquare',
      'position',
      targets.padAspect(shape, 1),
      CENTER,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
