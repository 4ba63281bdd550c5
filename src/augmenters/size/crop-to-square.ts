import { defineAugmenter } from '../base/define.ts';
import { centerCropToDefinition, cropToDefinition, squareRule, targets } from './fixed-size-core.ts';

const square = squareRule(targets.cropAspect);

/**
 * Crops each image's longer axis until the image is square (imgaug's `CropToSquare`: `CropToAspectRatio(1)`).
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @example iaa.CropToSquare()
 */
export const CropToSquare = defineAugmenter(
  cropToDefinition(square, { type: 'CropToSquare', examples: [{ position: 'normal' }] }),
);

/**
 * Crops each image's longer axis until the image is square, equally from both sides (imgaug's `CenterCropToSquare`). The odd pixel goes to the right and bottom: `CropToSquare` with `position: 'center'`.
 *
 * @example iaa.CenterCropToSquare()
 */
export const CenterCropToSquare = defineAugmenter(
  centerCropToDefinition(square, { type: 'CenterCropToSquare', examples: [{}] }),
);
