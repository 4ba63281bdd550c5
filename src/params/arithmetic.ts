import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import { type NumberOrParam, nested } from './normal.ts';
import { NumericParam, type Param } from './param.ts';

class Clip extends NumericParam {
  readonly spec: { clip: [unknown, number | null, number | null] };
  readonly bounds: readonly [number, number];
  override readonly integer: boolean;
  constructor(
    readonly inner: Param<number>,
    readonly min: number,
    readonly max: number,
  ) {
    super();
    this.spec = {
      clip: [inner.spec, Number.isFinite(min) ? min : null, Number.isFinite(max) ? max : null],
    };
    this.bounds = [Math.max(min, inner.bounds[0]), Math.min(max, inner.bounds[1])];
    this.integer =
      inner.integer &&
      (!Number.isFinite(min) || Number.isInteger(min)) &&
      (!Number.isFinite(max) || Number.isInteger(max));
  }
  draw(rng: RandomStream): number {
    const v = this.inner.draw(rng);
    return v < this.min ? this.min : v > this.max ? this.max : v;
  }
}

/**
 * Clips another parameter's draws to [min, max]; `null` leaves that side open.
 * @example iap.clip(iap.normal(1, 0.5), 0, null) // a non-negative normal
 */
export function clip(param: NumberOrParam, min: number | null, max: number | null): Param<number> {
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  if (typeof lo !== 'number' || Number.isNaN(lo))
    throw argumentError('iap.clip', 'min', 'a number or null', min, 'type');
  if (typeof hi !== 'number' || Number.isNaN(hi))
    throw argumentError('iap.clip', 'max', 'a number or null', max, 'type');
  if (lo > hi) throw argumentError('iap.clip', 'min', 'a number ≤ max', [min, max], 'range', 'min > max');
  return new Clip(nested('iap.clip', 'param', param), lo, hi);
}

type Op = 'add' | 'subtract' | 'multiply' | 'divide';

function intervalOf(op: Op, a: readonly [number, number], b: readonly [number, number]): [number, number] {
  if (op === 'add') return [a[0] + b[0], a[1] + b[1]];
  if (op === 'subtract') return [a[0] - b[1], a[1] - b[0]];
  if (op === 'divide' && b[0] <= 0 && b[1] >= 0) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const f = op === 'multiply' ? (x: number, y: number) => x * y : (x: number, y: number) => x / y;
  const c = [f(a[0], b[0]), f(a[0], b[1]), f(a[1], b[0]), f(a[1], b[1])].map((v) => (Number.isNaN(v) ? 0 : v));
  return [Math.min(...c), Math.max(...c)];
}

class Arithmetic extends NumericParam {
  readonly spec: { [op: string]: [unknown, unknown] };
  readonly bounds: readonly [number, number];
  override readonly integer: boolean;
  constructor(
    readonly op: Op,
    readonly a: Param<number>,
    readonly b: Param<number>,
  ) {
    super();
    this.spec = { [op]: [a.spec, b.spec] };
    this.bounds = intervalOf(op, a.bounds, b.bounds);
    this.integer = op !== 'divide' && a.integer && b.integer;
  }
  draw(rng: RandomStream): number {
    const x = this.a.draw(rng);
    const y = this.b.draw(rng);
    switch (this.op) {
      case 'add':
        return x + y;
      case 'subtract':
        return x - y;
      case 'multiply':
        return x * y;
      default:
        // A zero divisor would give Infinity/NaN: treat it as the smallest non-zero magnitude instead of crashing later.
        return x / (y === 0 ? Number.EPSILON : y);
    }
  }
}

function make(op: Op) {
  return (a: NumberOrParam, b: NumberOrParam): Param<number> =>
    new Arithmetic(op, nested(`iap.${op}`, 'a', a), nested(`iap.${op}`, 'b', b));
}

/** The sum of two parameters' draws. @example iap.add(iap.uniform(0, 1), 2) */
export const add = make('add');
/** The difference of two parameters' draws. @example iap.subtract(iap.normal(0, 1), 1) */
export const subtract = make('subtract');
/** The product of two parameters' draws. @example iap.multiply(iap.choice([-1, 1]), iap.uniform(10, 20)) */
export const multiply = make('multiply');
/** The quotient of two parameters' draws (a zero divisor counts as Number.EPSILON). @example iap.divide(1, iap.uniform(1, 2)) */
export const divide = make('divide');
