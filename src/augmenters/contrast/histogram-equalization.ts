import { equalizeHistogram } from '../../kernels/histogram.ts';
import { defineAugmenter } from '../base/define.ts';
import { applyToIntensity, fromColorspaceOption, toColorspaceOption } from './intensity-channel.ts';

/** Nothing is drawn. */
export type HistogramEqualizationParams = Record<string, never>;

/**
 * Equalises the histogram of each image's lightness, keeping its colours: RGB images are converted to Lab (or HLS,
 * HSV), the L (or V) channel is equalised with `cv2.equalizeHist` and the image is converted back, as imgaug 0.4.0
 * does. A fourth channel (alpha) is kept; 1-channel images are equalised directly, other channel counts channel by
 * channel.
 *
 * The conversions are OpenCV's uint8 `cvtColor` and the equalisation its float32 table, so uint8 images get imgaug's
 * bytes.
 *
 * Differs from imgaug: imgaug accepts uint8 images only; augkit quantises float32 images (0–1 intensities, clipped)
 * to 256 levels, equalises them and scales the result back to 0–1. imgaug warns for channel counts other than 1, 3
 * and 4; augkit equalises their channels one by one without a warning.
 *
 * @param toColorspace The space whose intensity is equalised: 'Lab' (default), 'HLS' or 'HSV'.
 * @param fromColorspace The space of the input images: 'RGB' (default), 'BGR', 'Lab', 'HLS' or 'HSV'.
 * @example iaa.HistogramEqualization()
 * @example iaa.HistogramEqualization({ toColorspace: 'HSV' })
 */
export const HistogramEqualization = defineAugmenter({
  type: 'HistogramEqualization',
  kind: 'pixel',
  options: { toColorspace: toColorspaceOption, fromColorspace: fromColorspaceOption },
  examples: [{}, { toColorspace: 'HSV' }],
  drawParams: (): HistogramEqualizationParams => ({}),
  fixedParams: (): HistogramEqualizationParams => ({}),
  apply: (image, _params, out, { fromColorspace, toColorspace }) =>
    applyToIntensity(image, out, fromColorspace, toColorspace, equalizeHistogram),
});
