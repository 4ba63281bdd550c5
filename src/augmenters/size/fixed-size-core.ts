// What the augmenters that pad or crop to a size share (imgaug's PadToFixedSize, CropToFixedSize and the
// multiples, powers, aspect-ratio and square forms built on them): the `position` option, how it splits an amount
// between the two sides of an axis, the draw of one image's warp towards a target size, and the definitions of the
// four forms (PadTo…, CenterPadTo…, CropTo…, CenterCropTo…) from a size rule.
import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { MAX_OUTPUT_SIDE } from '../../core/limits.ts';
import { clip } from '../../params/arithmetic.ts';
import { constant, isFixed } from '../../params/constant.ts';
import { normal } from '../../params/normal.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, numberArg } from '../../params/sugar.ts';
import { uniform } from '../../params/uniform.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, type ParsedOf, isOptionsObject } from '../base/define.ts';
import {
  type CropPadParams,
  type PadDraw,
  type Sides,
  applyCropPad,
  cropPadOutput,
  cropPadWarp,
  drawPad,
  padOptions,
} from './crop-pad-core.ts';

type Horizontal = 'left' | 'center' | 'right';
type Vertical = 'top' | 'center' | 'bottom';
/** Where the kept (or original) part sits: a named place, a random rule, or `{ x, y }` fractions in [0, 1]. */
export type PositionInput =
  | 'uniform'
  | 'normal'
  | 'center'
  | `${Horizontal}-${Vertical}`
  | { readonly x: NumberInput; readonly y: NumberInput };

/** A parsed position: one parameter per axis, each drawing a fraction in [0, 1]. */
export interface Position {
  readonly x: Param<number>;
  readonly y: Param<number>;
}

const PLACES: Record<string, number> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
const ACCEPTED =
  "'uniform', 'normal', 'center', 'left-top' … 'right-bottom' (left|center|right-top|center|bottom) or { x, y } " +
  'fractions in [0, 1] (numbers, ranges or iap parameters)';

/** The centre on both axes: the Center… augmenters' fixed position. */
export const CENTER: Position = { x: constant(0.5), y: constant(0.5) };

/** Parses `position` as imgaug's `_handle_position_parameter` does; anything else throws the template error. */
export function parsePosition(owner: string, option: string, value: unknown): Position {
  if (value === 'uniform') return { x: uniform(0, 1), y: uniform(0, 1) };
  if (value === 'normal') {
    // imgaug: Clip(Normal(0.5, 0.35 / 2), 0, 1) per axis.
    return { x: clip(normal(0.5, 0.175), 0, 1), y: clip(normal(0.5, 0.175), 0, 1) };
  }
  if (value === 'center') return CENTER;
  if (typeof value === 'string') {
    const m = /^(left|center|right)-(top|center|bottom)$/.exec(value);
    if (m) return { x: constant(PLACES[m[1]]), y: constant(PLACES[m[2]]) };
  }
  if (isOptionsObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 2 && 'x' in value && 'y' in value) {
      const rules = { min: 0, max: 1 };
      return { x: numberArg(owner, `${option}.x`, value.x, rules), y: numberArg(owner, `${option}.y`, value.y, rules) };
    }
  }
  throw argumentError(owner, option, ACCEPTED, value, typeof value === 'string' ? 'range' : 'type');
}

/** The `position` option (default 'uniform', as in imgaug). */
export function positionOption(doc: string): OptionDef<PositionInput, Position> {
  return {
    default: 'uniform',
    meta: { type: 'name | { x, y }', range: ACCEPTED, doc },
    parse: parsePosition,
  };
}

/**
 * A per-axis integer that is not drawn (a target side, a multiple, a base): an integer in [min, 65535], or null
 * for "any" (that axis is left as it is).
 */
export function axisIntegerOption(min: number, doc: string): OptionDef<number | null, number | null> {
  const accepted = `an integer in [${min}, ${MAX_OUTPUT_SIDE}] or null`;
  return {
    default: null,
    meta: { type: 'integer | null', range: accepted, doc },
    parse(owner, option, value) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_OUTPUT_SIDE) {
        throw argumentError(owner, option, accepted, value, typeof value === 'number' ? 'range' : 'type');
      }
      return value;
    },
  };
}

/** An aspect ratio (width / height), a number > 0 that is not drawn. */
export function aspectRatioOption(doc: string): OptionDef<number, number> {
  return {
    default: 1,
    meta: { type: 'number', range: 'a number in (0, 65535]', doc },
    parse(owner, option, value) {
      if (typeof value !== 'number' || !(value > 0 && value <= MAX_OUTPUT_SIDE)) {
        throw argumentError(
          owner,
          option,
          'a number in (0, 65535]',
          value,
          typeof value === 'number' ? 'range' : 'type',
        );
      }
      return value;
    },
  };
}

