import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import type { Param } from './param.ts';

class Choice<T extends number | string> implements Param<T> {
  readonly spec: { choice: T[]; p?: number[] };
  readonly bounds: readonly [number, number];
  readonly integer: boolean;
  private readonly cumulative: Float64Array | undefined;
  constructor(
    readonly values: readonly T[],
    p: readonly number[] | undefined,
  ) {
    this.spec = p ? { choice: [...values], p: [...p] } : { choice: [...values] };
    const numeric = values.every((v) => typeof v === 'number');
    this.bounds = numeric
      ? [Math.min(...(values as unknown as number[])), Math.max(...(values as unknown as number[]))]
      : [Number.NaN, Number.NaN];
    this.integer = numeric && values.every((v) => Number.isInteger(v));
    if (p) {
      const sum = p.reduce((s, v) => s + v, 0);
      this.cumulative = new Float64Array(p.length);
      let acc = 0;
      p.forEach((v, i) => {
        acc += v / sum;
        this.cumulative![i] = acc;
      });
      this.cumulative[p.length - 1] = 1;
    }
  }
  draw(rng: RandomStream): T {
    const u = rng.random();
    if (!this.cumulative) return this.values[Math.floor(u * this.values.length)];
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
  drawMany(rng: RandomStream, out: Float32Array | Float64Array): void {
    if (Number.isNaN(this.bounds[0])) throw new TypeError('iap.choice: drawMany needs numeric values');
    for (let i = 0; i < out.length; i++) out[i] = this.draw(rng) as number;
  }
}

/**
 * A parameter that picks one of `values` per draw, with probabilities `p` (default: all equal).
 * @example iap.choice(['edge', 'constant'])
 * @example iap.choice([0, 90, 180, 270], [0.7, 0.1, 0.1, 0.1])
 */
export function choice<T extends number | string>(values: readonly T[], p?: readonly number[]): Param<T> {
  if (!Array.isArray(values) || values.length === 0) {
    throw argumentError('iap.choice', 'values', 'a non-empty array of numbers or strings', values, 'type');
  }
  values.forEach((v, i) => {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw argumentError('iap.choice', `values[${i}]`, 'a finite number or a string', v, 'type');
    }
  });
  if (p !== undefined) {
    if (!Array.isArray(p) || p.length !== values.length) {
      throw argumentError('iap.choice', 'p', `an array of ${values.length} probabilities`, p, 'type');
    }
    p.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw argumentError('iap.choice', `p[${i}]`, 'a non-negative finite number', v);
      }
    });
    if (p.reduce((s, v) => s + v, 0) <= 0)
      throw argumentError('iap.choice', 'p', 'probabilities with a positive sum', p);
  }
  return new Choice(values, p);
}
