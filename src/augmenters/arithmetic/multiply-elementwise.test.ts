import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { MultiplyElementwise } from './multiply-elementwise.ts';

describe('MultiplyElementwise', () => {
  it("truncates float32 products as imgaug's multiply_elementwise: 255 × 0.5 → 127, 3 × 0.5 → 1, clipped to 0–255", () => {
    const image = iaa.makeImage(Uint8Array.from([255, 3, 200, 0]), 1, 4, 1);
    assert.deepEqual(Array.from(MultiplyElementwise(0.5).augmentImage(image).data), [127, 1, 100, 0]);
    assert.deepEqual(Array.from(MultiplyElementwise(1.5).augmentImage(image).data), [255, 4, 255, 0]);
    assert.deepEqual(Array.from(MultiplyElementwise(-1).augmentImage(image).data), [0, 0, 0, 0]);
    // 10 · float32(0.7) is 6.99999988 in double but 7.0 in float32, numpy's product: 7, not 6.
    const ten = iaa.makeImage(Uint8Array.from([10, 100]), 1, 2, 1);
    assert.deepEqual(Array.from(MultiplyElementwise(0.7).augmentImage(ten).data), [7, 70]);
  });

  it('draws a factor per pixel: on 100, factors U(0.5, 1.5) give 50…149 about equally often (each 1 % ± 0.3 %)', () => {
    const image = iaa.makeImage(new Uint8Array(50_000).fill(100), 200, 250, 1);
    const out = MultiplyElementwise([0.5, 1.5], { seed: 3 }).augmentImage(image);
    const counts = new Map<number, number>();
    for (const v of out.data) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (let v = 50; v < 150; v++)
      assert.ok(Math.abs((counts.get(v) ?? 0) / 50_000 - 0.01) < 0.003, `${v}: ${counts.get(v)}`);
    assert.equal([...counts.keys()].filter((v) => v < 50 || v > 150).length, 0);
  });

  it('multiplies float32 images plainly, and draws one factor per channel with perChannel', () => {
    const image = iaa.makeImage(new Float32Array([0.5, 2, -1]), 1, 3, 1);
    assert.deepEqual(Array.from(MultiplyElementwise(3).augmentImage(image).data), [1.5, 6, -3]);
    const rgb = iaa.makeImage(new Uint8Array(300).fill(100), 10, 10, 3);
    const own = MultiplyElementwise([0.5, 1.5], { perChannel: true, seed: 4 }).augmentImage(rgb);
    let mixed = 0;
    for (let i = 0; i < own.data.length; i += 3) if (new Set(own.data.subarray(i, i + 3)).size > 1) mixed++;
    assert.ok(mixed > 90, `${mixed} of 100`);
  });
});
