import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { Solarize } from './solarize.ts';

const gray = (values: number[]) => iaa.makeImage(Uint8Array.from(values), 1, values.length, 1);
const values = (image: iaa.Image) => Array.from(image.data);

describe('Solarize', () => {
  it('inverts the uint8 values at or above a fixed threshold and keeps the rest', () => {
    assert.deepEqual(
      values(Solarize({ threshold: 128 }).augmentImage(gray([0, 127, 128, 200, 255]))),
      [0, 127, 127, 55, 0],
    );
  });

  it('inverts the values below the threshold instead when invertAboveThreshold is false', () => {
    const out = Solarize({ threshold: 128, invertAboveThreshold: false }).augmentImage(gray([0, 127, 128, 200]));
    assert.deepEqual(values(out), [255, 128, 128, 200]);
  });

  it('draws its default threshold from [64, 192) per image: 100 is inverted where int(t) ≤ 100, 37/128 of the time', () => {
    const n = 4000;
    const batch = { data: new Uint8Array(n).fill(100), n, height: 1, width: 1, channels: 1 };
    const out = Solarize({ seed: 3 }).augmentImages(batch, { epoch: 0 }) as iaa.UniformBatch;
    const inverted = Array.from(out.data).filter((v) => v === 155).length;
    assert.ok(Array.from(out.data).every((v) => v === 100 || v === 155));
    // t < 101 with t ~ U[64, 192): 37/128 = 0.289; the binomial's standard deviation over 4000 images is 0.007.
    assert.ok(Math.abs(inverted / n - 37 / 128) < 0.03, `${inverted} of ${n}`);
  });

  it('names itself in errors, with the rules of Invert', () => {
    assert.throws(() => Solarize({ min: 5, max: 5 }), /^RangeError: Solarize: max must be a number above min/);
    assert.throws(() => Solarize({ max: 300 }).augmentImage(gray([1])), /Solarize: max .*\[0, 255\]/);
    assert.throws(() => Solarize({ threshold: Number.NaN }), /Solarize: threshold/);
  });

  it('keeps the JSON form of its own defaults', () => {
    assert.deepEqual(Solarize().toJSON().threshold, [64, 192]);
    assert.equal(Solarize().toJSON().invertAboveThreshold, true);
  });
});
