import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows } from '../../core/image.ts';
import { MotionBlur, motionKernel } from './motion-blur.ts';

const fixture = loadFilterFixture('filters-convolution.json');

describe('MotionBlur', () => {
  it('builds a vertical line of equal weights for angle 0 and direction 0', () => {
    const { data } = motionKernel(5, 0, 0, 1, true);
    // linspace(0.5, 0.5) · 255 → 127 in each row of the middle column, then / 255 / sum: 1/5 each.
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 5; x++) assert.equal(data[y * 5 + x], x === 2 ? Math.fround(0.2) : 0, `(${y}, ${x})`);
    }
  });

  it('puts the weight at one end for direction ±1 and turns the line by the angle', () => {
    const down = motionKernel(3, 0, 1, 1, true).data;
    // direction 1: linspace(1, 0, 3) · 255 = 255, 127, 0 down the column → weights 255/382 and 127/382.
    assert.ok(down[1] > down[4] && down[7] === 0);
    const turned = motionKernel(3, 90, -1, 1, true).data;
    // direction −1 puts the weight at the bottom; a quarter turn clockwise moves the bottom to the left.
    assert.deepEqual(
      [...turned].map((v) => v > 0),
      [false, false, false, true, true, false, false, false, false],
    );
    assert.ok(turned[3] > turned[4]);
  });

  it('smears a dot along the line: angle 0 blurs columns only', () => {
    const rows = Array.from({ length: 7 }, (_, y) =>
      Array.from({ length: 7 }, (_, x) => (y === 3 && x === 3 ? 250 : 0)),
    );
    const out = imageToRows(MotionBlur(5, { angle: 0, direction: 0 }).augmentImage(imageFromRows(rows)));
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) assert.equal(out[y][x], x === 3 && Math.abs(y - 3) <= 2 ? 50 : 0, `(${y}, ${x})`);
    }
  });

  it('matches imgaug’s kernel through cv2.filter2D byte for byte on the fixture images (k 3–9, turned lines)', () => {
    assert.ok(checkFixtureCases(fixture, 'MotionBlur') >= 35);
  });

  it('makes an even k odd and draws angles, directions and sizes per image', () => {
    const aug = MotionBlur([4, 6], { seed: 2 });
    const image = { height: 8, width: 8, channels: 1 };
    const sizes = new Set<number>();
    for (let index = 0; index < 30; index++) sizes.add(aug.drawParams(aug.rootSource(0, index), image).kernel.height);
    assert.deepEqual([...sizes].sort(), [5, 7]);
  });

  itKeepsPixelProperties((k) => MotionBlur([3, k], { seed: 3 }), fc.integer({ min: 3, max: 11 }), 60);

  it('rejects bad options with the template error', () => {
    assert.throws(() => MotionBlur(2), /MotionBlur: k must be an integer in \[3, 99\]/);
    assert.throws(() => MotionBlur(5, { direction: 1.5 }), /MotionBlur: direction must be a number in \[-1, 1\]/);
    assert.throws(() => MotionBlur(5, { order: 2 as never }), /MotionBlur: order must be one of 0, 1, 3/);
  });
});
