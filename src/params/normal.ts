import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import { constant } from './constant.ts';
import { NumericParam, type Param, isParam } from './param.ts';

/** A number or a numeric parameter, as the arguments of nested parameters accept. */
export type NumberOrParam = number | Param<number>;

/** Turns a nested argument into a parameter; `owner`/`name` go into the error message. */
export function nested(owner: string, name: string, value: unknown, min = Number.NEGATIVE_INFINITY): Param<number> {
  if (isParam(value)) {
    // A parameter of names (`iap.choice(['a', 'b'])`, a string constant) would turn sums into strings.
    if (Number.isNaN(value.bounds[0])) {
      throw argumentError(owner, name, 'a finite number or a numeric iap parameter', value, 'type');
    }
    return value as Param<number>;
  }
  if (typeof value !== 'number') throw argumentError(owner, name, 'a finite number or an iap parameter', value, 'type');
  if (!Number.isFinite(value) || value < min) {
    throw argumentError(
      owner,
      name,
      min > Number.NEGATIVE_INFINITY ? `a finite number ≥ ${min}` : 'a finite number',
      value,
    );
  }
  return constant(value);
}

class Normal extends NumericParam {
  readonly spec: { normal: [unknown, unknown] };
  readonly bounds: readonly [number, number];
  constructor(
    readonly mean: Param<number>,
    readonly std: Param<number>,
  ) {
    super();
    this.spec = { normal: [mean.spec, std.spec] };
    const fixed = mean.bounds[0] === mean.bounds[1] && std.bounds[1] === 0;
    this.bounds = fixed ? [mean.bounds[0], mean.bounds[0]] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }
  draw(rng: RandomStream): number {
    const m = this.mean.draw(rng);
    const s = Math.max(0, this.std.draw(rng));
    return m + s * rng.normal();
  }
}

/**
 * A normal (Gaussian) parameter; `mean` and `std` may themselves be parameters (drawn anew per draw).
 * @example iap.normal(0, 5)           // rotate by N(0, 5) degrees
 * @example iap.normal(iap.uniform(-1, 1), 0.1)
 */
export function normal(mean: NumberOrParam, std: NumberOrParam): Param<number> {
  return new Normal(nested('iap.normal', 'mean', mean), nested('iap.normal', 'std', std, 0));
}

class TruncatedNormal extends NumericParam {
  readonly spec: { truncatedNormal: [unknown, unknown, number, number] };
  readonly bounds: readonly [number, number];
  constructor(
    readonly mean: Param<number>,
    readonly std: Param<number>,
    readonly low: number,
    readonly high: number,
  ) {
    super();
    this.spec = { truncatedNormal: [mean.spec, std.spec, low, high] };
    this.bounds = [low, high];
  }
  draw(rng: RandomStream): number {
    const m = this.mean.draw(rng);
    const s = Math.max(0, this.std.draw(rng));
    // Rejection sampling, bounded so a far-away interval cannot hang; the rare fallback is clipped.
    for (let tries = 0; tries < 64; tries++) {
      const v = m + s * rng.normal();
      if (v >= this.low && v <= this.high) return v;
    }
    return Math.min(this.high, Math.max(this.low, m));
  }
}

/**
 * A normal parameter restricted to [low, high] (draws outside are rejected and drawn again).
 * @example iap.truncatedNormal(1, 0.2, 0.5, 1.5)
 */
export function truncatedNormal(mean: NumberOrParam, std: NumberOrParam, low: number, high: number): Param<number> {
  const owner = 'iap.truncatedNormal';
  for (const [name, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw argumentError(owner, name, 'a number', v, 'type');
  }
  if (low > high) throw argumentError(owner, 'low', 'a number ≤ high', [low, high], 'range', 'low > high');
  return new TruncatedNormal(nested(owner, 'mean', mean), nested(owner, 'std', std, 0), low, high);
}
