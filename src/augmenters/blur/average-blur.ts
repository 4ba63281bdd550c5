import type { Image } from '../../core/image.ts';
import { boxFilterF32, boxFilterU8 } from '../../kernels/box-filter.ts';
import { defineAugmenter } from '../base/define.ts';
import { heightWidthOption } from '../base/options.ts';

/** The kernel size drawn for one image, in pixels. */
export interface AverageBlurParams {
  readonly height: number;
  readonly width: number;
}

/** Kernel sides: integers, 0 (imgaug: leaves the image unchanged) up to augkit's limit. */
const kOption = heightWidthOption(
  [1, 7],
  { integer: true, min: 0, max: 999 },
  'The kernel size in pixels: one drawn size for both sides, or a height and a width drawn separately.',
);

/**
 * Blurs each image with the mean over a k × k window (a box filter), k drawn once per image, or over a
 * height × width window drawn side by side.
 *
 * Each output value is the mean of the window centred on it (for an even side, the window reaches one pixel further
 * up or left than down or right), with borders mirrored without repeating the edge pixel (BORDER_REFLECT_101).
 * A 1 × 1 window, or a side of 0, returns an unchanged copy. uint8 images get `cv2.blur`'s bytes exactly, and
 * therefore imgaug's: integer window sums and OpenCV's rounding (fixed-point division for windows of up to 256
 * pixels, a float32 product rounded half to even above). float32 images are averaged in double and not clipped.
 * Channels are blurred independently; any channel count works.
 *
 * Differs from imgaug: imgaug 0.4.0 passes its (height, width) to `cv2.blur`, which reads (width, height), so its
 * kernel is transposed; augkit's `{ height: a, width: b }` is a window a rows high and b columns wide, the result
 * imgaug gives for `k=(b, a)`. Square kernels are the same.
 *
 * @param k The kernel size: an integer in [0, 999], a `[min, max]` range drawn per image (its ends rounded to integers), an `iap`
 *   parameter, or `{ height, width }` of any of these, drawn separately. Default `[1, 7]`.
 * @example iaa.AverageBlur(5)                                // the mean over 5 × 5 pixels
 * @example iaa.AverageBlur([2, 11])                           // 2 × 2 up to 11 × 11, drawn per image
 * @example iaa.AverageBlur({ height: [5, 7], width: [1, 3] }) // tall windows: vertical smearing
 */
export const AverageBlur = defineAugmenter({
  type: 'AverageBlur',
  kind: 'pixel',
  primary: 'k',
  isPrimaryValue: (value) => 'height' in value || 'width' in value,
  options: { k: kOption },
  examples: [{ k: [1, 7] }, { k: { height: [1, 5], width: [2, 6] } }],
  drawParams: ({ k }, random): AverageBlurParams => {
    if ('both' in k) {
      const side = k.both.draw(random.stream('k'));
      return { height: side, width: side };
    }
    return { height: k.height.draw(random.stream('k.height')), width: k.width.draw(random.stream('k.width')) };
  },
  apply: (image, { height, width }, out) => averageBlur(image, height, width, out),
});

function averageBlur(image: Image, kh: number, kw: number, out: Image): void {
  if (kh === 0 || kw === 0 || (kh === 1 && kw === 1)) {
    out.data.set(image.data);
    return;
  }
  if (image.data instanceof Uint8Array) boxFilterU8(image.data, image, kh, kw, out.data as Uint8Array);
  else boxFilterF32(image.data, image, kh, kw, out.data as Float32Array);
}
