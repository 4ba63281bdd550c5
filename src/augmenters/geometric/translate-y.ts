import { defineAugmenter } from '../base/define.ts';
import { warpOptions } from './affine-core.ts';
import { affineSteps, prepareAffine, translateOptions, translateParts, validateTranslate } from './single-axis.ts';

/**
 * Shifts each image along the y axis by an amount drawn per image (+ moves it down): `percent` is a fraction of
 * the image's height, `px` whole pixels; give one of them. With neither, `percent` is `[-0.25, 0.25]` (imgaug's default).
 * @param percent A fraction of the height: a number, a `[min, max]` range or an `iap` parameter.
 * @param px Integer pixels: a number, a `[min, max]` range or an `iap` parameter.
 * @example iaa.TranslateY({ px: [-10, 10] })
 */
export const TranslateY = defineAugmenter({
  type: 'TranslateY',
  kind: 'geometric',
  primary: 'percent',
  options: { ...translateOptions, ...warpOptions },
  examples: [{ px: [-3, 3] }],
  validate: (options) => validateTranslate('TranslateY', options),
  prepare: ({ percent, px, ...warp }) => prepareAffine('TranslateY', translateParts('y', { percent, px }), warp),
  ...affineSteps,
});
