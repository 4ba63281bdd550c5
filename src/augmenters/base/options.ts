import { argumentError } from '../../core/errors.ts';
import { choice } from '../../params/choice.ts';
import type { Param } from '../../params/param.ts';
import {
  type EnumInput,
  type NumberInput,
  type NumberRules,
  type ProbabilityInput,
  enumArg,
  numberArg,
  probabilityArg,
  rangeText,
  toSpec,
} from '../../params/sugar.ts';
import { type OptionDef, isOptionsObject } from './define.ts';

/** The forms a numeric option takes, for the docs. */
export const NUMBER_FORMS = 'number | [min, max] | iap parameter';

/** A numeric option: constant, `[min, max]` range or parameter (see `numberArg`); `doc` says what it does. */
export function numberOption(
  defaultValue: NumberInput | undefined,
  rules: NumberRules,
  doc: string,
): OptionDef<NumberInput, Param<number>> {
  return {
    default: defaultValue as NumberInput,
    meta: { type: NUMBER_FORMS, range: rangeText(rules), doc },
    parse: (owner, option, value) => numberArg(owner, option, value, rules),
  };
}

/** A yes/no option drawn per image (imgaug's `per_channel`): boolean, probability or parameter. */
export function probabilityOption(
  defaultValue: ProbabilityInput,
  doc: string,
): OptionDef<ProbabilityInput, Param<number>> {
  return {
    default: defaultValue,
    meta: { type: 'boolean | probability | iap parameter', range: 'a probability in [0, 1]', doc },
    parse: probabilityArg,
  };
}

/** A named-choice option drawn per image (e.g. `mode`). */
export function enumOption<T extends string>(
  defaultValue: EnumInput<T>,
  allowed: readonly T[],
  doc: string,
): OptionDef<EnumInput<T>, Param<T>> {
  return {
    default: defaultValue,
    meta: { type: 'name | name[] | iap.choice', range: allowed.map((a) => JSON.stringify(a)).join(', '), doc },
    parse: (owner, option, value) => enumArg(owner, option, value, allowed),
  };
}

/** A plain boolean option (not drawn). */
export function booleanOption(defaultValue: boolean, doc: string): OptionDef<boolean, boolean> {
  return {
    default: defaultValue,
    meta: { type: 'boolean', doc },
    parse: (owner, option, value) => {
      if (typeof value !== 'boolean') throw argumentError(owner, option, 'true or false', value, 'type');
      return value;
    },
  };
}

/**
 * An option restricted to a fixed set of numbers (e.g. interpolation `order` 0, 1 or 3), drawn per image; its type
 * admits only those numbers (`const` keeps `[0, 1, 3]` as the literals 0 | 1 | 3).
 */
export function numberSetOption<const T extends number>(
  defaultValue: T | readonly T[] | Param<T>,
  allowed: readonly T[],
  doc: string,
): OptionDef<T | readonly T[] | Param<T>, Param<T>> {
  return {
    default: defaultValue,
    meta: { type: 'number | number[] | iap.choice', range: allowed.join(', '), doc },
    parse: (owner, option, value) => {
      const accepted = `one of ${allowed.join(', ')}, a list of them or iap.choice([...])`;
      const check = (v: unknown) => {
        if (typeof v !== 'number' || !allowed.includes(v as T)) throw argumentError(owner, option, accepted, value);
      };
      if (Array.isArray(value)) {
        // Unlike numeric options, a list here is a set to choose from, as in imgaug (`order=[0, 1]`).
        if (value.length === 0) throw argumentError(owner, option, accepted, value);
        value.forEach(check);
        return choice(value as T[]);
      }
      if (typeof value === 'number') check(value);
      const p = numberArg(owner, option, value);
      const spec = p.spec as { choice?: unknown[] };
      if (typeof spec === 'number') check(spec);
      else if (spec && typeof spec === 'object' && Array.isArray(spec.choice)) spec.choice.forEach(check);
      else
        throw argumentError(
          owner,
          option,
          accepted,
          value,
          'type',
          'only constants and iap.choice give allowed values',
        );
      return p as Param<T>;
    },
  };
}

/** A numeric option that may be left out (no default): undefined when not given, else parsed as `numberOption`. */
export function optionalNumberOption(
  rules: NumberRules,
  doc: string,
): OptionDef<NumberInput | undefined, Param<number> | undefined> {
  return {
    default: undefined,
    meta: { type: NUMBER_FORMS, range: rangeText(rules), doc },
    parse: (owner, option, value) =>
      value === undefined || value === null ? undefined : numberArg(owner, option, value, rules),
  };
}

/** One name out of a fixed set, fixed per augmenter (not drawn), e.g. the colour space images arrive in. */
export function nameOption<T extends string>(defaultValue: T, allowed: readonly T[], doc: string): OptionDef<T, T> {
  return {
    default: defaultValue,
    meta: { type: 'name', range: allowed.map((a) => JSON.stringify(a)).join(', '), doc },
    parse: (owner, option, value) => {
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        const kind = typeof value === 'string' ? 'range' : 'type';
        throw argumentError(owner, option, `one of ${allowed.join(', ')}`, value, kind);
      }
      return value as T;
    },
  };
}

