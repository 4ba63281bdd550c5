import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import { NumericParam } from './param.ts';

class Binomial extends NumericParam {
  readonly spec: { binomial: number };
  readonly bounds: readonly [number, number] = [0, 1];
  override readonly integer = true;
  constructor(readonly p: number) {
    super();
    this.spec = { binomial: p };
  }
  draw(rng: RandomStream): number {
    return rng.random() < this.p ? 1 : 0;
  }
}

/**
 * A parameter that is 1 with probability `p` and 0 otherwise (a coin).
 * @example iap.binomial(0.5)
 */
export function binomial(p: number): Binomial {
  if (typeof p !== 'number') throw argumentError('iap.binomial', 'p', 'a probability in [0, 1]', p, 'type');
  if (!(p >= 0 && p <= 1)) throw argumentError('iap.binomial', 'p', 'a probability in [0, 1]', p);
  return new Binomial(p);
}
