import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { Invert } from './invert.ts';

const gray = (values: number[]) => iaa.makeImage(Uint8Array.from(values), 1, values.length, 1);
const grayF = (values: number[]) => iaa.makeImage(Float32Array.from(values), 1, values.length, 1);
const values = (image: iaa.Image) => Array.from(image.data);

describe('Invert', () => {
  it('turns v into 255 − v in a uint8 image', () => {
    assert.deepEqual(values(Invert().augmentImage(gray([0, 10, 128, 255]))), [255, 245, 127, 0]);
  });

  it('maps v to max − |v − min|, clipped to [min, max], with a custom uint8 range', () => {
    // 10 → 200; 50 → 200 − 40; 0 → 200 − 10; 255 → 200 − 245 = −45 → 10; 210 → 200 − 200 = 0 → 10.
    const out = Invert({ min: 10, max: 200 }).augmentImage(gray([10, 50, 0, 255, 210]));
    assert.deepEqual(values(out), [200, 160, 190, 10, 10]);
  });

  it('inverts only values at or above the threshold, or only those below it', () => {
    const image = gray([0, 127, 128, 255]);
    assert.deepEqual(
      values(Invert({ threshold: 128, invertAboveThreshold: true }).augmentImage(image)),
      [0, 127, 127, 0],
    );
    assert.deepEqual(
      values(Invert({ threshold: 128, invertAboveThreshold: false }).augmentImage(image)),
      [255, 128, 128, 255],
    );
    // imgaug cuts its table at int(threshold): 127.9 keeps 0…126 and inverts from 127 on.
    assert.deepEqual(
      values(Invert({ threshold: 127.9, invertAboveThreshold: true }).augmentImage(image)),
      [0, 128, 127, 0],
    );
  });

  it('negates float32 images with the default (symmetric) range, unclipped', () => {
    assert.deepEqual(values(Invert().augmentImage(grayF([0.5, -2, 300]))), [-0.5, 2, -300]);
  });

  it('maps float32 values through a custom range: clipped, then max − |v − min|', () => {
    // [0, 1]: 0.25 → 0.75; 1.5 → 1 → 0; −1 → 0 → 1.
    assert.deepEqual(values(Invert({ min: 0, max: 1 }).augmentImage(grayF([0.25, 1.5, -1]))), [0.75, 0, 1]);
    // A threshold compares the value as given: −1 and 0.25 stay, 1.5 is inverted.
    const out = Invert({ min: 0, max: 1, threshold: 1, invertAboveThreshold: true }).augmentImage(
      grayF([0.25, 1.5, -1]),
    );
    assert.deepEqual(values(out), [0.25, 0, -1]);
  });

  it('inverts about a fraction p of the images, and none for p = 0', () => {
    const n = 2000;
    const batch = { data: new Uint8Array(n).fill(40), n, height: 1, width: 1, channels: 1 };
    const out = Invert(0.3, { seed: 1 }).augmentImages(batch, { epoch: 0 }) as iaa.UniformBatch;
    const inverted = Array.from(out.data as Uint8Array).filter((v) => v === 215).length;
    assert.ok(Math.abs(inverted / n - 0.3) < 0.04, `${inverted} of ${n} inverted`);
    assert.ok(Array.from(out.data as Uint8Array).every((v) => v === 40 || v === 215));
    assert.deepEqual(values(Invert(0).augmentImage(gray([1, 2, 3]))), [1, 2, 3]);
  });

  it('decides each channel on its own with perChannel, and all channels together without it', () => {
    const n = 300;
    const batch = { data: new Uint8Array(n * 3).fill(40), n, height: 1, width: 1, channels: 3 };
    const mixed = (aug: iaa.Augmenter) => {
      const out = aug.augmentImages(batch, { epoch: 0 }) as iaa.UniformBatch;
      let count = 0;
      for (let i = 0; i < n; i++) {
        const px = Array.from(out.data.subarray(3 * i, 3 * i + 3));
        assert.ok(px.every((v) => v === 40 || v === 215));
        if (new Set(px).size > 1) count++;
      }
      return count;
    };
    // Three fair coins differ in 3/4 of the images.
    assert.ok(mixed(Invert(0.5, { perChannel: true, seed: 2 })) > n / 2);
    assert.equal(mixed(Invert(0.5, { seed: 2 })), 0);
  });

  it('rejects min ≥ max, and a range outside 0–255 on uint8 images, naming the option', () => {
    assert.throws(() => Invert({ min: 5, max: 5 }), /Invert: max/);
    assert.throws(() => Invert({ min: Number.NaN }), /Invert: min/);
    assert.throws(() => Invert({ max: 300 }).augmentImage(gray([1])), /Invert: max .*\[0, 255\]/);
    // float32 takes any range: [−300, 300] is symmetric, so values are negated.
    assert.deepEqual(values(Invert({ min: -300, max: 300 }).augmentImage(grayF([100]))), [-100]);
  });
});
