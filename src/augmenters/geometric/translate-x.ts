import { argumentError, axisOf, axisOption, defineAffineShortcut } from './single-axis.ts';

const DEFAULT_PERCENT = axisOption([-0.25, 0.25]);

/**
 * Shifts each image along the x axis by an amount drawn per image (+ moves it right): `percent` is a fraction of
 * the image's width, `px` whole pixels; give one of them. With neither, `percent` is `[-0.25, 0.25]` (imgaug's default).
 * @param percent A fraction of the width: a number, a `[min, max]` range or an `iap` parameter.
 * @param px Integer pixels: a number, a `[min, max]` range or an `iap` parameter.
 * @example iaa.TranslateX({ px: [-10, 10] })
 */
export const TranslateX = defineAffineShortcut(
  'TranslateX',
  'percent',
  { percent: axisOption(undefined), px: axisOption(undefined, { integer: true }) },
  ({ percent, px }) =>
    px
      ? { translatePx: axisOf('x', px) }
      : { translatePercent: axisOf('x', percent ?? DEFAULT_PERCENT.parse('TranslateX', 'percent', [-0.25, 0.25])) },
  ({ percent, px }) => {
    if (percent && px)
      throw argumentError('TranslateX', 'px', 'not given together with percent (choose one unit)', 'both');
  },
);
