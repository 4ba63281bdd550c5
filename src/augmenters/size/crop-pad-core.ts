// What imgaug's crop and pad family shares (imgaug/augmenters/size.py): per-side amounts, the pad options, the rule
// that a crop keeps at least one pixel, and the Warp an image's crop, pad and resize back become.
import { cropPadMap, keepOnePixel, projectSides } from '../../augmentables/maps.ts';
import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import { MAX_OUTPUT_SIDE, checkOutputSize } from '../../core/limits.ts';
import { roundHalfEven } from '../../core/round.ts';
import { NEAREST, applyWarp } from '../../geometry/apply.ts';
import type { PadMode, Sides, Warp } from '../../geometry/warp.ts';
import { PAD_MODES } from '../../kernels/pad.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg, rangeText } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, isOptionsObject } from '../base/define.ts';
import { NUMBER_FORMS, discreteOption, enumOption, numberOption } from '../base/options.ts';

export type { Sides } from '../../geometry/warp.ts';

/** An amount for all four sides, or `{ top, right, bottom, left }` (a side left out gets 0). */
export type SidesInput =
  | NumberInput
  | {
      readonly top?: NumberInput;
      readonly right?: NumberInput;
      readonly bottom?: NumberInput;
      readonly left?: NumberInput;
    };

/** A parsed amount: one parameter for every side (`all`), or one per side. */
export type ParsedSides =
  | { readonly all: Param<number> }
  | {
      readonly top: Param<number>;
      readonly right: Param<number>;
      readonly bottom: Param<number>;
      readonly left: Param<number>;
    };

const SIDE_NAMES = ['top', 'right', 'bottom', 'left'] as const;

/**
 * `px` or `percent` of the crop and pad augmenters: a number, `[min, max]` range or iap parameter for all sides, or
 * `{ top, right, bottom, left }` of such; `undefined` when the user gave none (`default` is undefined).
 */
export function sidesOption(
  rules: NumberRules,
  doc: string,
): OptionDef<SidesInput | undefined, ParsedSides | undefined> {
  return {
    default: undefined,
    meta: { type: `${NUMBER_FORMS} | { top, right, bottom, left } of such`, range: rangeText(rules), doc },
    parse(owner, option, value): ParsedSides | undefined {
      if (value === undefined || value === null) return undefined;
      if (!isOptionsObject(value)) return { all: numberArg(owner, option, value, rules) };
      for (const key of Object.keys(value)) {
        if (!(SIDE_NAMES as readonly string[]).includes(key)) {
          throw argumentError(
            owner,
            option,
            'an amount or { top, right, bottom, left } of amounts',
            value,
            'type',
            `unknown key "${key}"`,
          );
        }
      }
      const side = (key: (typeof SIDE_NAMES)[number]) => numberArg(owner, `${option}.${key}`, value[key] ?? 0, rules);
      return { top: side('top'), right: side('right'), bottom: side('bottom'), left: side('left') };
    },
  };
}

/** Pixels per side: integers, as large as an output side may be. */
export function pxRules(min: number): NumberRules {
  return { integer: true, min, max: MAX_OUTPUT_SIDE };
}

/** The pad options every padding augmenter takes. */
export const padOptions = {
  padMode: enumOption<PadMode>(
    'constant',
    PAD_MODES,
    "numpy.pad's mode for the added pixels, or a list to choose from per image.",
  ),
  // imgaug reads pad_cval with handle_discrete_param (allow_floats): int() of a number, DiscreteUniform of a tuple.
  padCval: discreteOption(
    0,
    { truncate: true },
    "The fill value under 'constant' (and the end value under 'linear_ramp'): an integer (a fraction is cut), a " +
      '[min, max] range drawing integers, a list to choose from, or an iap parameter (drawn as it is).',
  ),
};

/** The pad mode and fill value drawn for one image. */
export interface PadDraw {
  readonly mode: PadMode;
  readonly cval: number;
}

export function drawPad(
  options: { readonly padMode: Param<PadMode>; readonly padCval: Param<number> },
  random: RandomSource,
): PadDraw {
  return { mode: options.padMode.draw(random.stream('padMode')), cval: options.padCval.draw(random.stream('padCval')) };
}

/**
 * Draws the four signed amounts (top, right, bottom, left) from one stream in that order: four draws of `all` when
 * `independently`, else one for every side. Percentages become pixels as imgaug rounds them (half to even).
 */
export function drawSides(
  sides: ParsedSides,
  percent: boolean,
  independently: boolean,
  random: RandomSource,
  option: string,
  shape: Shape,
): Sides {
  const rng = random.stream(option);
  let t: number;
  let r: number;
  let b: number;
  let l: number;
  if ('all' in sides) {
    t = sides.all.draw(rng);
    r = independently ? sides.all.draw(rng) : t;
    b = independently ? sides.all.draw(rng) : t;
    l = independently ? sides.all.draw(rng) : t;
  } else {
    t = sides.top.draw(rng);
    r = sides.right.draw(rng);
    b = sides.bottom.draw(rng);
    l = sides.left.draw(rng);
  }
  if (!percent) return { top: t, right: r, bottom: b, left: l };
  const { height: h, width: w } = shape;
  return {
    top: roundHalfEven(h * t),
    right: roundHalfEven(w * r),
    bottom: roundHalfEven(h * b),
    left: roundHalfEven(w * l),
  };
}

