import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { type ResizeInterpolation, resizeImage } from '../../kernels/resize.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, numberArg } from '../../params/sugar.ts';
import { type OptionDef, defineAugmenter, isOptionsObject } from '../base/define.ts';
import { enumOption } from '../base/options.ts';

/** The new size: a fraction of the input for both sides, or `{ height, width }` in pixels (or 'keep'). */
export type SizeInput = NumberInput | { readonly height?: NumberInput | 'keep'; readonly width?: NumberInput | 'keep' };

type ParsedSize =
  | { readonly fraction: Param<number> }
  | { readonly height?: Param<number>; readonly width?: Param<number> };

function sizeOption(defaultValue: SizeInput): OptionDef<SizeInput, ParsedSize> {
  return {
    default: defaultValue,
    parse(owner, option, value): ParsedSize {
      if (isOptionsObject(value)) {
        const out: { height?: Param<number>; width?: Param<number> } = {};
        for (const [key, v] of Object.entries(value)) {
          if (key !== 'height' && key !== 'width') {
            throw argumentError(
              owner,
              option,
              'a fraction, a [min, max] range, an iap parameter or { height, width }',
              value,
              'type',
              `unknown key "${key}"`,
            );
          }
          if (v !== 'keep') out[key] = numberArg(owner, `${option}.${key}`, v, { integer: true, min: 1, max: 65535 });
        }
        return out;
      }
      return { fraction: numberArg(owner, option, value, { min: 0, minExclusive: true, max: 100 }) };
    },
  };
}

/** The output size drawn for one image, and the interpolation. */
interface ResizeParams {
  readonly height: number;
  readonly width: number;
  readonly interpolation: ResizeInterpolation;
}

/**
 * Resizes each image to a size drawn per image (imgaug's `Resize`).
 *
 * `size` is either a fraction of the input's size for both sides (`0.5` halves, `[0.5, 1.5]` draws per image), or
 * `{ height, width }` in pixels, each a number, a range or a parameter, or `'keep'`. Fractions give
 * `max(1, round(fraction · side))` pixels.
 *
 * Interpolation follows OpenCV: 'nearest' is bit-exact with cv2. 'linear' uses OpenCV's fixed-point scheme; about 1%
 * of pixels differ by 1 from cv2 4.6. 'cubic' is Keys' kernel in floating point; about 1.5% of pixels differ by 1.
 * float32 images use float weights and are not clipped.
 *
 * Differs from imgaug: imgaug reads a Python int as pixels and a float as a fraction; JS numbers cannot tell `1` from
 * `1.0`, so a plain number is always a fraction and pixels go in `{ height, width }`.
 *
 * @param size A fraction, a `[min, max]` range of fractions, an `iap` parameter, or `{ height, width }` in pixels.
 * @param interpolation 'nearest', 'linear' or 'cubic' (imgaug's default), or a list to choose from per image.
 * @example iaa.Resize({ height: 128, width: 128 }, { interpolation: 'linear' })
 * @example iaa.Resize([0.5, 1.5])                         // zoom every image by its own factor
 * @example iaa.Resize({ height: 64, width: 'keep' })      // only the height changes
 */
export const Resize = defineAugmenter({
  type: 'Resize',
  kind: 'geometric',
  primary: 'size',
  isPrimaryValue: (value) =>
    Object.keys(value).length > 0 && Object.keys(value).every((k) => k === 'height' || k === 'width'),
  options: {
    size: sizeOption(1),
    interpolation: enumOption<ResizeInterpolation>('cubic', ['nearest', 'linear', 'cubic']),
  },
  drawParams({ size, interpolation }, random, shape): ResizeParams {
    let height = shape.height;
    let width = shape.width;
    if ('fraction' in size) {
      const f = size.fraction.draw(random.stream('size'));
      height = Math.max(1, Math.round(f * shape.height));
      width = Math.max(1, Math.round(f * shape.width));
    } else {
      if (size.height) height = Math.max(1, Math.round(size.height.draw(random.stream('height'))));
      if (size.width) width = Math.max(1, Math.round(size.width.draw(random.stream('width'))));
    }
    return { height, width, interpolation: interpolation.draw(random.stream('interpolation')) };
  },
  outputShape: (_options, shape: Shape, params) => ({
    height: params.height,
    width: params.width,
    channels: shape.channels,
  }),
  apply: (image, params, out) => resizeImage(image, out, params.interpolation),
});
