import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../../core/image.ts';
import { AdditivePoissonNoise } from './additive-poisson-noise.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

/** P(X = k) for X ~ Poisson(lam). */
function pmf(lam: number, k: number): number {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return Math.exp(k * Math.log(lam) - lam - logFactorial);
}

describe('AdditivePoissonNoise', () => {
  it('adds ±k, k ~ Poisson(10): each |k|’s share within 0.5 % of the pmf, signs even (± 1 %)', () => {
    const out = AdditivePoissonNoise(10, { seed: 7 }).augmentImage(grey(400, 250, 1));
    const counts = new Map<number, number>();
    let positive = 0;
    for (const v of out.data) {
      const k = Math.abs(v - 128);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      if (v > 128) positive++;
    }
    const n = out.data.length;
    for (let k = 0; k <= 30; k++) {
      const share = (counts.get(k) ?? 0) / n;
      assert.ok(Math.abs(share - pmf(10, k)) < 0.005, `|k| = ${k}: ${share} against ${pmf(10, k)}`);
    }
    assert.ok(Math.abs(positive / n - 0.5) < 0.01, `positive share ${positive / n}`);
  });

  it('has the right mean for a large lam (1000, where e^−lam underflows): |k| averages 1000 ± 1 in float32', () => {
    const image = makeImage(new Float32Array(10_000), 100, 100, 1);
    const out = AdditivePoissonNoise(1000, { seed: 3 }).augmentImage(image);
    let sum = 0;
    for (const v of out.data) sum += Math.abs(v) * 255;
    assert.ok(Math.abs(sum / 10_000 - 1000) < 1, `mean ${sum / 10_000}`);
  });

  it('changes nothing with lam 0, and shares one value per pixel without perChannel', () => {
    assert.ok(
      AdditivePoissonNoise(0)
        .augmentImage(grey(5, 7, 3))
        .data.every((v) => v === 128),
    );
    const shared = AdditivePoissonNoise(20, { seed: 1 }).augmentImage(grey(30, 30, 3));
    for (let i = 0; i < shared.data.length; i += 3) assert.equal(new Set(shared.data.subarray(i, i + 3)).size, 1);
    const own = AdditivePoissonNoise(20, { perChannel: true, seed: 1 }).augmentImage(grey(30, 30, 3));
    let mixed = 0;
    for (let i = 0; i < own.data.length; i += 3) if (new Set(own.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 800, `${mixed} of 900 pixels have differing channels`);
  });

  it('rejects lam outside [0, 1e4], naming the option', () => {
    assert.throws(
      () => AdditivePoissonNoise(-1),
      /^RangeError: AdditivePoissonNoise: lam must be a number in \[0, 10000\]/,
    );
    assert.throws(() => AdditivePoissonNoise(2e4), /AdditivePoissonNoise: lam/);
  });
});
