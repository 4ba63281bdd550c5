import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual } from '../../core/image.ts';
import { EdgeDetect } from './edge-detect.ts';
import { Emboss } from './emboss.ts';
import { Sharpen } from './sharpen.ts';

// Sharpen, Emboss and EdgeDetect: fixed 3 × 3 effects blended with the identity (matrix.ts), one file of tests.
const fixture = loadFilterFixture('filters-convolution.json');
const dot = () =>
  imageFromRows([
    [10, 10, 10, 10, 10],
    [10, 10, 10, 10, 10],
    [10, 10, 50, 10, 10],
    [10, 10, 10, 10, 10],
    [10, 10, 10, 10, 10],
  ]);

describe('Sharpen', () => {
  it('applies [[-1, -1, -1], [-1, 9, -1], [-1, -1, -1]] at alpha 1 and lightness 1', () => {
    const out = imageToRows(Sharpen(1, { lightness: 1 }).augmentImage(dot()));
    // Centre: 9 · 50 − 8 · 10 = 370 → 255; its neighbours: 9 · 10 − 7 · 10 − 50 = −30 → 0; elsewhere 10.
    assert.equal(out[2][2], 255);
    assert.equal(out[1][1], 0);
    assert.equal(out[2][3], 0);
    assert.equal(out[0][0], 10);
    assert.equal(out[4][4], 10);
  });

  it('blends with the identity: alpha 0.5, lightness 1 gives centre 0.5 + 0.5 · 9 = 5', () => {
    const out = imageToRows(Sharpen(0.5, { lightness: 1 }).augmentImage(dot()));
    // The kernel is 5 in the centre and −0.5 around it: 5 · 50 − 0.5 · 8 · 10 = 210 at the dot, and
    // 5 · 10 − 0.5 · (7 · 10 + 50) = −10 → 0 next to it.
    assert.equal(out[2][2], 210);
    assert.equal(out[1][2], 0);
  });

  it('leaves images unchanged at alpha 0', () => {
    const image = fixture.images[4];
    assert.ok(imagesEqual(Sharpen(0).augmentImage(image), image));
  });

  it('matches cv2.filter2D with imgaug’s float32 kernel byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'Sharpen') >= 28);
  });

  itKeepsPixelProperties((a) => Sharpen([0, a], { seed: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), 60);

  it('rejects alpha outside [0, 1] and negative lightness with the template error', () => {
    assert.throws(() => Sharpen(1.5), /Sharpen: alpha must be a number in \[0, 1\].*received 1\.5/);
    assert.throws(() => Sharpen(1, { lightness: -1 }), /Sharpen: lightness must be a number in \[0, 1000000\]/);
  });
});

describe('Emboss', () => {
  it('applies [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]] at alpha 1 and strength 1', () => {
    const out = imageToRows(Emboss(1, { strength: 1 }).augmentImage(dot()));
    // The kernel sums to 1, so flat areas stay 10 and each pixel is 10 + tap · (50 − 10) for the tap that reads the
    // dot: 1 at the dot (50), 2 up-left of it (90), −2 down-right of it (−70 → 0).
    assert.equal(out[2][2], 50);
    assert.equal(out[1][1], 90);
    assert.equal(out[3][3], 0);
    assert.equal(out[0][4], 10);
  });

  it('matches cv2.filter2D with imgaug’s float32 kernel byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'Emboss') >= 21);
  });

  itKeepsPixelProperties(
    (s) => Emboss([0, 1], { strength: [0, s], seed: 3 }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    60,
  );

  it('rejects bad options with the template error', () => {
    assert.throws(() => Emboss(-0.1), /Emboss: alpha must be a number in \[0, 1\]/);
    assert.throws(() => Emboss(1, { strength: -2 }), /Emboss: strength must be/);
  });
});

describe('EdgeDetect', () => {
  it('applies the Laplacian [[0, 1, 0], [1, -4, 1], [0, 1, 0]] at alpha 1: flat areas black, the dot’s edges bright', () => {
    const out = imageToRows(EdgeDetect(1).augmentImage(dot()));
    // Centre: −4 · 50 + 4 · 10 = −160 → 0; its 4-neighbours: 50 + 3 · 10 − 40 = 40; flat: 0.
    assert.equal(out[2][2], 0);
    assert.equal(out[1][2], 40);
    assert.equal(out[2][1], 40);
    assert.equal(out[1][1], 0);
    assert.equal(out[0][0], 0);
  });

  it('matches cv2.filter2D with imgaug’s float32 kernel byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'EdgeDetect') >= 21);
  });

  itKeepsPixelProperties((a) => EdgeDetect([0, a], { seed: 3 }), fc.double({ min: 0, max: 1, noNaN: true }), 60);

  it('rejects alpha outside [0, 1] with the template error', () => {
    assert.throws(() => EdgeDetect(2), /EdgeDetect: alpha must be a number in \[0, 1\]/);
  });
});
