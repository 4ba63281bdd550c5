import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../../core/image.ts';
import { AdditiveLaplaceNoise } from './additive-laplace-noise.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('AdditiveLaplaceNoise', () => {
  it('adds Laplace noise: mean 0 ± 0.2, sd b·√2 ± 2 %, and the tail |x| > 30 at e^(−30.5/b) ± 0.4 % (b = 10)', () => {
    const out = AdditiveLaplaceNoise({ scale: 10, seed: 4 }).augmentImage(grey(400, 250, 1));
    let sum = 0;
    let squares = 0;
    let tail = 0;
    for (const v of out.data) {
      const x = v - 128;
      sum += x;
      squares += x * x;
      if (Math.abs(x) > 30) tail++;
    }
    const n = out.data.length;
    const mean = sum / n;
    const sd = Math.sqrt(squares / n - mean * mean);
    assert.ok(Math.abs(mean) < 0.2, `mean ${mean}`);
    // Rounding to integers adds 1/12 to the variance: √(200 + 1/12) = 14.145.
    assert.ok(Math.abs(sd / Math.sqrt(200) - 1) < 0.02, `sd ${sd}`);
    // A Gaussian of the same sd has 3.4 % beyond 30.5; the Laplace distribution e^(−3.05) = 4.7 %.
    assert.ok(Math.abs(tail / n - Math.exp(-3.05)) < 0.004, `tail ${tail / n}`);
  });

  it('shifts by loc, and changes nothing with scale 0 and loc 0', () => {
    // Half to even: 2.5 rounds to 2 (numpy's round in imgaug's add_elementwise), 3.5 to 4.
    for (const [loc, image, expected] of [
      [0, grey(5, 7, 3), 128],
      [20, grey(5, 7, 3), 148],
      [2.5, grey(1, 3, 1), 130],
      [3.5, grey(1, 3, 1), 132],
    ] as const) {
      const out = AdditiveLaplaceNoise({ scale: 0, loc }).augmentImage(image);
      assert.ok(
        out.data.every((v) => v === expected),
        `loc ${loc}`,
      );
    }
  });

  it('shares one value per pixel without perChannel and draws one per channel with it', () => {
    const shared = AdditiveLaplaceNoise({ scale: 20, seed: 1 }).augmentImage(grey(30, 30, 3));
    for (let i = 0; i < shared.data.length; i += 3) assert.equal(new Set(shared.data.subarray(i, i + 3)).size, 1);
    const own = AdditiveLaplaceNoise({ scale: 20, perChannel: true, seed: 1 }).augmentImage(grey(30, 30, 3));
    let mixed = 0;
    for (let i = 0; i < own.data.length; i += 3) if (new Set(own.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 800, `${mixed} of 900 pixels have differing channels`);
  });

  it('adds noise in 0–1 units to float32 images, unclipped', () => {
    const image = makeImage(new Float32Array(20_000).fill(0.5), 100, 200, 1);
    const out = AdditiveLaplaceNoise({ scale: 25.5, loc: 25.5, seed: 2 }).augmentImage(image);
    let sum = 0;
    let squares = 0;
    for (const v of out.data) {
      sum += v - 0.5;
      squares += (v - 0.6) ** 2;
    }
    assert.ok(Math.abs(sum / 20_000 - 0.1) < 0.003, `mean ${sum / 20_000}`);
    assert.ok(Math.abs(Math.sqrt(squares / 20_000) / (0.1 * Math.SQRT2) - 1) < 0.04);
    assert.ok(out.data.some((v) => v > 1) || out.data.some((v) => v < 0), 'values beyond 0–1 are kept');
  });

  it('rejects a negative scale, naming the option', () => {
    assert.throws(() => AdditiveLaplaceNoise({ scale: -1 }), /^RangeError: AdditiveLaplaceNoise: scale must be/);
  });
});