/** The sizes imgaug pads (sign 1) or crops (sign −1) to, from `compute_paddings_to_reach_*` / `compute_croppings_*`. */
export const targets = {
  /** Up to the next multiple of `m` (a size that is one stays). */
  padMultiple: (size: number, m: number | null) => (m === null || size % m === 0 ? size : size + m - (size % m)),
  /** Down to the multiple of `m` below. */
  cropMultiple: (size: number, m: number | null) => (m === null ? size : size - (size % m)),
  /** Up to the next power of `base` (exponent ≥ 1), through imgaug's float logarithms. */
  padPower(size: number, base: number | null): number {
    if (base === null) return size;
    if (size <= base) return base;
    return base ** Math.ceil(Math.log(size) / Math.log(base));
  },
  /** Down to the power of `base` below (sizes under `base` stay), through imgaug's float logarithms. */
  cropPower(size: number, base: number | null): number {
    if (base === null || size < base) return size;
    return base ** Math.trunc(Math.log(size) / Math.log(base));
  },
  /** The padded size reaching `ratio` = width / height: only the short axis grows, by ceil + floor of half. */
  padAspect(shape: Shape, ratio: number): Target {
    const { height: h, width: w } = shape;
    if (w / h < ratio) {
      const diff = ratio * h - w;
      return { height: h, width: w + Math.ceil(diff / 2) + Math.floor(diff / 2) };
    }
    if (w / h > ratio) {
      const diff = (1 / ratio) * w - h;
      return { height: h + Math.floor(diff / 2) + Math.ceil(diff / 2), width: w };
    }
    return { height: h, width: w };
  },
  /** The cropped size reaching `ratio`: only the long axis shrinks (keeping at least one pixel). */
  cropAspect(shape: Shape, ratio: number): Target {
    const { height: h, width: w } = shape;
    if (w / h < ratio) {
      const amount = Math.min(h - w / ratio, h - 1);
      return { height: h - Math.floor(amount / 2) - Math.ceil(amount / 2), width: w };
    }
    if (w / h > ratio) {
      const amount = Math.min(w - h * ratio, w - 1);
      return { height: h, width: w - Math.floor(amount / 2) - Math.ceil(amount / 2) };
    }
    return { height: h, width: w };
  },
};

/** Draws a position: fractions from random parameters are float32, as imgaug's draws are. */
function drawPosition(position: Position, random: RandomSource): [number, number] {
  const rng = random.stream('position');
  const x = position.x.draw(rng);
  const y = position.y.draw(rng);
  return [isFixed(position.x) ? x : Math.fround(x), isFixed(position.y) ? y : Math.fround(y)];
}

/** The part of `total` that goes before (left or top): `int((1 − fraction) · total)`, the rest goes after. */
export function splitAmount(total: number, fraction: number): [number, number] {
  const before = Math.trunc((1 - fraction) * total);
  return [before, total - before];
}

/** A target size; a null side is left as it is. */
export interface Target {
  readonly height: number | null;
  readonly width: number | null;
}

/** One image padded up to `target` (sides already at least as large stay), the amounts split by `position`. */
export function drawPadTo(
  owner: string,
  option: string,
  target: Target,
  position: Position,
  pad: (random: RandomSource) => PadDraw,
  random: RandomSource,
  shape: Shape,
): CropPadParams {
  const [x, y] = drawPosition(position, random);
  const [left, right] =
    target.width !== null && shape.width < target.width ? splitAmount(target.width - shape.width, x) : [0, 0];
  const [top, bottom] =
    target.height !== null && shape.height < target.height ? splitAmount(target.height - shape.height, y) : [0, 0];
  const sides: Sides = { top, right, bottom, left };
  return { warp: cropPadWarp(owner, option, shape, NONE, sides, pad(random), false) };
}

/** One image cropped down to `target` (sides already at most as large stay), the amounts split by `position`. */
export function drawCropTo(
  owner: string,
  option: string,
  target: Target,
  position: Position,
  random: RandomSource,
  shape: Shape,
): CropPadParams {
  const [x, y] = drawPosition(position, random);
  const [left, right] =
    target.width !== null && shape.width > target.width ? splitAmount(shape.width - target.width, x) : [0, 0];
  const [top, bottom] =
    target.height !== null && shape.height > target.height ? splitAmount(shape.height - target.height, y) : [0, 0];
  return { warp: cropPadWarp(owner, option, shape, { top, right, bottom, left }, NONE, NO_PAD, false) };
}

const NONE: Sides = { top: 0, right: 0, bottom: 0, left: 0 };
const NO_PAD: PadDraw = { mode: 'constant', cval: 0 };

type Defs = Record<string, OptionDef<unknown, unknown>>;

/** What one size family (fixed size, multiples, powers, aspect ratio, square) adds to the four forms. */
export interface SizeRule<S extends Defs> {
  readonly options: S;
  /** The option an error about the result's size names. */
  readonly option: string;
  /** The size one image is padded up or cropped down to (a null side stays). */
  target(options: ParsedOf<S>, shape: Shape): Target;
}

/** What each of the four forms names itself: imgaug's type, the contract suite's examples, a positional option. */
interface Naming<K> {
  readonly type: string;
  readonly examples: readonly Record<string, unknown>[];
  readonly primary?: K;
}

