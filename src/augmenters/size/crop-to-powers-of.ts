import { defineAugmenter } from '../base/define.ts';
import { POWERS, axesRule, centerCropToDefinition, cropToDefinition, targets } from './fixed-size-core.ts';

const powers = axesRule(POWERS.names, 2, POWERS.docs, targets.cropPower);

/**
 * Crops each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * (imgaug's `CropToPowersOf`); a side below the base stays. The exponent comes from floating-point logarithms as
 * in imgaug, so a size that is an exact power may, rarely, be cropped to the power below (1000 with base 10 →
 * 100).
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CropToPowersOf({ widthBase: 2, heightBase: 2 }) // 100 × 60 becomes 64 × 32
 */
export const CropToPowersOf = defineAugmenter(
  cropToDefinition(powers, { type: 'CropToPowersOf', examples: [{ widthBase: 3, heightBase: 2 }] }),
);

/**
 * Crops each image until its width is a power of `widthBase` and its height a power of `heightBase`
 * around the centre (imgaug's `CenterCropToPowersOf`); a side below the base stays. The exponent comes from floating-point logarithms as
 * in imgaug, so a size that is an exact power may, rarely, be cropped to the power below (1000 with base 10 →
 * 100). The odd pixel goes to the right and bottom: `CropToPowersOf` with `position: 'center'`.
 *
 * @param widthBase An integer ≥ 2, or null.
 * @param heightBase An integer ≥ 2, or null.
 * @example iaa.CenterCropToPowersOf({ widthBase: 2, heightBase: 2 })
 */
export const CenterCropToPowersOf = defineAugmenter(
  centerCropToDefinition(powers, { type: 'CenterCropToPowersOf', examples: [{ widthBase: 2, heightBase: 2 }] }),
);
