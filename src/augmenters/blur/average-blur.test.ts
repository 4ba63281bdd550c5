import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual, makeImage } from '../../core/image.ts';
import { AverageBlur } from './average-blur.ts';

const fixture = loadFilterFixture('filters-blur.json');

describe('AverageBlur', () => {
  it('averages a 3 × 3 window with OpenCV rounding: a 9 among zeros spreads as 1s', () => {
    const rows = [
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 9, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    const out = imageToRows(AverageBlur(3).augmentImage(imageFromRows(rows)));
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) assert.equal(out[y][x], Math.abs(y - 2) <= 1 && Math.abs(x - 2) <= 1 ? 1 : 0);
    }
  });

  it('rounds halves up in the fixed-point path (2 × 2: (1 + 2) · 32768 >> 16 for a sum of 1)', () => {
    // A 1 in the top-left corner of a 2 × 2 window sums to 1; OpenCV's (1 + 2) · 32768 >> 16 gives 1, not 0.
    const image = imageFromRows([
      [0, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // The window of (y, x) covers rows y − 1, y and columns x − 1, x (anchor 1; row −1 reflects to row 1), so the 1
    // reaches rows and columns 0–2 and each of those windows sums to 1.
    assert.deepEqual(imageToRows(AverageBlur(2).augmentImage(image)), [
      [1, 1, 1, 0],
      [1, 1, 1, 0],
      [1, 1, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('uses a window height rows high and width columns wide', () => {
    const rows = Array.from({ length: 7 }, (_, y) =>
      Array.from({ length: 7 }, (_, x) => (y === 3 && x === 3 ? 250 : 0)),
    );
    const out = imageToRows(AverageBlur({ height: 5, width: 1 }).augmentImage(imageFromRows(rows)));
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) assert.equal(out[y][x], x === 3 && Math.abs(y - 3) <= 2 ? 50 : 0, `(${y}, ${x})`);
    }
  });

  it('matches cv2.blur byte for byte on the fixture images (1, 3 and 4 channels, windows up to 15 × 20)', () => {
    assert.ok(checkFixtureCases(fixture, 'AverageBlur') >= 60);
  });

  it('returns an unchanged copy for k 1 and for a side of 0', () => {
    const image = fixture.images[4];
    for (const k of [1, { height: 0, width: 5 }]) {
      const out = AverageBlur(k).augmentImage(image);
      assert.ok(imagesEqual(out, image), JSON.stringify(k));
    }
  });

  it('keeps a constant float32 image constant and averages float32 windows in double', () => {
    const data = new Float32Array(5 * 4).fill(0.3);
    data[7] = 1.5;
    const out = AverageBlur(3).augmentImage(makeImage(data, 5, 4));
    assert.ok(out.data instanceof Float32Array);
    // (8 · 0.3f + 1.5) / 9 at (2, 2), whose window holds (1, 3) once; 0.3f at (4, 0), whose window misses it.
    assert.ok(Math.abs(out.data[2 * 4 + 2] - (8 * Math.fround(0.3) + 1.5) / 9) < 1e-7);
    assert.ok(Math.abs(out.data[4 * 4] - Math.fround(0.3)) < 1e-7);
  });

  it('draws the two sides separately from { height, width } ranges', () => {
    const aug = AverageBlur({ height: [1, 9], width: [1, 9] }, { seed: 2 });
    const image = makeImage(new Uint8Array(4 * 4), 4, 4);
    const pairs = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const { height, width } = aug.drawParams(aug.rootSource(0, index), image);
      assert.ok(height >= 1 && height <= 9 && width >= 1 && width <= 9 && Number.isInteger(height));
      pairs.add(`${height}x${width}`);
    }
    assert.ok(
      [...pairs].some((p) => p.split('x')[0] !== p.split('x')[1]),
      'sides were never drawn apart',
    );
    assert.ok(pairs.size >= 20, `only ${pairs.size} pairs`);
  });

  it('rounds the ends of a range to integers', () => {
    const aug = AverageBlur([1.6, 3.4], { seed: 2 });
    const image = makeImage(new Uint8Array(4 * 4), 4, 4);
    const sizes = new Set<number>();
    for (let index = 0; index < 30; index++) sizes.add(aug.drawParams(aug.rootSource(0, index), image).height);
    assert.deepEqual([...sizes].sort(), [2, 3]);
  });

  it('serialises k in its named JSON form and back', () => {
    assert.deepEqual(AverageBlur({ height: 3, width: [1, 5] }, { seed: 1 }).toJSON(), {
      type: 'AverageBlur',
      seed: 1,
      k: { height: 3, width: [1, 5] },
    });
    assert.deepEqual(AverageBlur({ seed: 3 }).toJSON(), { type: 'AverageBlur', seed: 3, k: [1, 7] });
  });

  itKeepsPixelProperties((k) => AverageBlur([1, k], { seed: 4 }), fc.integer({ min: 1, max: 14 }), 100);

  it('rejects bad options with the template error', () => {
    assert.throws(() => AverageBlur(-1), /AverageBlur: k must be an integer in \[0, 999\].*received -1/);
    assert.throws(() => AverageBlur(2.5), /AverageBlur: k must be/);
    assert.throws(() => AverageBlur({ height: 3 } as never), /AverageBlur: k must be .*give both height and width/);
    assert.throws(
      () => AverageBlur({ height: 3, width: 1000 }),
      /AverageBlur: k\.width must be an integer in \[0, 999\]/,
    );
  });
});
