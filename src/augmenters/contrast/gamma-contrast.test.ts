import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { GammaContrast } from './gamma-contrast.ts';

const ramp = makeImage(new Uint8Array([0, 1, 64, 128, 200, 254, 255]), 1, 7);

function gamma(g: number): number[] {
  return Array.from(GammaContrast(g).augmentImage(ramp).data);
}

describe('GammaContrast', () => {
  it('darkens mid-tones with gamma 2: 255 · (v/255)² truncated', () => {
    // 64²/255 = 16.06 → 16, 128²/255 = 64.25 → 64, 200²/255 = 156.9 → 156, 254²/255 = 253.004 → 253.
    assert.deepEqual(gamma(2), [0, 0, 16, 64, 156, 253, 255]);
  });

  it('brightens mid-tones with gamma 0.5: √(255 · v) truncated', () => {
    // √255 = 15.97 → 15, √16320 = 127.7 → 127, √32640 = 180.7 → 180, √51000 = 225.8 → 225, √64770 = 254.5 → 254.
    assert.deepEqual(gamma(0.5), [0, 15, 127, 180, 225, 254, 255]);
  });

  it('returns identical bytes when gamma is 1', () => {
    const all = makeImage(
      new Uint8Array(256).map((_, i) => i),
      16,
      16,
    );
    assert.ok(imagesEqual(GammaContrast(1).augmentImage(all), all));
  });

  it('applies x^gamma to float32 images (0–1 intensities), odd-symmetric below 0, not clipped', () => {
    const f = makeImage(new Float32Array([0, 0.25, 1, 4, -0.25]), 1, 5);
    assert.deepEqual(Array.from(GammaContrast(0.5).augmentImage(f).data), [0, 0.5, 1, 2, -0.5]);
  });

  it('draws one gamma per channel when perChannel is true', () => {
    const image = makeImage(new Uint8Array([128, 128, 128]), 1, 1, 3);
    let distinct = 0;
    for (let index = 0; index < 20; index++) {
      const out = GammaContrast([0.3, 3], { perChannel: true, seed: 12 }).augmentImage(image, { index });
      if (new Set(out.data).size === 3) distinct++;
    }
    assert.ok(distinct >= 15, `only ${distinct} of 20 images had three different channel gammas`);
  });

  itKeepsPixelProperties(
    ({ g, perChannel }) => GammaContrast([0, g], { perChannel, seed: 1 }),
    fc.record({ g: fc.double({ min: 0, max: 5, noNaN: true }), perChannel: fc.boolean() }),
  );

  it('rejects bad options with the template error', () => {
    assert.throws(() => GammaContrast(-1), /GammaContrast: gamma must be a number in \[0, 1000000\].*received -1/);
    assert.throws(() => GammaContrast(Number.NaN), RangeError);
    assert.throws(() => GammaContrast([2, 1]), /min > max/);
    assert.throws(() => GammaContrast({ gama: 1 } as never), /GammaContrast: unknown option "gama"/);
  });
});
