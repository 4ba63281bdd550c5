import { defineAugmenter } from '../base/define.ts';
import { applyCropPad, cropPadOutput, drawPad, padOptions } from './crop-pad-core.ts';
import { CENTER, aspectRatioOption, drawPadTo, positionOption, targets } from './fixed-size-core.ts';

const sizeOptions = { aspectRatio: aspectRatioOption('The width / height to reach.') };

/**
 * Pads each image's shorter axis until width / height reaches `aspectRatio` (imgaug's `PadToAspectRatio`);
 * where the ratio falls between two pixel counts, the result is at most one pixel short of it.
 *
 * `position` places the image as in `PadToFixedSize` (default 'uniform'); `padMode` and `padCval` are `Pad`'s.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.PadToAspectRatio(16 / 9)
 */
export const PadToAspectRatio = defineAugmenter({
  type: 'PadToAspectRatio',
  kind: 'geometric',
  primary: 'aspectRatio',
  options: { ...sizeOptions, ...padOptions, position: positionOption('Where the image sits in the padded result.') },
  examples: [{ aspectRatio: 1.5, padMode: ['constant', 'median'] }],
  drawParams: ({ aspectRatio, position, ...pad }, random, shape) =>
    drawPadTo(
      'PadToAspectRatio',
      'aspectRatio',
      targets.padAspect(shape, aspectRatio),
      position,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});

/**
 * Pads each image's shorter axis until width / height reaches `aspectRatio` around the centre (imgaug's `CenterPadToAspectRatio`);
 * where the ratio falls between two pixel counts, the result is at most one pixel short of it. The odd pixel goes to the right and bottom: `PadToAspectRatio` with `position: 'center'`.
 *
 * @param aspectRatio The width / height to reach, a number > 0 (default 1).
 * @example iaa.CenterPadToAspectRatio(1, { padCval: 128 })
 */
export const CenterPadToAspectRatio = defineAugmenter({
  type: 'CenterPadToAspectRatio',
  kind: 'geometric',
  primary: 'aspectRatio',
  options: { ...sizeOptions, ...padOptions },
  examples: [{ aspectRatio: 0.5, padMode: ['constant', 'linear_ramp'], padCval: [0, 255] }],
  drawParams: ({ aspectRatio, ...pad }, random, shape) =>
    drawPadTo(
      'CenterPadToAspectRatio',
      'aspectRatio',
      targets.padAspect(shape, aspectRatio),
      CENTER,
      (r) => drawPad(pad, r),
      random,
      shape,
    ),
  outputShape: cropPadOutput,
  apply: applyCropPad,
});
