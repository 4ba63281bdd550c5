import { defineAugmenter } from '../base/define.ts';
import { axesRule, centerCropToDefinition, cropToDefinition } from './fixed-size-core.ts';

const fixedSize = axesRule(
  ['width', 'height'],
  1,
  [
    'The largest width; wider images are cropped to it (null: any width).',
    'The largest height; higher images are cropped to it (null: any height).',
  ],
  (_side, value) => value,
);

/**
 * Crops each image that is wider than `width` or higher than `height` down to that size (imgaug's
 * `CropToFixedSize`); smaller sides stay as they are.
 *
 * `position` says which part is kept, per image: 'uniform' (default) or 'normal' draw x and y in [0, 1],
 * 'center' and 'left-top' … 'right-bottom' fix them, and `{ x, y }` gives fractions (numbers, ranges or
 * parameters). `int((1 − x) · total)` pixels come off the left and the rest off the right, so 'left-top' crops
 * only from the left and top (keeping the bottom-right part) and 'center' takes the odd pixel from the right and
 * bottom, as in imgaug.
 *
 * @param width The largest width in pixels, or null.
 * @param height The largest height in pixels, or null.
 * @example iaa.CropToFixedSize({ width: 224, height: 224 })                        // random 224 × 224 crops of larger images
 * @example iaa.CropToFixedSize({ width: 100, height: 80, position: 'normal' }) // crops nearer the centre
 */
export const CropToFixedSize = defineAugmenter(
  cropToDefinition(fixedSize, {
    type: 'CropToFixedSize',
    examples: [
      { width: 5, height: 4 },
      { width: 3, height: null, position: { x: [0, 1], y: 0.5 } },
    ],
  }),
);

/**
 * Crops each image that is wider than `width` or higher than `height` down to that size around its centre (the
 * odd pixel off the right and bottom): `CropToFixedSize` with `position: 'center'`.
 * @param width The largest width in pixels, or null.
 * @param height The largest height in pixels, or null.
 * @example iaa.CenterCropToFixedSize({ width: 224, height: 224 })
 */
export const CenterCropToFixedSize = defineAugmenter(
  centerCropToDefinition(fixedSize, { type: 'CenterCropToFixedSize', examples: [{ width: 5, height: 4 }] }),
);
