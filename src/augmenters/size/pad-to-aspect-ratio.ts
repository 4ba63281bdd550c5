import { defineAugmenter } from '../base/define.ts';
import { aspectRatioRule, centerPadToDefinition, padToDefinition, targets } from './fixed-size-core.ts';

const ratio = aspectRatioRule(targets.padAspect);

/**
 * Pads each image's shorter axis until width / height reaches `aspectRatio` (imgaug's `PadToAspectRatio`);
 * where the ratio falls between two pixel counts, the result is at most one pixel short of it.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.PadToAspectRatio(16 / 9)
 */
export const PadToAspectRatio = defineAugmenter(
  padToDefinition(ratio, {
    type: 'PadToAspectRatio',
    examples: [{ aspectRatio: 1.5, padMode: ['constant', 'median'] }],
    primary: 'aspectRatio',
  }),
);

/**
 * Pads each image's shorter axis until width / height reaches `aspectRatio` around the centre (imgaug's `CenterPadToAspectRatio`);
 * where the ratio falls between two pixel counts, the result is at most one pixel short of it. The odd pixel goes to the right and bottom: `PadToAspectRatio` with `position: 'center'`.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.CenterPadToAspectRatio(1, { padCval: 128 })
 */
export const CenterPadToAspectRatio = defineAugmenter(
  centerPadToDefinition(ratio, {
    type: 'CenterPadToAspectRatio',
    examples: [{ aspectRatio: 0.5, padMode: ['constant', 'linear_ramp'], padCval: [0, 255] }],
    primary: 'aspectRatio',
  }),
);
