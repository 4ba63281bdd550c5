import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { MAX_OUTPUT_SIDE, checkOutputSize } from '../../core/limits.ts';
import { NEAREST, applyWarp } from '../../geometry/apply.ts';
import type { Warp } from '../../geometry/warp.ts';
import type { ResizeInterpolation } from '../../kernels/resize.ts';
import type { Param } from '../../params/param.ts';
import { isParam } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg } from '../../params/sugar.ts';
import { type OptionDef, defineAugmenter, isOptionsObject } from '../base/define.ts';
import { enumOption } from '../base/options.ts';

/**
 * The new size: pixels (an integer, or a range of integers) or a fraction of the input (any other number or range)
 * for both sides, `{ fraction }` for a fraction that is a whole number, `{ height, width }` per side in pixels, or
 * 'keep'.
 */
export type SizeInput =
  | NumberInput
  | 'keep'
  | { readonly fraction: NumberInput }
  | { readonly height?: NumberInput | 'keep'; readonly width?: NumberInput | 'keep' };

type ParsedSize =
  | { readonly fraction: Param<number> }
  | { readonly pixels: Param<number> }
  | { readonly height?: Param<number>; readonly width?: Param<number> };

const FRACTION: NumberRules = { min: 0, minExclusive: true, max: 100 };
const PIXELS: NumberRules = { integer: true, min: 1, max: MAX_OUTPUT_SIDE };
const ACCEPTED =
  'pixels (an integer in [1, 65535]), a fraction in (0, 100], a [min, max] range or iap parameter of either, ' +
  "{ fraction }, { height, width } or 'keep'";

/** `numberArg` for the whole `size`, whose errors list every form `size` takes, not only the one tried. */
function sizeArg(owner: string, option: string, value: unknown, rules: NumberRules): Param<number> {
  try {
    return numberArg(owner, option, value, rules);
  } catch (e) {
    const why = /\(([^()]*)\)$/.exec((e as Error).message)?.[1];
    throw argumentError(owner, option, ACCEPTED, value, e instanceof TypeError ? 'type' : 'range', why);
  }
}

/** True when `value` says pixels by imgaug's rule: an integer, a range of two integers, or integer draws. */
function isPixels(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => Number.isInteger(v));
  return isParam(value) && (value as Param<number>).integer;
}

function sizeOption(defaultValue: SizeInput): OptionDef<SizeInput, ParsedSize> {
  return {
    default: defaultValue,
    meta: {
      type: "number | [min, max] | iap parameter | { fraction } | { height, width } | 'keep'",
      range: ACCEPTED,
      doc: 'The new size: pixels (integers) or a fraction of the input (other numbers) for both sides, or per side.',
    },
    parse(owner, option, value): ParsedSize {
      if (value === 'keep') return {};
      if (isOptionsObject(value)) {
        if ('fraction' in value) {
          if (Object.keys(value).length > 1) {
            throw argumentError(owner, option, ACCEPTED, value, 'type', '{ fraction } takes no other key');
          }
          return { fraction: numberArg(owner, `${option}.fraction`, value.fraction, FRACTION) };
        }
        const out: { height?: Param<number>; width?: Param<number> } = {};
        for (const [key, v] of Object.entries(value)) {
          if (key !== 'height' && key !== 'width') {
            throw argumentError(owner, option, ACCEPTED, value, 'type', `unknown key "${key}"`);
          }
          if (v !== 'keep') out[key] = numberArg(owner, `${option}.${key}`, v, PIXELS);
        }
        // Sides that are fixed already tell whether every image's output would be over the limit.
        if (out.height && out.width) checkOutputSize(owner, option, out.height.bounds[0], out.width.bounds[0]);
        return out;
      }
      if (isPixels(value)) {
        const pixels = sizeArg(owner, option, value, PIXELS);
        checkOutputSize(owner, option, pixels.bounds[0], pixels.bounds[0]);
        return { pixels };
      }
      return { fraction: sizeArg(owner, option, value, FRACTION) };
    },
  };
}

/** The output size drawn for one image, and the interpolation. */
/** An image's resize: to the drawn size, with the drawn interpolation. */
export interface ResizeParams {
  readonly warp: Extract<Warp, { kind: 'resize' }>;
}

