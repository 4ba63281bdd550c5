// Resize's `size` option: imgaug's forms (Resize._handle_size_arg) parsed once, and the output size of one image
// computed from the draws as imgaug's Resize._compute_height_width does.
import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { MAX_OUTPUT_SIDE, checkOutputSize } from '../../core/limits.ts';
import { roundHalfEven } from '../../core/round.ts';
import type { Param } from '../../params/param.ts';
import { isParam } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, isOptionsObject } from '../base/define.ts';

/** One side's size: pixels, a fraction of that side, `{ fraction }`, 'keep', or 'keep-aspect-ratio'. */
export type SideInput = NumberInput | 'keep' | 'keep-aspect-ratio' | { readonly fraction: NumberInput };

/**
 * The new size: pixels (an integer, or a range of integers) or a fraction of the input (any other number or range)
 * for both sides, `{ fraction }` for a fraction that is a whole number, `{ height, width }` or
 * `{ shorterSide, longerSide }` per side, or 'keep'.
 */
export type SizeInput =
  | NumberInput
  | 'keep'
  | { readonly fraction: NumberInput }
  | { readonly height?: SideInput; readonly width?: SideInput }
  | { readonly shorterSide?: SideInput; readonly longerSide?: SideInput };

type ParsedSide =
  | { readonly fraction: Param<number> }
  | { readonly pixels: Param<number> }
  | { readonly keep: 'keep' | 'keep-aspect-ratio' };

/** Both sides from one draw (`both`), or two sides drawn apart in imgaug's height/width or shorter/longer order. */
export type ParsedSize =
  | { readonly both: ParsedSide }
  | { readonly order: 'height-width' | 'shorter-longer'; readonly first: ParsedSide; readonly second: ParsedSide };

const FRACTION: NumberRules = { min: 0, minExclusive: true, max: 100 };
const PIXELS: NumberRules = { integer: true, min: 1, max: MAX_OUTPUT_SIDE };
const ACCEPTED =
  'pixels (an integer in [1, 65535]), a fraction in (0, 100], a [min, max] range or iap parameter of either, ' +
  "{ fraction }, { height, width }, { shorterSide, longerSide } or 'keep'";
const SIDE_ACCEPTED =
  "pixels (an integer in [1, 65535]), a fraction in (0, 100], a [min, max] range or iap parameter of either, { fraction }, 'keep' or 'keep-aspect-ratio'";
const KEEP: ParsedSide = { keep: 'keep' };

/** `numberArg` whose errors list every form the option takes, not only the one tried. */
function sizeArg(owner: string, option: string, value: unknown, rules: NumberRules, accepted: string): Param<number> {
  try {
    return numberArg(owner, option, value, rules);
  } catch (e) {
    const why = /\(([^()]*)\)$/.exec((e as Error).message)?.[1];
    throw argumentError(owner, option, accepted, value, e instanceof TypeError ? 'type' : 'range', why);
  }
}

/** True when `value` says pixels by imgaug's rule: an integer, a range of two integers, or integer draws. */
function isPixels(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => Number.isInteger(v));
  return isParam(value) && (value as Param<number>).integer;
}

/** A number, range, parameter or `{ fraction }`: pixels or a fraction. */
function amount(owner: string, option: string, value: unknown, accepted: string): ParsedSide {
  if (isOptionsObject(value) && 'fraction' in value) {
    if (Object.keys(value).length > 1) {
      throw argumentError(owner, option, accepted, value, 'type', '{ fraction } takes no other key');
    }
    return { fraction: numberArg(owner, `${option}.fraction`, value.fraction, FRACTION) };
  }
  if (isPixels(value)) return { pixels: sizeArg(owner, option, value, PIXELS, accepted) };
  return { fraction: sizeArg(owner, option, value, FRACTION, accepted) };
}

function side(owner: string, option: string, value: unknown): ParsedSide {
  if (value === 'keep' || value === 'keep-aspect-ratio') return { keep: value };
  return amount(owner, option, value, SIDE_ACCEPTED);
}

const PAIRS = [
  ['height', 'width', 'height-width'],
  ['shorterSide', 'longerSide', 'shorter-longer'],
] as const;

