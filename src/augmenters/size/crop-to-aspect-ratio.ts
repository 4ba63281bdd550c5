import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput } from './crop-pad-core.ts';
import { CENTER, aspectRatioOption, drawCropTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = { aspectRatio: aspectRatioOption('The width / height to reach.') };

/**
 * Crops each image's longer axis until width / height reaches `aspectRatio` (imgaug's `CropToAspectRatio`),
 * keeping at least one pixel; where the ratio falls between two pixel counts, one pixel too few is cropped rather
 * than one too many.
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.CropToAspectRatio(4 / 3)
 */
export const CropToAspectRatio = defineAugmenter({
  type: 'CropToAspectRatio',
  kind: 'geometric',
  primary: 'aspectRatio',
  options: { ...sizeOptions, position: positionOption('Which part of the image is kept.') },
  examples: [{ aspectRatio: 1.5 }],
  drawParams: ({ aspectRatio, position }, random, shape) =>
    drawCropTo('CropToAspectRatio', 'aspectRatio', targets.cropAspect(shape, aspectRatio), position, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Crops each image's longer axis until width / height reaches `aspectRatio` around the centre (imgaug's `CenterCropToAspectRatio`),
 * keeping at least one pixel; where the ratio falls between two pixel counts, one pixel too few is cropped rather
 * than one too many. The odd pixel goes to the right and bottom: `CropToAspectRatio` with `position: 'center'`.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.CenterCropToAspectRatio(1)
 */
export const CenterCropToAspectRatio = defineAugmenter({
  type: 'CenterCropToAspectRatio',
  kind: 'geometric',
  primary: 'aspectRatio',
  options: { ...sizeOptions },
  examples: [{ aspectRatio: 0.5 }],
  drawParams: ({ aspectRatio }, random, shape) =>
    drawCropTo('CenterCropToAspectRatio', 'aspectRatio', targets.cropAspect(shape, aspectRatio), CENTER, random, shape),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
