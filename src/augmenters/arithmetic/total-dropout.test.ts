import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { TotalDropout } from './total-dropout.ts';

function batchOf(n: number, fill: number): iaa.UniformBatch {
  return { data: new Uint8Array(n * 12).fill(fill), n, height: 2, width: 2, channels: 3 };
}

describe('TotalDropout', () => {
  it('zeroes whole images with probability p (30 % ± 3 % of 2000) and leaves the others unchanged', () => {
    const out = TotalDropout(0.3, { seed: 1 }).augmentImages(batchOf(2000, 90), { epoch: 0 }) as iaa.UniformBatch;
    let dropped = 0;
    for (let i = 0; i < 2000; i++) {
      const image = Array.from(out.data.subarray(12 * i, 12 * i + 12));
      assert.ok(image.every((v) => v === 0) || image.every((v) => v === 90), `image ${i} is partly dropped`);
      if (image[0] === 0) dropped++;
    }
    assert.ok(Math.abs(dropped / 2000 - 0.3) < 0.03, `dropped ${dropped / 2000}`);
  });

  it('drops every image by default (p = 1, imgaug’s) and none with p = 0, float32 too', () => {
    const image = iaa.makeImage(new Float32Array([0.5, 1, 0.25]), 1, 1, 3);
    assert.deepEqual(Array.from(TotalDropout().augmentImage(image).data), [0, 0, 0]);
    assert.deepEqual(Array.from(TotalDropout(0).augmentImage(image).data), [0.5, 1, 0.25]);
  });

  it('rejects p outside [0, 1], naming the option', () => {
    assert.throws(() => TotalDropout(2), /^RangeError: TotalDropout: p must be a number in \[0, 1\]/);
  });
});
