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
} from '../../params/sugar.ts';
import type { OptionDef } from './define.ts';

/** A numeric option: constant, `[min, max]` range or parameter (see `numberArg`). */
export function numberOption(
  defaultValue: NumberInput,
  rules: NumberRules = {},
): OptionDef<NumberInput, Param<number>> {
  return { default: defaultValue, parse: (owner, option, value) => numberArg(owner, option, value, rules) };
}

/** A yes/no option drawn per image (imgaug's `per_channel`): boolean, probability or parameter. */
export function probabilityOption(defaultValue: ProbabilityInput): OptionDef<ProbabilityInput, Param<number>> {
  return { default: defaultValue, parse: probabilityArg };
}

/** A named-choice option drawn per image (e.g. `mode`). */
export function enumOption<T extends string>(
  defaultValue: EnumInput<T>,
  allowed: readonly T[],
): OptionDef<EnumInput<T>, Param<T>> {
  return { default: defaultValue, parse: (owner, option, value) => enumArg(owner, option, value, allowed) };
}

/** A plain boolean option (not drawn). */
export function booleanOption(defaultValue: boolean): OptionDef<boolean, boolean> {
  return {
    default: defaultValue,
    parse: (owner, option, value) => {
      if (typeof value !== 'boolean') throw argumentError(owner, option, 'true or false', value, 'type');
      return value;
    },
  };
}

/** An option restricted to a fixed set of numbers (e.g. interpolation `order` 0, 1 or 3), drawn per image. */
export function numberSetOption(
  defaultValue: number | readonly number[] | Param<number>,
  allowed: readonly number[],
): OptionDef<number | readonly number[] | Param<number>, Param<number>> {
  return {
    default: defaultValue,
    parse: (owner, option, value) => {
      const accepted = `one of ${allowed.join(', ')}, a list of them or iap.choice([...])`;
      const check = (v: unknown) => {
        if (typeof v !== 'number' || !allowed.includes(v)) throw argumentError(owner, option, accepted, value);
      };
      if (Array.isArray(value)) {
        // Unlike numeric options, a list here is a set to choose from, as in imgaug (`order=[0, 1]`).
        if (value.length === 0) throw argumentError(owner, option, accepted, value);
        value.forEach(check);
        return choice(value as number[]);
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
      return p;
    },
  };
}
