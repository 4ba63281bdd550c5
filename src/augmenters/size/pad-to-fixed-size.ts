import { defineAugmenter } from '../base/define.ts';
import { axesRule, centerPadToDefinition, padToDefinition } from './fixed-size-core.ts';

const fixedSize = axesRule(
  ['width', 'height'],
  1,
  [
    'The smallest width; narrower images are padded to it (null: any width).',
    'The smallest height; lower images are padded to it (null: any height).',
  ],
  (_side, value) => value,
);

/**
 * Pads each image that is narrower than `width` or lower than `height` up to that size (imgaug's
 * `PadToFixedSize`); larger sides stay as they are, so images may still differ in size.
 *
 * `position` says where the image sits in the padded result, per image: 'uniform' (default) or 'normal' draw
 * x and y in [0, 1], 'center' and 'left-top' … 'right-bottom' fix them, and `{ x, y }` gives fractions (numbers,
 * ranges or parameters). The left side gets `int((1 − x) · total)` pixels and the right side the rest, so
 * 'left-top' pads only the left and top, and 'center' gives the odd pixel to the right and bottom (as imgaug).
 * The added pixels follow numpy.pad's `padMode` with `padCval`, as in `Pad`.
 *
 * @param width The smallest width in pixels, or null.
 * @param height The smallest height in pixels, or null.
 * @example iaa.PadToFixedSize({ width: 64, height: 64 })                                  // at least 64 × 64, image placed anywhere
 * @example iaa.PadToFixedSize({ width: 64, height: 48, position: 'center', padMode: 'edge' })
 */
export const PadToFixedSize = defineAugmenter(
  padToDefinition(fixedSize, {
    type: 'PadToFixedSize',
    examples: [
      { width: 12, height: 9, padMode: ['constant', 'edge', 'mean'], padCval: [0, 255] },
      { width: 14, height: null, position: 'normal' },
    ],
  }),
);

/**
 * Pads each image that is narrower than `width` or lower than `height` up to that size, equally on both sides
 * (the odd pixel right and bottom): `PadToFixedSize` with `position: 'center'`.
 * @param width The smallest width in pixels, or null.
 * @param height The smallest height in pixels, or null.
 * @example iaa.CenterPadToFixedSize({ width: 64, height: 64, padMode: 'reflect' })
 */
export const CenterPadToFixedSize = defineAugmenter(
  centerPadToDefinition(fixedSize, {
    type: 'CenterPadToFixedSize',
    examples: [{ width: 12, height: 9, padMode: ['constant', 'symmetric'] }],
  }),
);
