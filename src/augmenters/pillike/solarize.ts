import { constant } from '../../params/constant.ts';
import { Invert } from '../arithmetic/invert.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';

/**
 * Inverts every value at or above a threshold (v becomes 255 − v) in each image with probability `p`, keeping the
 * values below it: Pillow's `ImageOps.solarize`.
 *
 * imgaug's `iaa.pillike.Solarize`, an `Invert` with `perChannel` off, the dtype's full range and
 * `invertAboveThreshold` always on (the same draws and bytes as `iaa.Invert(p, { threshold, invertAboveThreshold:
 * true })`, but for the threshold rule). uint8 images give Pillow's bytes for any channel count; float32 images are
 * inverted as `Invert` does (negated at or above the threshold).
 *
 * Differs from imgaug: a fractional threshold t inverts the values ≥ t, as Pillow does; imgaug's `Invert` cuts at
 * int(t), so it also inverts int(t) itself (t = 200.5: imgaug inverts 200, Pillow and augkit keep it). A threshold
 * ≤ 0 inverts every value, as in Pillow (imgaug's table slice wraps around and keeps them).
 *
 * @param p The probability of solarizing an image. Default 1.
 * @example iaa.pillike.Solarize()                              // invert the values ≥ 128 of every image
 * @example iaa.pillike.Solarize(0.5, { threshold: [32, 128] }) // half of the images, a threshold per image
 */
export const Solarize = defineAugmenter({
  type: 'pillike.Solarize',
  kind: 'pixel',
  primary: 'p',
  options: {
    p: probabilityOption(1, 'The probability of solarizing an image.'),
    threshold: numberOption(128, { min: -1e38, max: 1e38 }, 'Values at or above it are inverted; drawn per image.'),
  },
  examples: [{ p: 0.5 }, { threshold: [32, 200] }],
  prepare: ({ p, threshold }) => ({
    p,
    perChannel: constant(0),
    min: undefined,
    max: undefined,
    threshold,
    invertAboveThreshold: constant(1),
  }),
  drawParams: Invert.definition.drawParams,
  apply(image, params, out, prepared) {
    // Pillow keeps v < threshold: for integer values that is a cut at ceil(threshold), which Invert's uint8 table
    // takes (it cuts at the integer part); a threshold ≤ 0 inverts every value.
    const { threshold } = params;
    const pil = image.data instanceof Uint8Array && threshold !== undefined;
    Invert.definition.apply(
      image,
      pil ? { ...params, threshold: Math.max(0, Math.ceil(threshold)) } : params,
      out,
      prepared,
    );
  },
});
