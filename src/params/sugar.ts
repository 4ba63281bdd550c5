import { argumentError } from '../core/errors.ts';
import { clip } from './arithmetic.ts';
import { binomial } from './binomial.ts';
import { choice } from './choice.ts';
import { constant } from './constant.ts';
import { type Param, isParam } from './param.ts';
import { discreteUniform, uniform } from './uniform.ts';

/** What a numeric option accepts: a constant, a `[min, max]` range sampled per image, or a parameter. */
export type NumberInput = number | readonly [number, number] | Param<number>;
/** What a yes/no option accepts: a boolean, a probability of "yes", or a parameter (a draw > 0.5 means yes). */
export type ProbabilityInput = boolean | number | Param<number>;
/** What a named-choice option accepts: one name, a list to choose from uniformly, or a parameter. */
export type EnumInput<T extends string> = T | readonly T[] | Param<T>;

export interface NumberRules {
  /** Integer option: ranges sample integers and constants must be integers. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is not allowed (e.g. scale > 0). */
  readonly minExclusive?: boolean;
}

/** The values a numeric option accepts, in words: "a number in [0, 1]". */
export function rangeText(rules: NumberRules): string {
  const lo = rules.min;
  const hi = rules.max;
  const kind = rules.integer ? 'an integer' : 'a number';
  if (lo !== undefined && hi !== undefined) return `${kind} in ${rules.minExclusive ? '(' : '['}${lo}, ${hi}]`;
  if (lo !== undefined) return `${kind} ${rules.minExclusive ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return `${kind} ≤ ${hi}`;
  return rules.integer ? 'an integer' : 'a finite number';
}

function inRange(v: number, rules: NumberRules): boolean {
  if (!Number.isFinite(v)) return false;
  if (rules.integer && !Number.isInteger(v)) return false;
  if (rules.min !== undefined && (rules.minExclusive ? v <= rules.min : v < rules.min)) return false;
  if (rules.max !== undefined && v > rules.max) return false;
  return true;
}

/**
 * Turns a numeric option into a parameter: a number becomes a constant, `[min, max]` a uniform range
 * (integers for integer options). A parameter must keep to the option's range: one whose bounds are finite
 * (`iap.uniform`, `iap.choice`, `iap.clip`, …) and leave the range is rejected, since its draws would be clipped
 * into a different distribution than the one asked for; one with an infinite bound (`iap.normal`, a quotient whose
 * divisor may be 0) is accepted and its draws are clipped to the range. Throws the template error naming `owner`
 * and `option` for anything else.
 */
export function numberArg(owner: string, option: string, value: unknown, rules: NumberRules = {}): Param<number> {
  const each = rangeText(rules);
  const accepted = `${each}, a [min, max] range of such or an iap parameter`;
  if (typeof value === 'number') {
    if (!inRange(value, rules)) throw argumentError(owner, option, accepted, value);
    return constant(value);
  }
  if (Array.isArray(value)) {
    if (value.length !== 2 || value.some((v) => typeof v !== 'number')) {
      throw argumentError(owner, option, accepted, value, 'type', 'a range is two numbers');
    }
    const [a, b] = value as [number, number];
    if (!inRange(a, rules) || !inRange(b, rules)) throw argumentError(owner, option, accepted, value);
    if (a > b) throw argumentError(owner, option, accepted, value, 'range', 'min > max');
    return rules.integer ? discreteUniform(a, b) : uniform(a, b);
  }
  if (isParam(value)) {
    const p = value as Param<number>;
    const [pMin, pMax] = p.bounds;
    if (Number.isNaN(pMin)) throw argumentError(owner, option, accepted, value, 'type', 'not numeric');
    const lo = rules.min ?? Number.NEGATIVE_INFINITY;
    const hi = rules.max ?? Number.POSITIVE_INFINITY;
    const below = rules.minExclusive ? pMin <= lo : pMin < lo;
    const leaves = below || pMax > hi;
    if (leaves && Number.isFinite(pMin) && Number.isFinite(pMax)) {
      throw argumentError(owner, option, accepted, value, 'range', `its values lie in [${pMin}, ${pMax}]`);
    }
    if (pMin > hi || pMax < lo) {
      throw argumentError(owner, option, accepted, value, 'range', `its values lie in [${pMin}, ${pMax}]`);
    }
    // An unbounded parameter: its draws are clipped into the range (an exclusive minimum to the next double up).
    const floor = rules.minExclusive && Number.isFinite(lo) ? nextUp(lo) : lo;
    const clipped = leaves ? clip(p, Number.isFinite(floor) ? floor : null, Number.isFinite(hi) ? hi : null) : p;
    return rules.integer && !clipped.integer ? roundParam(clipped, rules) : clipped;
  }
  throw argumentError(owner, option, accepted, value, 'type');
}

/** The smallest double above `x` (for x ≥ 0, which is every exclusive minimum here). */
function nextUp(x: number): number {
  return x === 0 ? Number.MIN_VALUE : x + Math.abs(x) * Number.EPSILON;
}

/**
 * Rounds a parameter's draws (half away from zero), for integer options given a continuous parameter; a draw that
 * rounds past the option's range is moved back into it.
 */
function roundParam(p: Param<number>, rules: NumberRules): Param<number> {
  const lo = rules.min === undefined ? Number.NEGATIVE_INFINITY : Math.ceil(rules.min);
  const hi = rules.max === undefined ? Number.POSITIVE_INFINITY : Math.floor(rules.max);
  const round = (v: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  return {
    spec: p.spec,
    bounds: [round(p.bounds[0]), round(p.bounds[1])],
    integer: true,
    draw: (rng) => round(p.draw(rng)),
    drawMany(rng, out) {
      for (let i = 0; i < out.length; i++) out[i] = round(p.draw(rng));
    },
  };
}

/**
 * Turns a yes/no option (imgaug's `per_channel`) into a parameter whose draw > 0.5 means yes:
 * `true`/`false` are constants, a number in [0, 1] is the probability of yes, a parameter is kept (one with finite
 * bounds outside [0, 1] is rejected, as by `numberArg`).
 */
export function probabilityArg(owner: string, option: string, value: unknown): Param<number> {
  const accepted = 'a boolean, a probability in [0, 1] or an iap parameter';
  if (typeof value === 'boolean') return constant(value ? 1 : 0);
  if (typeof value === 'number') {
    if (!(value >= 0 && value <= 1)) throw argumentError(owner, option, accepted, value);
    return value === 0 || value === 1 ? constant(value) : binomial(value);
  }
  if (isParam(value) && !Number.isNaN((value as Param).bounds[0])) {
    // The same rule as numberArg's: finite bounds must lie in [0, 1]; an unbounded parameter's draw > 0.5 is yes.
    const [lo, hi] = (value as Param).bounds;
    if (Number.isFinite(lo) && Number.isFinite(hi) && (lo < 0 || hi > 1)) {
      throw argumentError(owner, option, accepted, value, 'range', `its values lie in [${lo}, ${hi}]`);
    }
    return value as Param<number>;
  }
  throw argumentError(owner, option, accepted, value, 'type');
}

/**
 * Turns a named-choice option (e.g. `mode`) into a parameter of names: one name, a list (chosen uniformly per
 * image), or a parameter such as `iap.choice([...])` whose values must all be allowed names.
 */
export function enumArg<T extends string>(
  owner: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
): Param<T> {
  const accepted = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, a list of them or iap.choice([...])`;
  const check = (v: unknown) => {
    if (typeof v !== 'string' || !allowed.includes(v as T)) throw argumentError(owner, option, accepted, value);
  };
  if (typeof value === 'string') {
    check(value);
    return constant(value as T);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw argumentError(owner, option, accepted, value);
    value.forEach(check);
    return choice(value as T[]);
  }
  if (isParam(value)) {
    const spec = (value as Param).spec as { choice?: unknown[] };
    if (typeof spec === 'string') check(spec);
    else if (spec && typeof spec === 'object' && Array.isArray(spec.choice)) spec.choice.forEach(check);
    else throw argumentError(owner, option, accepted, value, 'type', 'only constants and iap.choice give names');
    return value as Param<T>;
  }
  throw argumentError(owner, option, accepted, value, 'type');
}

/** The JSON form of an option value as the user gave it: numbers and ranges as they are, parameters by spec. */
export function toSpec(value: unknown): unknown {
  if (isParam(value)) return value.spec;
  if (Array.isArray(value)) return value.map(toSpec);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toSpec(v);
    return out;
  }
  return value;
}
