import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { AddElementwise } from './add-elementwise.ts';

const grey = (h: number, w: number, c: number) => iaa.makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

describe('AddElementwise', () => {
  it('adds a uniform value per pixel: the 81 sums −40…40 about equally often (each 1/80 ± 0.4 %)', () => {
    const out = AddElementwise([-40, 40], { seed: 1 }).augmentImage(grey(200, 250, 1));
    const counts = new Map<number, number>();
    for (const v of out.data) counts.set(v - 128, (counts.get(v - 128) ?? 0) + 1);
    assert.equal(counts.size, 81);
    // U(−40, 40) rounded half to even: ±40 get half a unit each, the others a whole one.
    for (let d = -39; d <= 39; d++)
      assert.ok(Math.abs((counts.get(d) ?? 0) / 50_000 - 1 / 80) < 0.004, `${d}: ${counts.get(d)}`);
  });

  it("rounds half to even and saturates as imgaug's add_elementwise: 2.5 adds 2, 3.5 adds 4, 255 + 2 stays 255", () => {
    const image = iaa.makeImage(Uint8Array.from([0, 100, 255]), 1, 3, 1);
    assert.deepEqual(Array.from(AddElementwise(2.5).augmentImage(image).data), [2, 102, 255]);
    assert.deepEqual(Array.from(AddElementwise(3.5).augmentImage(image).data), [4, 104, 255]);
    assert.deepEqual(Array.from(AddElementwise(-300).augmentImage(image).data), [0, 0, 0]);
  });

  it('shares a value per pixel without perChannel and draws one per channel with it', () => {
    const shared = AddElementwise([-50, 50], { seed: 2 }).augmentImage(grey(20, 20, 3));
    for (let i = 0; i < shared.data.length; i += 3) assert.equal(new Set(shared.data.subarray(i, i + 3)).size, 1);
    const own = AddElementwise([-50, 50], { perChannel: true, seed: 2 }).augmentImage(grey(20, 20, 3));
    let mixed = 0;
    for (let i = 0; i < own.data.length; i += 3) if (new Set(own.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 380, `${mixed} of 400`);
  });

  it('adds float32 values as drawn, unclipped', () => {
    const image = iaa.makeImage(new Float32Array([0.5, 1, 0]), 1, 3, 1);
    assert.deepEqual(Array.from(AddElementwise(0.75).augmentImage(image).data), [1.25, 1.75, 0.75]);
  });
});