/**
 * An integer option's value for `numberArg`: the ends of a `[min, max]` range are rounded to the nearest integers
 * (half up), so that any sub-range of a valid range is valid ([1.5, 6.8] draws 2…7, [6.99, 6.999] gives 7). Other
 * forms are returned unchanged.
 */
export function integerRange(value: unknown): unknown {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return value;
  }
  return [Math.round(value[0]), Math.round(value[1])];
}

/** An integer size drawn per image for both sides, or a height and a width drawn apart (imgaug's tuple of two). */
export type HeightWidthInput = NumberInput | { readonly height: NumberInput; readonly width: NumberInput };
/** A parsed `HeightWidthInput`: one parameter for both sides, or one per side. */
export type ParsedHeightWidth =
  | { readonly both: Param<number> }
  | { readonly height: Param<number>; readonly width: Param<number> };

/**
 * An integer option for both sides at once or `{ height, width }` apart (AverageBlur's `k`, CLAHE's
 * `tileGridSizePx`); the ends of ranges are rounded as in `integerRange`. `rules` must say `integer: true`.
 */
export function heightWidthOption(
  defaultValue: HeightWidthInput,
  rules: NumberRules,
  doc: string,
): OptionDef<HeightWidthInput, ParsedHeightWidth> {
  const accepted = `${rangeText(rules)}, a [min, max] range, an iap parameter, or { height, width } of such`;
  const side = (owner: string, option: string, value: unknown) => numberArg(owner, option, integerRange(value), rules);
  return {
    default: defaultValue,
    meta: { type: `${NUMBER_FORMS} | { height, width }`, range: accepted, doc },
    parse(owner, option, value): ParsedHeightWidth {
      if (isOptionsObject(value)) {
        if (Object.keys(value).length !== 2 || !('height' in value) || !('width' in value)) {
          throw argumentError(owner, option, accepted, value, 'type', 'give both height and width, nothing else');
        }
        return {
          height: side(owner, `${option}.height`, value.height),
          width: side(owner, `${option}.width`, value.width),
        };
      }
      return { both: side(owner, option, value) };
    },
    toJSON: (value) =>
      isOptionsObject(value) ? { height: toSpec(value.height), width: toSpec(value.width) } : toSpec(value),
  };
}

/** A plain integer option (not drawn) of at least `min`, e.g. Dropout2d's `nbKeepChannels`. */
export function integerOption(defaultValue: number, min: number, doc: string): OptionDef<number, number> {
  const accepted = `an integer ≥ ${min}`;
  return {
    default: defaultValue,
    meta: { type: 'number', range: accepted, doc },
    parse(owner, option, value) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw argumentError(owner, option, accepted, value, typeof value === 'number' ? 'range' : 'type');
      }
      return value;
    },
  };
}

/** What a {@link discreteOption} accepts: a number, a `[min, max]` range, a list to choose from, or a parameter. */
export type DiscreteInput = NumberInput | readonly number[];

/**
 * An integer option drawn per image, read as imgaug's `handle_discrete_param` reads its argument: a number is a
 * constant; `[min, max]` draws integers uniformly, both ends included (imgaug's tuple: `DiscreteUniform`); a list of
 * any other length is chosen from per image (imgaug's list: `Choice`); a parameter is kept. With `truncate`
 * (imgaug's `allow_floats`), fractions in the first three forms are cut toward zero as imgaug's `int()` cuts them,
 * and a parameter's draws are used as drawn, as imgaug uses them; without it, numbers must be integers and a
 * continuous parameter's draws are rounded, as for every integer option. `min` and `max` bound the values.
 */
export function discreteOption(
  defaultValue: DiscreteInput,
  { truncate, min, max }: { readonly truncate: boolean; readonly min?: number; readonly max?: number },
  doc: string,
): OptionDef<DiscreteInput, Param<number>> {
  const ints: NumberRules = { integer: true, min, max };
  const range = `${rangeText(ints)}, a [min, max] range of such, a list to choose from or an iap parameter`;
  const cut = (v: unknown) => (truncate && typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : v);
  return {
    default: defaultValue,
    meta: { type: `${NUMBER_FORMS} | number[]`, range, doc },
    parse(owner, option, value) {
      if (Array.isArray(value) && value.length !== 2) {
        if (value.length === 0) throw argumentError(owner, option, range, value, 'type', 'the list is empty');
        const values = value.map(cut);
        // Each value is checked as a constant of the option would be.
        values.forEach((v, i) => numberArg(owner, `${option}[${i}]`, v, ints));
        return choice(values as number[]);
      }
      if (Array.isArray(value)) return numberArg(owner, option, value.map(cut), ints);
      if (typeof value === 'number') return numberArg(owner, option, cut(value), ints);
      return numberArg(owner, option, value, truncate ? { min, max } : ints);
    },
  };
}
