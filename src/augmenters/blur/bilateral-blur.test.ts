import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual, makeImage } from '../../core/image.ts';
import { BilateralBlur } from './bilateral-blur.ts';

const fixture = loadFilterFixture('filters-blur.json');

describe('BilateralBlur', () => {
  it('smooths noise within a region but keeps a strong edge', () => {
    const rows = Array.from({ length: 6 }, (_, y) =>
      Array.from({ length: 8 }, (_, x) => (x < 4 ? 40 : 220) + (((x + y) & 1) === 0 ? 4 : -4)),
    );
    const out = imageToRows(BilateralBlur(5, { sigmaColor: 20, sigmaSpace: 5 }).augmentImage(imageFromRows(rows)));
    for (let y = 0; y < 6; y++) {
      // The ±4 checkerboard is pulled towards the region's mean; across the edge nothing mixes (weights e^(−180²/800)).
      for (let x = 0; x < 8; x++) {
        const mean = x < 4 ? 40 : 220;
        assert.ok(Math.abs(out[y][x] - mean) < 4, `(${y}, ${x}) = ${out[y][x]}`);
      }
    }
  });

  it('matches cv2.bilateralFilter byte for byte on the fixture images (3 channels as imgaug, 1 channel, d 2 to 9)', () => {
    assert.ok(checkFixtureCases(fixture, 'BilateralBlur') >= 32);
  });

  it('returns an unchanged copy for d 1', () => {
    const image = fixture.images[4];
    assert.ok(imagesEqual(BilateralBlur(1).augmentImage(image), image));
  });

  it('filters float32 images with the same weights in double, keeping a constant image constant', () => {
    const out = BilateralBlur(5, { sigmaColor: 1, sigmaSpace: 3 }).augmentImage(
      makeImage(new Float32Array(20).fill(0.25), 4, 5),
    );
    assert.ok(out.data.every((v) => Math.abs(v - 0.25) < 1e-7));
  });

  itKeepsPixelProperties((d) => BilateralBlur([1, d], { seed: 3 }), fc.integer({ min: 1, max: 7 }), 60);

  it('rejects bad options with the template error', () => {
    assert.throws(() => BilateralBlur(0), /BilateralBlur: d must be an integer in \[1, 99\]/);
    assert.throws(
      () => BilateralBlur(3, { sigmaColor: 0.5 }),
      /BilateralBlur: sigmaColor must be a number in \[1, 1000000\]/,
    );
  });
});
