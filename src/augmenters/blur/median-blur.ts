import { argumentError } from '../../core/errors.ts';
import type { Image } from '../../core/image.ts';
import { medianFilterF32, medianFilterU8 } from '../../kernels/median.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg } from '../../params/sugar.ts';
import { type OptionDef, defineAugmenter } from '../base/define.ts';
import { NUMBER_FORMS, integerRange } from '../base/options.ts';

/** The kernel size drawn for one image (odd; 1 leaves the image unchanged). */
export interface MedianBlurParams {
  readonly k: number;
}

const K: NumberRules = { integer: true, min: 1, max: 255 };
const ACCEPTED = 'an odd integer in [1, 255], a [min, max] range in [1, 255] or an iap parameter';

/** imgaug's rule: a constant k must be odd; drawn even values are made odd when drawn. */
const kOption: OptionDef<NumberInput, Param<number>> = {
  default: [1, 7],
  meta: { type: NUMBER_FORMS, range: ACCEPTED, doc: 'The side of the square window, in pixels (odd).' },
  parse(owner, option, value) {
    if (typeof value === 'number' && Number.isInteger(value) && value % 2 === 0) {
      throw argumentError(owner, option, ACCEPTED, value, 'range', `${value} is even: add or subtract 1`);
    }
    return numberArg(owner, option, integerRange(value), K);
  },
};

/**
 * Replaces each value by the median of the k × k window around it, k drawn once per image: removes specks and
 * salt-and-pepper noise while keeping edges, and at large k flattens regions into patches.
 *
 * Borders repeat the edge pixel (OpenCV's BORDER_REPLICATE, which `cv2.medianBlur` uses). k = 1 returns an
 * unchanged copy; an even k drawn from a parameter is increased by 1, as imgaug does. uint8 images give
 * `cv2.medianBlur`'s bytes, and therefore imgaug's, exactly (a median has no rounding). float32 images take the
 * median of the same window. Channels are filtered independently; any channel count works.
 *
 * Differs from imgaug: OpenCV, and so imgaug, rejects float32 images with k above 5 and uint8 images of 2 or more
 * than 4 channels with k above 5; augkit filters them. imgaug also requires both ends of a range to be odd; augkit
 * takes any range (its even draws become odd either way).
 *
 * @param k An odd integer in [1, 255], a `[min, max]` range (its ends rounded to integers; even draws become the
 *   next odd size), or an `iap` parameter. Default `[1, 7]`.
 * @example iaa.MedianBlur(3)      // removes isolated specks
 * @example iaa.MedianBlur([3, 7]) // 3 × 3, 5 × 5 or 7 × 7 per image (4 and 6 become 5 and 7)
 */
export const MedianBlur = defineAugmenter({
  type: 'MedianBlur',
  kind: 'pixel',
  primary: 'k',
  options: { k: kOption },
  examples: [{ k: [1, 7] }, { k: [3, 5] }],
  drawParams: ({ k }, random): MedianBlurParams => {
    const drawn = k.draw(random.stream('k'));
    return { k: drawn % 2 === 0 ? drawn + 1 : drawn };
  },
  apply: (image, { k }, out) => medianBlur(image, k, out),
});

function medianBlur(image: Image, k: number, out: Image): void {
  if (k <= 1) {
    out.data.set(image.data);
    return;
  }
  if (image.data instanceof Uint8Array) medianFilterU8(image.data, image, k, out.data as Uint8Array);
  else medianFilterF32(image.data, image, k, out.data as Float32Array);
}
