import { SpecError, describeValue } from '../core/errors.ts';
import { add, clip, divide, multiply, subtract } from './arithmetic.ts';
import { binomial } from './binomial.ts';
import { choice } from './choice.ts';
import { constant } from './constant.ts';
import { normal, truncatedNormal } from './normal.ts';
import type { Param } from './param.ts';
import { discreteUniform, uniform } from './uniform.ts';

type Builder = (args: unknown, path: string) => Param<unknown>;

function arity(path: string, kind: string, args: unknown, n: number, what: string): unknown[] {
  if (!Array.isArray(args) || args.length !== n) {
    throw new SpecError(path, `{ "${kind}": … } takes ${what}; received ${describeValue(args)}`);
  }
  return args;
}

function num(path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new SpecError(path, `expected a finite number; received ${describeValue(v)}`);
  return v;
}

const nestedNumber = (path: string, v: unknown) =>
  typeof v === 'number' ? v : (paramFromSpec(v, path) as Param<number>);

const builders: Record<string, Builder> = {
  constant: (a, p) => constant(a as number),
  uniform: (a, p) => {
    const [x, y] = arity(p, 'uniform', a, 2, '[a, b]');
    return uniform(num(`${p}[0]`, x), num(`${p}[1]`, y));
  },
  discreteUniform: (a, p) => {
    const [x, y] = arity(p, 'discreteUniform', a, 2, '[a, b] (integers)');
    return discreteUniform(num(`${p}[0]`, x), num(`${p}[1]`, y));
  },
  normal: (a, p) => {
    const [m, s] = arity(p, 'normal', a, 2, '[mean, std]');
    return normal(nestedNumber(`${p}[0]`, m), nestedNumber(`${p}[1]`, s));
  },
  truncatedNormal: (a, p) => {
    const [m, s, lo, hi] = arity(p, 'truncatedNormal', a, 4, '[mean, std, low, high]');
    return truncatedNormal(
      nestedNumber(`${p}[0]`, m),
      nestedNumber(`${p}[1]`, s),
      num(`${p}[2]`, lo),
      num(`${p}[3]`, hi),
    );
  },
  binomial: (a, p) => binomial(num(p, a)),
  clip: (a, p) => {
    const [inner, lo, hi] = arity(p, 'clip', a, 3, '[param, min | null, max | null]');
    return clip(
      nestedNumber(`${p}[0]`, inner),
      lo === null ? null : num(`${p}[1]`, lo),
      hi === null ? null : num(`${p}[2]`, hi),
    );
  },
  add: (a, p) => {
    const [x, y] = arity(p, 'add', a, 2, '[a, b]');
    return add(nestedNumber(`${p}[0]`, x), nestedNumber(`${p}[1]`, y));
  },
  subtract: (a, p) => {
    const [x, y] = arity(p, 'subtract', a, 2, '[a, b]');
    return subtract(nestedNumber(`${p}[0]`, x), nestedNumber(`${p}[1]`, y));
  },
  multiply: (a, p) => {
    const [x, y] = arity(p, 'multiply', a, 2, '[a, b]');
    return multiply(nestedNumber(`${p}[0]`, x), nestedNumber(`${p}[1]`, y));
  },
  divide: (a, p) => {
    const [x, y] = arity(p, 'divide', a, 2, '[a, b]');
    return divide(nestedNumber(`${p}[0]`, x), nestedNumber(`${p}[1]`, y));
  },
};

/** The parameter kinds a JSON spec may name. */
export const paramKinds = Object.keys(builders).concat('choice');

/** True for a JSON object that names a parameter kind (`{ "uniform": [0, 1] }`). */
export function isParamSpec(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length >= 1 && paramKinds.includes(keys[0]);
}

/**
 * Builds a parameter from its JSON form (`{ "uniform": [0, 1] }`, `{ "choice": ["edge", "constant"], "p": [...] }`,
 * `{ "normal": [0, { "uniform": [1, 2] }] }`, or a plain number/string). Errors carry the JSON path.
 */
export function paramFromSpec(spec: unknown, path = ''): Param<unknown> {
  if (typeof spec === 'number' || typeof spec === 'string') return wrap(path, () => constant(spec));
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SpecError(
      path,
      `expected a number, a string or a parameter object such as { "uniform": [0, 1] }; received ${describeValue(spec)}`,
    );
  }
  const entries = Object.entries(spec);
  if ('choice' in spec) {
    const extra = entries.filter(([k]) => k !== 'choice' && k !== 'p');
    if (extra.length) throw new SpecError(`${path}.${extra[0][0]}`, 'unknown key in a choice (allowed: choice, p)');
    const { choice: values, p } = spec as { choice: unknown; p?: unknown };
    return wrap(path, () => choice(values as number[], p as number[] | undefined));
  }
  if (entries.length !== 1) {
    throw new SpecError(
      path,
      `a parameter object has exactly one key, one of ${paramKinds.join(', ')}; received ${describeValue(spec)}`,
    );
  }
  const [kind, args] = entries[0];
  const build = builders[kind];
  if (!build) throw new SpecError(path, `unknown parameter kind "${kind}" (known: ${paramKinds.join(', ')})`);
  return wrap(`${path}.${kind}`, () => build(args, `${path}.${kind}`));
}

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw new SpecError(path, (e as Error).message);
  }
}