/**
 * Resizes each image to a size drawn per image (imgaug's `Resize`).
 *
 * `size` follows imgaug's rule: an integer is pixels and any other number a fraction of the input, for both sides
 * (`64` gives 64 × 64, `0.5` halves); a `[min, max]` range of two integers draws pixels per image, any other range a
 * fraction (`[32, 64]` gives 32–64 pixels, `[0.5, 1.5]` zooms by 0.5–1.5); an `iap` parameter is pixels when all its
 * draws are integers (`iap.discreteUniform`, `iap.choice([32, 64])`), else a fraction. A fraction that is a whole
 * number goes in `{ fraction }` (`{ fraction: 2 }` doubles, `{ fraction: [1, 2] }` zooms by 1–2). `{ height, width }`
 * gives each side in pixels (a number, a range or a parameter, or 'keep'); 'keep' (the default) changes nothing.
 * Fractions give `max(1, round(fraction · side))` pixels and lie in (0, 100]; pixel sides lie in [1, 65535].
 * An output over augkit's limit of 8192 × 8192 pixels per image throws before anything is allocated: at
 * construction when every draw would exceed it, else for the image whose drawn size does.
 *
 * Interpolation follows OpenCV: 'nearest' is bit-exact with cv2. 'linear' uses OpenCV's fixed-point scheme; about 1%
 * of pixels differ by 1 from cv2 4.6. 'cubic' is Keys' kernel in floating point; about 1.5% of pixels differ by 1.
 * float32 images use float weights and are not clipped.
 *
 * Differs from imgaug: JavaScript and JSON cannot tell `2` from `2.0`, so a whole number is always pixels, as a
 * Python int is; imgaug's `2.0` and `(1.0, 2.0)` are written `{ fraction: 2 }` and `{ fraction: [1, 2] }` here.
 * imgaug's `{ height, width }` also takes fractions and 'keep-aspect-ratio'; augkit's takes pixels and 'keep'.
 *
 * @param size Pixels, a fraction, a range or `iap` parameter of either, `{ fraction }`, `{ height, width }` in
 *   pixels, or 'keep'.
 * @param interpolation 'nearest', 'linear' or 'cubic' (imgaug's default), or a list to choose from per image.
 * @example iaa.Resize({ height: 128, width: 128 }, { interpolation: 'linear' })
 * @example iaa.Resize([0.5, 1.5])                         // zoom every image by its own factor
 * @example iaa.Resize({ height: 64, width: 'keep' })      // only the height changes
 * @example iaa.Resize(64)                                 // 64 × 64 pixels, as in imgaug
 * @example iaa.Resize({ fraction: 2 })                    // twice the size
 */
export const Resize = defineAugmenter({
  type: 'Resize',
  kind: 'geometric',
  primary: 'size',
  isPrimaryValue: (value) =>
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k === 'height' || k === 'width' || k === 'fraction'),
  options: {
    size: sizeOption('keep'),
    interpolation: enumOption<ResizeInterpolation>(
      'cubic',
      ['nearest', 'linear', 'cubic'],
      "The interpolation (OpenCV's), or a list to choose from per image.",
    ),
  },
  examples: [
    { size: [0.5, 1.5], interpolation: ['nearest', 'linear', 'cubic'] },
    { size: { height: [3, 9], width: 'keep' } },
  ],
  drawParams({ size, interpolation }, random, shape): ResizeParams {
    let height = shape.height;
    let width = shape.width;
    if ('fraction' in size) {
      const f = size.fraction.draw(random.stream('size'));
      height = Math.max(1, Math.round(f * shape.height));
      width = Math.max(1, Math.round(f * shape.width));
    } else if ('pixels' in size) {
      height = size.pixels.draw(random.stream('size'));
      width = height;
    } else {
      if (size.height) height = Math.max(1, Math.round(size.height.draw(random.stream('height'))));
      if (size.width) width = Math.max(1, Math.round(size.width.draw(random.stream('width'))));
    }
    checkOutputSize('Resize', 'size', height, width);
    const output = { height, width, channels: shape.channels };
    return { warp: { kind: 'resize', interpolation: interpolation.draw(random.stream('interpolation')), output } };
  },
  outputShape: (_options, _shape, params) => params.warp.output,
  apply: (image, { warp }, out) => applyWarp(image, warp, out, NEAREST),
});