function parseSize(owner: string, option: string, value: unknown): ParsedSize {
  if (value === 'keep') return { both: KEEP };
  if (!isOptionsObject(value) || 'fraction' in value) {
    const both = amount(owner, option, value, ACCEPTED);
    if ('pixels' in both) checkOutputSize(owner, option, both.pixels.bounds[0], both.pixels.bounds[0]);
    return { both };
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { both: KEEP };
  const pair = PAIRS.find(([a, b]) => keys.includes(a) || keys.includes(b)) ?? PAIRS[0];
  for (const key of keys) {
    if (key !== pair[0] && key !== pair[1]) {
      const why = PAIRS.some((p) => p.includes(key as never))
        ? `${key} does not go with ${keys.find((k) => k !== key)}`
        : `unknown key "${key}"`;
      throw argumentError(owner, option, ACCEPTED, value, 'type', why);
    }
  }
  const first = side(owner, `${option}.${pair[0]}`, value[pair[0]] ?? 'keep');
  const second = side(owner, `${option}.${pair[1]}`, value[pair[1]] ?? 'keep');
  if ('keep' in first && 'keep' in second && first.keep === 'keep-aspect-ratio' && second.keep === first.keep) {
    throw argumentError(owner, option, ACCEPTED, value, 'range', "at most one side may be 'keep-aspect-ratio'");
  }
  // Sides fixed in pixels already tell whether every image's output would be over the limit.
  if ('pixels' in first && 'pixels' in second) {
    checkOutputSize(owner, option, first.pixels.bounds[0], second.pixels.bounds[0]);
  }
  return { order: pair[2], first, second };
}

/** The `size` option of Resize. */
export function sizeOption(defaultValue: SizeInput): OptionDef<SizeInput, ParsedSize> {
  return {
    default: defaultValue,
    meta: {
      type: "number | [min, max] | iap parameter | { fraction } | { height, width } | { shorterSide, longerSide } | 'keep'",
      range: ACCEPTED,
      doc: "The new size: pixels (integers) or a fraction of the input (other numbers) for both sides, or per side, where a side may also be 'keep' or 'keep-aspect-ratio'.",
    },
    parse: parseSize,
  };
}

type Drawn = number | 'keep' | 'keep-aspect-ratio';

/** A side's draw: pixels, or a fraction of `length` rounded as imgaug does (at least 1), or a keep word. */
function drawSide(s: ParsedSide, random: RandomSource, stream: string, length: number): Drawn {
  if ('keep' in s) return s.keep;
  if ('pixels' in s) return Math.max(1, Math.round(s.pixels.draw(random.stream(stream))));
  return Math.max(1, roundHalfEven(length * s.fraction.draw(random.stream(stream))));
}

/**
 * One image's output height and width (imgaug's `_compute_height_width`): shorter/longer sides go to height/width by
 * the image's orientation (the shorter side is the width when the image is square), 'keep' keeps the side, and
 * 'keep-aspect-ratio' is `round(other · ratio)` after the other side is known (at least 1 pixel).
 */
export function drawSize(size: ParsedSize, random: RandomSource, shape: Shape): [number, number] {
  const { height: imh, width: imw } = shape;
  if ('both' in size) {
    const s = size.both;
    if ('keep' in s) return [imh, imw];
    if ('pixels' in s) {
      const px = s.pixels.draw(random.stream('size'));
      return [px, px];
    }
    const f = s.fraction.draw(random.stream('size'));
    return [Math.max(1, roundHalfEven(f * imh)), Math.max(1, roundHalfEven(f * imw))];
  }
  let hs: ParsedSide;
  let ws: ParsedSide;
  let hStream: string;
  let wStream: string;
  if (size.order === 'height-width') {
    [hs, ws, hStream, wStream] = [size.first, size.second, 'height', 'width'];
  } else if (imh < imw) {
    [hs, ws, hStream, wStream] = [size.first, size.second, 'shorterSide', 'longerSide'];
  } else {
    [hs, ws, hStream, wStream] = [size.second, size.first, 'longerSide', 'shorterSide'];
  }
  let h = drawSide(hs, random, hStream, imh);
  let w = drawSide(ws, random, wStream, imw);
  if (h === 'keep') h = imh;
  if (w === 'keep') w = imw;
  if (h === 'keep-aspect-ratio') h = Math.max(1, roundHalfEven((w as number) * (imh / imw)));
  if (w === 'keep-aspect-ratio') w = Math.max(1, roundHalfEven(h * (imw / imh)));
  return [h, w as number];
}
