import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeImage } from '../../core/image.ts';
import { Dropout } from './dropout.ts';
import { Pepper } from './pepper.ts';

const grey = (h: number, w: number, c: number) => makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('Pepper', () => {
  it('turns 10 % ± 0.5 % of 100,000 pixels black with p = 0.1, and never white', () => {
    const out = Pepper(0.1, { seed: 5 }).augmentImage(grey(400, 250, 1));
    let black = 0;
    for (const v of out.data) {
      assert.ok(v === 128 || v === 0, `value ${v}`);
      if (v === 0) black++;
    }
    assert.ok(Math.abs(black / 100_000 - 0.1) < 0.005, `black ${black / 100_000}`);
  });

  it('blackens whole pixels without perChannel, and single channels with it', () => {
    const whole = Pepper(0.3, { seed: 2 }).augmentImage(grey(50, 50, 3));
    for (let i = 0; i < whole.data.length; i += 3) assert.equal(new Set(whole.data.subarray(i, i + 3)).size, 1);
    const split = Pepper(0.5, { perChannel: true, seed: 2 }).augmentImage(grey(50, 50, 3));
    let mixed = 0;
    for (let i = 0; i < split.data.length; i += 3) if (new Set(split.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(Math.abs(mixed / 2500 - 0.75) < 0.04, `mixed ${mixed / 2500}`);
  });

  it("has imgaug's default p, [0, 0.05], where Dropout's is [0, 0.2]", () => {
    assert.deepEqual(Pepper().toJSON().p, [0, 0.05]);
    assert.deepEqual(Dropout().toJSON().p, [0, 0.2]);
  });
});
