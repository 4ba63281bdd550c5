import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import { NumericParam } from './param.ts';

function checkRange(owner: string, a: unknown, b: unknown, integer: boolean): void {
  const accepted = integer ? 'two integers a ≤ b' : 'two finite numbers a ≤ b';
  for (const [name, v] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (typeof v !== 'number') throw argumentError(owner, name, accepted, v, 'type');
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) throw argumentError(owner, name, accepted, v);
  }
  if ((a as number) > (b as number)) throw argumentError(owner, 'a', accepted, [a, b], 'range', 'a > b');
}

class Uniform extends NumericParam {
  readonly spec: { uniform: [number, number] };
  readonly bounds: readonly [number, number];
  constructor(
    readonly a: number,
    readonly b: number,
  ) {
    super();
    this.spec = { uniform: [a, b] };
    this.bounds = [a, b];
  }
  draw(rng: RandomStream): number {
    return this.a + (this.b - this.a) * rng.random();
  }
}

/**
 * A continuous uniform parameter on [a, b): what `[a, b]` means for a real-valued option.
 * @example iap.uniform(0.8, 1.2)
 */
export function uniform(a: number, b: number): Uniform {
  checkRange('iap.uniform', a, b, false);
  return new Uniform(a, b);
}

class DiscreteUniform extends NumericParam {
  readonly spec: { discreteUniform: [number, number] };
  readonly bounds: readonly [number, number];
  override readonly integer = true;
  constructor(
    readonly a: number,
    readonly b: number,
  ) {
    super();
    this.spec = { discreteUniform: [a, b] };
    this.bounds = [a, b];
  }
  draw(rng: RandomStream): number {
    return this.a + Math.floor(rng.random() * (this.b - this.a + 1));
  }
}

/**
 * A uniform parameter over the integers a…b, both included: what `[a, b]` means for an integer option.
 * @example iap.discreteUniform(-10, 10) // a shift of -10 to 10 pixels
 */
export function discreteUniform(a: number, b: number): DiscreteUniform {
  checkRange('iap.discreteUniform', a, b, true);
  return new DiscreteUniform(a, b);
}