/** Splits signed amounts into crops (negative, kept to at least one pixel) and pads (positive). */
export function splitSignedSides(amounts: Sides, shape: Shape): { crop: Sides; pad: Sides } {
  const [top, bottom] = keepOnePixel(shape.height, Math.max(-amounts.top, 0), Math.max(-amounts.bottom, 0));
  const [right, left] = keepOnePixel(shape.width, Math.max(-amounts.right, 0), Math.max(-amounts.left, 0));
  return {
    crop: { top, right, bottom, left },
    pad: {
      top: Math.max(amounts.top, 0),
      right: Math.max(amounts.right, 0),
      bottom: Math.max(amounts.bottom, 0),
      left: Math.max(amounts.left, 0),
    },
  };
}

const anySide = (s: Sides) => s.top !== 0 || s.right !== 0 || s.bottom !== 0 || s.left !== 0;

/**
 * The warp of an image of `shape` cropped by `crop`, then padded by `pad` (with `draw`'s mode and fill value), then
 * with `keepSize` resized back to `shape` the way imgaug does (`imresize_single_image` without an interpolation:
 * the 'auto' resize). Steps that change nothing are left out; an output over augkit's size limit throws the
 * template error naming `option`.
 */
export function cropPadWarp(
  owner: string,
  option: string,
  shape: Shape,
  crop: Sides,
  pad: Sides,
  draw: PadDraw,
  keepSize: boolean,
): Warp {
  const steps: Warp[] = [];
  let { height, width } = shape;
  const { channels } = shape;
  if (anySide(crop)) {
    height -= crop.top + crop.bottom;
    width -= crop.left + crop.right;
    steps.push({ kind: 'crop', sides: crop, output: { height, width, channels } });
  }
  if (anySide(pad)) {
    height += pad.top + pad.bottom;
    width += pad.left + pad.right;
    checkOutputSize(owner, option, height, width);
    steps.push({ kind: 'pad', sides: pad, mode: draw.mode, cval: draw.cval, output: { height, width, channels } });
  }
  if (keepSize && (height !== shape.height || width !== shape.width)) {
    steps.push({ kind: 'resize', interpolation: 'auto', output: shape });
  }
  if (steps.length === 0) return { kind: 'identity', output: shape };
  // imgaug projects the image's amounts onto a map of another size, and keeps the map's own size.
  const forMap = (map: Shape): Warp =>
    cropPadMap(map, projectSides(crop, shape, map, true), projectSides(pad, shape, map, false), keepSize);
  if (steps.length === 1) return { ...steps[0], forMap };
  return { kind: 'chain', steps, output: steps[steps.length - 1].output, forMap };
}

/** What every augmenter of the family hands from its draw to its pixels: one warp. */
export interface CropPadParams {
  readonly warp: Warp;
}

/** The output shape of an image of the family: its warp's. */
export function cropPadOutput<R>(_prepared: R, _shape: Shape, params: CropPadParams): Shape {
  return params.warp.output;
}

/** Moves an image's pixels by its warp (crops, pads, quarter turns and resizes ignore the sampling). */
export function applyCropPad<R>(image: Image, { warp }: CropPadParams, out: Image, _prepared?: R): void {
  applyWarp(image, warp, out, NEAREST);
}

/** The options Crop, Pad and CropAndPad share, parsed. */
export interface CropAndPadParsed {
  readonly px: ParsedSides | undefined;
  readonly percent: ParsedSides | undefined;
  readonly keepSize: boolean;
  readonly sampleIndependently: boolean;
}

/** Throws the template error when both `px` and `percent` are given (imgaug: "Can only pad by pixels or percent"). */
export function validateAmounts(owner: string, { px, percent }: CropAndPadParsed): void {
  if (px !== undefined && percent !== undefined) {
    throw argumentError(owner, 'px', 'left out when percent is given', 'both px and percent', 'type');
  }
}

/**
 * One image's crop and pad: signed amounts drawn from `px` (or `percent`, else `fallback`, a percent range), times
 * `sign` (Crop's amounts are crops), split into crops and pads, with the pad options drawn when something is padded.
 */
export function drawCropAndPad(
  owner: string,
  options: CropAndPadParsed,
  sign: 1 | -1,
  fallback: ParsedSides,
  pad: ((random: RandomSource) => PadDraw) | undefined,
  random: RandomSource,
  shape: Shape,
): CropPadParams {
  const percent = options.px === undefined;
  const sides = options.px ?? options.percent ?? fallback;
  const drawn = drawSides(sides, percent, options.sampleIndependently, random, percent ? 'percent' : 'px', shape);
  const signed =
    sign === 1 ? drawn : { top: -drawn.top, right: -drawn.right, bottom: -drawn.bottom, left: -drawn.left };
  const split = splitSignedSides(signed, shape);
  const padDraw = pad && anySide(split.pad) ? pad(random) : { mode: 'constant' as const, cval: 0 };
  return {
    warp: cropPadWarp(owner, percent ? 'percent' : 'px', shape, split.crop, split.pad, padDraw, options.keepSize),
  };
}
