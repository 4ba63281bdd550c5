import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../../core/image.ts';
import { ImpulseNoise } from './impulse-noise.ts';
import { SaltAndPepper } from './salt-and-pepper.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('ImpulseNoise', () => {
  it('replaces each channel on its own: 20 % ± 1 % of 30,000 values, half white and half black', () => {
    const out = ImpulseNoise(0.2, { seed: 3 }).augmentImage(grey(100, 100, 3));
    let white = 0;
    let black = 0;
    let mixed = 0;
    for (let i = 0; i < out.data.length; i++) {
      if (out.data[i] === 255) white++;
      else if (out.data[i] === 0) black++;
      else assert.equal(out.data[i], 128);
    }
    for (let i = 0; i < out.data.length; i += 3) if (new Set(out.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(Math.abs((white + black) / 30_000 - 0.2) < 0.01, `replaced ${(white + black) / 30_000}`);
    assert.ok(Math.abs(white / (white + black) - 0.5) < 0.03, `white share ${white / (white + black)}`);
    // Per channel: a pixel's channels agree with chance 0.8³ + 2 · 0.1³ = 0.514.
    assert.ok(Math.abs(mixed / 10_000 - 0.486) < 0.03, `mixed ${mixed / 10_000}`);
  });

  it('is SaltAndPepper with perChannel on: the same bytes for the same seed and name', () => {
    const image = grey(20, 30, 3);
    const a = ImpulseNoise(0.3, { seed: 9, name: 'noise' }).augmentImage(image);
    const b = SaltAndPepper(0.3, { perChannel: true, seed: 9, name: 'noise' }).augmentImage(image);
    assert.deepEqual(a.data, b.data);
  });

  it('takes no perChannel option', () => {
    assert.throws(() => ImpulseNoise({ perChannel: false } as never), /ImpulseNoise: unknown option "perChannel"/);
  });
});
