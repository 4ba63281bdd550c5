import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual, makeImage } from '../../core/image.ts';
import { AllChannelsCLAHE } from './all-channels-clahe.ts';
import { AllChannelsHistogramEqualization } from './all-channels-histogram-equalization.ts';

// The per-channel histogram augmenters: cv2.equalizeHist and cv2.createCLAHE on each channel.
const fixture = loadFilterFixture('filters-contrast.json');

describe('AllChannelsHistogramEqualization', () => {
  it('spreads the values present over 0–255: the lowest to 0, the highest to 255', () => {
    // Counts 2, 1, 1 of 10, 20, 30: scale 255 / (4 − 2); cumulative 3 and 4 → 127.5 → 128 (half to even) and 255.
    const out = AllChannelsHistogramEqualization().augmentImage(imageFromRows([[10, 10, 20, 30]]));
    assert.deepEqual(imageToRows(out), [[0, 0, 128, 255]]);
  });

  it('keeps a channel of one value', () => {
    const image = makeImage(Uint8Array.from([7, 9, 7, 3, 7, 200]), 3, 1, 2);
    const out = AllChannelsHistogramEqualization().augmentImage(image);
    // Channel 0 is all 7: kept. Channel 1: 9, 3, 200 → 128, 0, 255 (cumulative 2 and 3 of the 2 above the lowest).
    assert.deepEqual([...out.data], [7, 128, 7, 0, 7, 255]);
  });

  it('matches cv2.equalizeHist per channel byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'AllChannelsHistogramEqualization') >= 8);
  });

  it('equalises float32 images on 256 levels and returns 0–1 values', () => {
    const out = AllChannelsHistogramEqualization().augmentImage(
      makeImage(Float32Array.from([0.2, 0.2, 0.4, 0.6]), 1, 4),
    );
    assert.deepEqual([...out.data], [0, 0, 128 / 255, 1].map(Math.fround));
  });
});

describe('AllChannelsCLAHE', () => {
  it('matches cv2.createCLAHE per channel byte for byte (grids 2 × 2 to 8 × 8, padded and not)', () => {
    assert.ok(checkFixtureCases(fixture, 'AllChannelsCLAHE') >= 40);
  });

  it('raises the grid to tileGridSizePxMin: a grid of 2 with the default minimum 3 equals a grid of 3', () => {
    const image = fixture.images[5];
    const a = AllChannelsCLAHE(3, { tileGridSizePx: 2 }).augmentImage(image);
    const b = AllChannelsCLAHE(3, { tileGridSizePx: 3 }).augmentImage(image);
    const c = AllChannelsCLAHE(3, { tileGridSizePx: 2, tileGridSizePxMin: 2 }).augmentImage(image);
    assert.ok(imagesEqual(a, b));
    assert.ok(!imagesEqual(a, c));
  });

  it('draws a clip limit and grid per channel with perChannel', () => {
    const aug = AllChannelsCLAHE([0.5, 8], {
      tileGridSizePx: { height: [3, 9], width: [3, 9] },
      perChannel: true,
      seed: 1,
    });
    const params = aug.drawParams(aug.rootSource(0, 2), { height: 9, width: 9, channels: 3 });
    assert.equal(params.clipLimits.length, 3);
    for (const t of [...params.tilesX, ...params.tilesY]) assert.ok(Number.isInteger(t) && t >= 3 && t <= 9);
    assert.ok(
      params.clipLimits.every((v) => v === Math.fround(v)),
      'clip limits are float32 samples',
    );
  });

  itKeepsPixelProperties(
    (t) => AllChannelsCLAHE([0.1, 8], { tileGridSizePx: [2, t], tileGridSizePxMin: 2, perChannel: 0.5, seed: 3 }),
    fc.integer({ min: 2, max: 9 }),
    60,
  );

  it('rejects grids below 2 and bad clip limits with the template error', () => {
    assert.throws(
      () => AllChannelsCLAHE(2, { tileGridSizePx: 1 }),
      /AllChannelsCLAHE: tileGridSizePx must be an integer in \[2, 100\]/,
    );
    assert.throws(() => AllChannelsCLAHE(2, { tileGridSizePx: { height: 4 } as never }), /give both height and width/);
    assert.throws(() => AllChannelsCLAHE(0), /AllChannelsCLAHE: clipLimit must be a number in \[0.0001, 1000\]/);
    assert.throws(
      () => AllChannelsCLAHE(2, { tileGridSizePxMin: 1 }),
      /AllChannelsCLAHE: tileGridSizePxMin must be an integer in \[2, 100\]/,
    );
  });
});
