import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput } from './crop-pad-core.ts';
import { CENTER, drawCropTo, positionOption, targets } from './fixed-size-core.ts';

/**
 * Crops each image's longer axis until the image is square (imgaug's `CropToSquare`: `CropToAspectRatio(1)`).
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @example iaa.CropToSquare()
 */
export const CropToSquare = defineAugmenter({
  type: 'CropToSquare',
  kind: 'geometric',
  options: { position: positionOption('Which part of the image is kept.') },
  examples: [{ position: 'normal' }],
  drawParams: ({ position }, random, shape) =>
    drawCropTo('CropToSquare', 'position', targets.cropAspect(shape, 1), position, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Crops each image's longer axis until the image is square, equally from both sides (imgaug's `CenterCropToSquare`). The odd pixel goes to the right and bottom: `CropToSquare` with `position: 'center'`.
 *
 * @example iaa.CenterCropToSquare()
 */
export const CenterCropToSquare = defineAugmenter({
  type: 'CenterCropToSquare',
  kind: 'geometric',
  options: {},
  examples: [{}],
  drawParams: (_options, random, shape) =>
    drawCropTo('CenterCropToSquare', 'position', targets.cropAspect(shape, 1), CENTER, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
