import { argumentError } from '../core/errors.ts';
import type { RandomSource, RandomStream } from '../random/stream.ts';
import type { Param } from './param.ts';

class Constant<T extends number | string> implements Param<T> {
  readonly spec: T;
  readonly bounds: readonly [number, number];
  readonly integer: boolean;
  constructor(readonly value: T) {
    this.spec = value;
    this.bounds = typeof value === 'number' ? [value, value] : [Number.NaN, Number.NaN];
    this.integer = typeof value === 'number' && Number.isInteger(value);
  }
  draw(_rng: RandomStream): T {
    return this.value;
  }
  drawMany(_rng: RandomStream, out: Float32Array | Float64Array): void {
    if (typeof this.value !== 'number')
      throw new TypeError(`iap.constant(${JSON.stringify(this.value)}) is not numeric`);
    out.fill(this.value);
  }
}

/**
 * A parameter that always gives `value` (imgaug's `Deterministic`).
 * @example iap.constant(0.5)
 */
export function constant<T extends number | string>(value: T): Param<T> {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw argumentError('iap.constant', 'value', 'a finite number or a string', value);
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw argumentError('iap.constant', 'value', 'a finite number or a string', value, 'type');
  }
  return new Constant(value);
}

/**
 * Draws `p` from the stream `name` of `random`, or, for a parameter with one possible value (a constant, or a
 * numeric range of zero width), returns it without making the stream (such a draw reads nothing that matters, and
 * every stream has its own address, so skipping one never shifts another's draws).
 */
export function drawNamed<T>(p: Param<T>, random: RandomSource, name: string): T {
  return isFixed(p) ? fixedValue(p) : p.draw(random.stream(name));
}

/** Whether `p` has one possible value (a constant, or a numeric range of zero width): `drawNamed` reads no stream. */
export function isFixed(p: Param<unknown>): boolean {
  if (p instanceof Constant) return true;
  const [lo, hi] = p.bounds;
  return lo === hi && Number.isFinite(lo);
}

/** The one value of a parameter for which {@link isFixed} is true. */
export function fixedValue<T>(p: Param<T>): T {
  return (p instanceof Constant ? p.value : p.bounds[0]) as T;
}
