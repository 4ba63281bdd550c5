import { defineAugmenter } from '../base/define.ts';
import { POWERS, axesRule, centerPadToDefinition, padToDefinition, targets } from './fixed-size-core.ts';

const powers = axesRule(POWERS.names, 2, POWERS.docs, targets.padPower);

/**
 * Pads each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * (imgaug's `PadToPowersOf`), with an exponent of at least 1: a side below the base is padded to the base. The
 * exponent comes from floating-point logarithms as in imgaug, so a size that is an exact power may, rarely, be
 * padded to the next one.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.PadToPowersOf({ widthBase: 2, heightBase: 2 }) // 100 × 60 becomes 128 × 64
 */
export const PadToPowersOf = defineAugmenter(
  padToDefinition(powers, {
    type: 'PadToPowersOf',
    examples: [{ widthBase: 2, heightBase: 3, padMode: ['constant', 'wrap'] }],
  }),
);

/**
 * Pads each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * around the centre (imgaug's `CenterPadToPowersOf`), with an exponent of at least 1: a side below the base is padded to the base. The
 * exponent comes from floating-point logarithms as in imgaug, so a size that is an exact power may, rarely, be
 * padded to the next one. The odd pixel goes to the right and bottom: `PadToPowersOf` with `position: 'center'`.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CenterPadToPowersOf({ widthBase: 2, heightBase: 2 })
 */
export const CenterPadToPowersOf = defineAugmenter(
  centerPadToDefinition(powers, {
    type: 'CenterPadToPowersOf',
    examples: [{ widthBase: 2, heightBase: 2, padMode: ['constant', 'minimum', 'wrap'], padCval: [0, 255] }],
  }),
);
