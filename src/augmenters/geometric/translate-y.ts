import { argumentError, axisOf, axisOption, defineAffineShortcut } from './single-axis.ts';

const DEFAULT_PERCENT = axisOption([-0.25, 0.25]);

/**
 * Shifts each image along the y axis by an amount drawn per image (+ moves it down): `percent` is a fraction of
 * the image's height, `px` whole pixels; give one of them. With neither, `percent` is `[-0.25, 0.25]` (imgaug's default).
 * @param percent A fraction of the height: a number, a `[min, max]` range or an `iap` parameter.
 * @param px Integer pixels: a number, a `[min, max]` range or an `iap` parameter.
 * @example iaa.TranslateY({ px: [-10, 10] })
 */
export const TranslateY = defineAffineShortcut(
  'TranslateY',
  'percent',
  { percent: axisOption(undefined), px: axisOption(undefined, { integer: true }) },
  ({ percent, px }) =>
    px
      ? { translatePx: axisOf('y', px) }
      : { translatePercent: axisOf('y', percent ?? DEFAULT_PERCENT.parse('TranslateY', 'percent', [-0.25, 0.25])) },
  ({ percent, px }) => {
    if (percent && px)
      throw argumentError('TranslateY', 'px', 'not given together with percent (choose one unit)', 'both');
  },
);
