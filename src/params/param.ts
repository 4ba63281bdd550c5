import type { RandomStream } from '../random/stream.ts';

/** The JSON form of a parameter: a number, a string, or an object such as `{ "uniform": [0, 1] }`. */
export type ParamSpec = number | string | boolean | { readonly [key: string]: unknown };

/**
 * A stochastic parameter: something that can be drawn from a random stream. Numeric parameters also fill typed
 * arrays in one call (`drawMany`) and know the interval their values lie in (`bounds`), so options can check or
 * clip them.
 */
export interface Param<T = number> {
  readonly spec: ParamSpec;
  /** Smallest and largest value a draw can take (may be infinite); [NaN, NaN] for non-numeric parameters. */
  readonly bounds: readonly [number, number];
  /** True when every draw is an integer. */
  readonly integer: boolean;
  draw(rng: RandomStream): T;
  drawMany(rng: RandomStream, out: Float32Array | Float64Array): void;
}

/** True for anything that behaves as a parameter (has `draw` and `spec`). */
export function isParam(value: unknown): value is Param<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Param).draw === 'function' &&
    (value as Param).spec !== undefined
  );
}

/** Base for numeric parameters: `drawMany` loops over `draw`. */
export abstract class NumericParam implements Param<number> {
  abstract readonly spec: ParamSpec;
  abstract readonly bounds: readonly [number, number];
  readonly integer: boolean = false;
  abstract draw(rng: RandomStream): number;
  drawMany(rng: RandomStream, out: Float32Array | Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.draw(rng);
  }
}
