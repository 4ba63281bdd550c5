import { defineAugmenter } from '../base/define.ts';
import { MULTIPLES, axesRule, centerPadToDefinition, padToDefinition, targets } from './fixed-size-core.ts';

const multiples = axesRule(MULTIPLES.names, 1, MULTIPLES.docs, targets.padMultiple);

/**
 * Pads each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` (imgaug's `PadToMultiplesOf`); a side that already is one stays.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.PadToMultiplesOf({ widthMultiple: 32, heightMultiple: 32 }) // sizes a network with five stride-2 layers accepts
 */
export const PadToMultiplesOf = defineAugmenter(
  padToDefinition(multiples, {
    type: 'PadToMultiplesOf',
    examples: [{ widthMultiple: 3, heightMultiple: 4, padMode: ['constant', 'edge'] }],
  }),
);

/**
 * Pads each image until its width is a multiple of `widthMultiple` and its height a multiple of
 * `heightMultiple` around the centre (imgaug's `CenterPadToMultiplesOf`); a side that already is one stays. The odd pixel goes to the right and bottom: `PadToMultiplesOf` with `position: 'center'`.
 *
 * @param widthMultiple An integer ≥ 1, or null.
 * @param heightMultiple An integer ≥ 1, or null.
 * @example iaa.CenterPadToMultiplesOf({ widthMultiple: 16, heightMultiple: 16, padMode: 'reflect' })
 */
export const CenterPadToMultiplesOf = defineAugmenter(
  centerPadToDefinition(multiples, {
    type: 'CenterPadToMultiplesOf',
    examples: [{ widthMultiple: 5, heightMultiple: 4, padMode: ['constant', 'edge', 'mean'], padCval: [0, 255] }],
  }),
);
