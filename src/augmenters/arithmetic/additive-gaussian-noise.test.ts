import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

function stats(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, sd };
}

describe('AdditiveGaussianNoise', () => {
  it('adds noise with the requested mean and standard deviation (uint8, 100k pixels, mid-gray)', () => {
    const image = iaa.makeImage(new Uint8Array(100_000).fill(128), 250, 400, 1);
    const out = iaa.AdditiveGaussianNoise({ scale: 10, loc: 3, seed: 1 }).augmentImage(image);
    const diff = Array.from(out.data, (v) => v - 128);
    const { mean, sd } = stats(diff);
    // Rounding adds variance 1/12: sd ≈ sqrt(100 + 1/12) = 10.004.
    assert.ok(Math.abs(mean - 3) < 0.1, `mean ${mean}`);
    assert.ok(Math.abs(sd - 10) < 0.1, `sd ${sd}`);
  });

  it('shares one noise value across channels unless perChannel', () => {
    const image = iaa.makeImage(new Uint8Array(300 * 3).fill(100), 10, 30, 3);
    const shared = iaa.AdditiveGaussianNoise({ scale: 20, seed: 2 }).augmentImage(image);
    for (let i = 0; i < shared.data.length; i += 3) {
      assert.equal(shared.data[i], shared.data[i + 1]);
      assert.equal(shared.data[i], shared.data[i + 2]);
    }
    const own = iaa.AdditiveGaussianNoise({ scale: 20, perChannel: true, seed: 2 }).augmentImage(image);
    let differ = 0;
    for (let i = 0; i < own.data.length; i += 3) if (own.data[i] !== own.data[i + 1]) differ++;
    assert.ok(differ > 250, `channels differ at ${differ} of 300 pixels`);
  });

  it('saturates uint8 at 0 and 255 and is the identity at scale 0 and loc 0', () => {
    const image = iaa.makeImage(new Uint8Array([0, 255, 0, 255]), 2, 2, 1);
    const out = iaa.AdditiveGaussianNoise({ scale: 0, loc: 300 }).augmentImage(image);
    assert.deepEqual(Array.from(out.data), [255, 255, 255, 255]);
    const same = iaa.makeImage(new Uint8Array([3, 4, 5, 6]), 2, 2, 1);
    assert.ok(iaa.imagesEqual(iaa.AdditiveGaussianNoise(0).augmentImage(same), same));
  });

  it('scales the noise to 0–1 for float32 images and does not clip', () => {
    const image = iaa.makeImage(new Float32Array(50_000).fill(0.5), 250, 200, 1);
    const out = iaa.AdditiveGaussianNoise({ scale: 25.5, seed: 3 }).augmentImage(image);
    const { mean, sd } = stats(Array.from(out.data));
    assert.ok(Math.abs(mean - 0.5) < 0.002 && Math.abs(sd - 0.1) < 0.002, `mean ${mean} sd ${sd}`);
    const far = iaa.AdditiveGaussianNoise({ scale: 0, loc: 255 }).augmentImage(image);
    assert.ok(far.data.every((v) => Math.abs(v - 1.5) < 1e-6));
  });

  it('rejects a negative scale', () => {
    assert.throws(
      () => iaa.AdditiveGaussianNoise(-1),
      /AdditiveGaussianNoise: scale must be a number in \[0, 1000000\]/,
    );
  });
});
