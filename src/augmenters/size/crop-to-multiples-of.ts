import { defineAugmenter } from '../base/define.ts';
import { MULTIPLES, axesRule, centerCropToDefinition, cropToDefinition, targets } from './fixed-size-core.ts';

const multiples = axesRule(MULTIPLES.names, 1, MULTIPLES.docs, targets.cropMultiple);

/**
 * Crops each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` (imgaug's `CropToMultiplesOf`); a side shorter than its multiple stays.
 *
 * `position` chooses the part that is kept as in `CropToFixedSize` (default 'uniform').
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CropToMultiplesOf({ widthMultiple: 8, heightMultiple: 8 })
 */
export const CropToMultiplesOf = defineAugmenter(
  cropToDefinition(multiples, { type: 'CropToMultiplesOf', examples: [{ widthMultiple: 3, heightMultiple: 4 }] }),
);

/**
 * Crops each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` around the centre (imgaug's `CenterCropToMultiplesOf`); a side shorter than its multiple stays. The odd pixel goes to the right and bottom: `CropToMultiplesOf` with `position: 'center'`.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CenterCropToMultiplesOf({ widthMultiple: 16, heightMultiple: 16 })
 */
export const CenterCropToMultiplesOf = defineAugmenter(
  centerCropToDefinition(multiples, {
    type: 'CenterCropToMultiplesOf',
    examples: [{ widthMultiple: 3, heightMultiple: 4 }],
  }),
);