type PadParsed = ParsedOf<typeof padOptions>;
const padPosition = positionOption('Where the image sits in the padded result.');
const cropPosition = positionOption('Which part of the image is kept.');

/** PadTo…: pads each image up to the rule's target, the image placed by `position`; `padMode`, `padCval` as Pad's. */
export function padToDefinition<S extends Defs, K extends keyof S & string = never>(
  rule: SizeRule<S>,
  naming: Naming<K>,
) {
  return {
    ...naming,
    kind: 'geometric' as const,
    options: { ...rule.options, ...padOptions, position: padPosition },
    drawParams: (o: ParsedOf<S> & PadParsed & { position: Position }, random: RandomSource, shape: Shape) =>
      drawPadTo(naming.type, rule.option, rule.target(o, shape), o.position, (r) => drawPad(o, r), random, shape),
    outputShape: cropPadOutput,
    apply: applyCropPad,
  };
}

/** CenterPadTo…: PadTo… with the image in the centre (the odd pixel to the right and bottom), no `position`. */
export function centerPadToDefinition<S extends Defs, K extends keyof S & string = never>(
  rule: SizeRule<S>,
  naming: Naming<K>,
) {
  return {
    ...naming,
    kind: 'geometric' as const,
    options: { ...rule.options, ...padOptions },
    drawParams: (o: ParsedOf<S> & PadParsed, random: RandomSource, shape: Shape) =>
      drawPadTo(naming.type, rule.option, rule.target(o, shape), CENTER, (r) => drawPad(o, r), random, shape),
    outputShape: cropPadOutput,
    apply: applyCropPad,
  };
}

/** CropTo…: crops each image down to the rule's target, keeping the part `position` chooses. */
export function cropToDefinition<S extends Defs, K extends keyof S & string = never>(
  rule: SizeRule<S>,
  naming: Naming<K>,
) {
  return {
    ...naming,
    kind: 'geometric' as const,
    options: { ...rule.options, position: cropPosition },
    drawParams: (o: ParsedOf<S> & { position: Position }, random: RandomSource, shape: Shape) =>
      drawCropTo(naming.type, rule.option, rule.target(o, shape), o.position, random, shape),
    outputShape: cropPadOutput,
    apply: applyCropPad,
  };
}

/** CenterCropTo…: CropTo… keeping the centre (the odd pixel off the right and bottom), no `position`. */
export function centerCropToDefinition<S extends Defs, K extends keyof S & string = never>(
  rule: SizeRule<S>,
  naming: Naming<K>,
) {
  return {
    ...naming,
    kind: 'geometric' as const,
    options: { ...rule.options },
    drawParams: (o: ParsedOf<S>, random: RandomSource, shape: Shape) =>
      drawCropTo(naming.type, rule.option, rule.target(o, shape), CENTER, random, shape),
    outputShape: cropPadOutput,
    apply: applyCropPad,
  };
}

/** The per-axis option pair of a size family (fixed size, multiples, powers). */
type AxisOptions<W extends string, H extends string> = Record<W | H, OptionDef<number | null, number | null>>;

/**
 * The rule of a family with one integer per axis, `names` = [width's, height's] (fixed size, multiples, powers):
 * `toSize(side, value)` is the side one image is brought to; a null value leaves the side as it is.
 */
export function axesRule<W extends string, H extends string>(
  names: readonly [W, H],
  min: number,
  docs: readonly [string, string],
  toSize: (side: number, value: number | null) => number | null,
): SizeRule<AxisOptions<W, H>> {
  const [w, h] = names;
  return {
    options: { [w]: axisIntegerOption(min, docs[0]), [h]: axisIntegerOption(min, docs[1]) } as AxisOptions<W, H>,
    option: w,
    target: (options, shape) => {
      const o = options as Record<W | H, number | null>;
      return { width: toSize(shape.width, o[w]), height: toSize(shape.height, o[h]) };
    },
  };
}

/** The multiples family's options: names and docs, the same for padding and cropping. */
export const MULTIPLES = {
  names: ['widthMultiple', 'heightMultiple'],
  docs: ['Widths become multiples of this (null: any width).', 'Heights become multiples of this (null: any height).'],
} as const;

/** The powers family's options: names and docs, the same for padding and cropping. */
export const POWERS = {
  names: ['widthBase', 'heightBase'],
  docs: ['Widths become powers of this (null: any width).', 'Heights become powers of this (null: any height).'],
} as const;

/** The aspect-ratio family's rule: `toRatio` pads (or crops) one image to width / height = `aspectRatio`. */
export function aspectRatioRule(toRatio: (shape: Shape, ratio: number) => Target) {
  return {
    options: { aspectRatio: aspectRatioOption('The width / height to reach.') },
    option: 'aspectRatio',
    target: ({ aspectRatio }: { readonly aspectRatio: number }, shape: Shape) => toRatio(shape, aspectRatio),
  };
}

/** The square family's rule (no options of its own): the aspect-ratio target at 1. */
export function squareRule(toRatio: (shape: Shape, ratio: number) => Target): SizeRule<Record<never, never>> {
  return { options: {}, option: 'position', target: (_options, shape) => toRatio(shape, 1) };
}
