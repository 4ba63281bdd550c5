// Seeded permutations for shuffling a dataset per epoch. Browser-safe, no global state, no Math.random.
import { argumentError } from '../core/errors.ts';

/** Chris Wellons' "lowbias32" integer hash: a bijection on 32-bit integers with good avalanche. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A counter-based generator of 32-bit integers: the k-th value is a hash of (seed, stream, k), so the same seed and
 * stream always give the same sequence, and neighbouring streams (epochs) are unrelated.
 */
export class HashRandom {
  private readonly key: number;
  private counter = 0;

  /** @param seed any safe integer; @param stream e.g. the epoch. */
  constructor(seed: number, stream: number) {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x100000000) >>> 0;
    this.key = mix32(mix32(mix32(lo ^ 0x9e3779b9) ^ hi) ^ mix32(stream ^ 0x85ebca6b));
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const k = this.counter++;
    return mix32(mix32(k ^ this.key) + 0x6a09e667 + (Math.floor(k / 0x100000000) >>> 0));
  }

  /** An unbiased integer in [0, bound), bound from 1 to 2^32 (rejection sampling). */
  nextBelow(bound: number): number {
    const limit = 0x100000000 - (0x100000000 % bound);
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return r % bound;
  }
}

/**
 * A permutation of 0…n−1 drawn from (seed, stream) by a Fisher–Yates shuffle: the same arguments always give the
 * same order, on every platform.
 * @example permutation(5, 42, 0) // e.g. Int32Array [3, 0, 4, 1, 2]; epoch 1 would be permutation(5, 42, 1)
 */
export function permutation(n: number, seed: number, stream = 0): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff)
    throw argumentError('permutation', 'n', 'an integer from 0 to 2^31 − 1', n);
  if (!Number.isSafeInteger(seed)) throw argumentError('permutation', 'seed', 'a safe integer', seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const random = new HashRandom(seed, stream);
  for (let i = n - 1; i > 0; i--) {
    const j = random.nextBelow(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
