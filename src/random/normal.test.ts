import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NORMAL_WORDS, NormalSampler } from './normal.ts';
import { RandomSource } from './stream.ts';

/** erfc with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit), for the normal CDF. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
const cdf = (x: number) => 0.5 * erfc(-x / Math.SQRT2);
/** Where the ziggurat's tail starts. */
const R = 3.442619855899;

function draw(seed: number, n: number): Float64Array {
  const sampler = new NormalSampler();
  sampler.start(RandomSource.root(seed, 0, 0).stream('noise'));
  const out = new Float64Array(n);
  sampler.fill(out);
  return out;
}

describe('NormalSampler', () => {
  it('draws standard normal values: Kolmogorov–Smirnov distance, moments and the tail beyond the base layer', () => {
    const n = 1_000_000;
    const values = draw(11, n);
    const sorted = Float64Array.from(values).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = cdf(sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    // The 99.9% critical value of the KS distance is 1.95/√n.
    assert.ok(d < 1.95 / Math.sqrt(n), `KS distance ${d}`);
    let sum = 0;
    let squares = 0;
    let fourth = 0;
    let beyond = 0;
    let excess = 0;
    let negative = 0;
    for (const v of values) {
      sum += v;
      squares += v * v;
      fourth += v ** 4;
      if (Math.abs(v) > R) {
        beyond++;
        excess += Math.abs(v) - R;
      }
      if (v < 0) negative++;
    }
    // Standard errors for n = 1e6: mean 0.001, variance 0.0014, fourth moment 0.0095.
    assert.ok(Math.abs(sum / n) < 0.005, `mean ${sum / n}`);
    assert.ok(Math.abs(squares / n - 1) < 0.007, `variance ${squares / n}`);
    assert.ok(Math.abs(fourth / n - 3) < 0.05, `fourth moment ${fourth / n}`);
    // P(|Z| > 3.4426) = 5.76e-4: 576 expected, standard deviation 24. The tail has its own code path.
    assert.ok(Math.abs(beyond - 576) < 120, `${beyond} values beyond the base layer`);
    // E[Z − R | Z > R] = φ(R) / (1 − Φ(R)) − R ≈ 0.2556, and the excess has a standard deviation of about 0.25.
    const meanExcess = Math.exp(-0.5 * R * R) / Math.sqrt(2 * Math.PI) / (1 - cdf(R)) - R;
    assert.ok(Math.abs(excess / beyond - meanExcess) < 0.06, `mean excess ${excess / beyond}, expected ${meanExcess}`);
    assert.ok(Math.abs(negative - n / 2) < 2500, `${negative} negative values`);
  });

  it('gives the same values however they are asked for (one call or many of any size)', () => {
    const whole = draw(3, 3 * NORMAL_WORDS + 17);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 * NORMAL_WORDS }), { minLength: 1, maxLength: 8 }), (sizes) => {
        const sampler = new NormalSampler();
        sampler.start(RandomSource.root(3, 0, 0).stream('noise'));
        const got: number[] = [];
        for (const size of sizes) {
          const part = new Float64Array(size);
          sampler.fill(part);
          got.push(...part);
          if (got.length >= whole.length) break;
        }
        const n = Math.min(got.length, whole.length);
        assert.deepEqual(got.slice(0, n), Array.from(whole.subarray(0, n)));
      }),
      { numRuns: 40 },
    );
  });

  it('starts again from the stream’s first word on start(), and other streams give other values', () => {
    const sampler = new NormalSampler();
    const stream = RandomSource.root(5, 1, 2).stream('noise');
    const a = new Float64Array(100);
    const b = new Float64Array(100);
    sampler.start(stream);
    sampler.fill(a);
    sampler.start(stream);
    sampler.fill(b);
    assert.deepEqual(a, b);
    sampler.start(RandomSource.root(5, 1, 3).stream('noise'));
    sampler.fill(b);
    assert.notDeepEqual(a, b);
  });

  it('refuses to fill before start()', () => {
    assert.throws(() => new NormalSampler().fill(new Float64Array(1)), /start\(stream\) was not called/);
  });
});
