import { defineAugmenter } from '../base/define.ts';
import { centerPadToDefinition, padToDefinition, squareRule, targets } from './fixed-size-core.ts';

const square = squareRule(targets.padAspect);

/**
 * Pads each image's shorter axis until the image is square (imgaug's `PadToSquare`: `PadToAspectRatio(1)`).
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @example iaa.PadToSquare({ padMode: 'edge' })
 */
export const PadToSquare = defineAugmenter(
  padToDefinition(square, { type: 'PadToSquare', examples: [{ padMode: ['constant', 'edge', 'linear_ramp'] }] }),
);

/**
 * Pads each image's shorter axis until the image is square, equally on both sides (imgaug's `CenterPadToSquare`). The odd pixel goes to the right and bottom: `PadToSquare` with `position: 'center'`.
 *
 * @example iaa.CenterPadToSquare()
 */
export const CenterPadToSquare = defineAugmenter(
  centerPadToDefinition(square, {
    type: 'CenterPadToSquare',
    examples: [{ padMode: ['constant', 'reflect', 'maximum'], padCval: [0, 255] }],
  }),
);
