import { defineAugmenter } from '../base/define.ts';
import { aspectRatioRule, centerCropToDefinition, cropToDefinition, targets } from './fixed-size-core.ts';

const ratio = aspectRatioRule(targets.cropAspect);

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
export const CropToAspectRatio = defineAugmenter(
  cropToDefinition(ratio, { type: 'CropToAspectRatio', examples: [{ aspectRatio: 1.5 }], primary: 'aspectRatio' }),
);

/**
 * Crops each image's longer axis until width / height reaches `aspectRatio` around the centre (imgaug's `CenterCropToAspectRatio`),
 * keeping at least one pixel; where the ratio falls between two pixel counts, one pixel too few is cropped rather
 * than one too many. The odd pixel goes to the right and bottom: `CropToAspectRatio` with `position: 'center'`.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.CenterCropToAspectRatio(1)
 */
export const CenterCropToAspectRatio = defineAugmenter(
  centerCropToDefinition(ratio, {
    type: 'CenterCropToAspectRatio',
    examples: [{ aspectRatio: 0.5 }],
    primary: 'aspectRatio',
  }),
);
