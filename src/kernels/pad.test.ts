import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseName, cropPadCases, cropPadImages, expectedData } from '../../test/helpers/croppad-fixture.ts';
import { imageFromRows, imageToRows } from '../core/image.ts';
import { cropImage } from './crop.ts';
import { type PadMode, type Sides, padCvalFor, padImage } from './pad.ts';
import { rotate90 } from './rot90.ts';

function padded(rows: number[][], sides: Sides, mode: PadMode, cval = 0): number[][] {
  const src = imageFromRows(rows);
  const height = src.height + sides.top + sides.bottom;
  const width = src.width + sides.left + sides.right;
  const out = { data: new Uint8Array(height * width), height, width, channels: 1 };
  padImage(src, out, sides, mode, padCvalFor(cval, mode, true));
  return imageToRows(out);
}

const LEFT2 = { top: 0, right: 0, bottom: 0, left: 2 };

describe('padImage', () => {
  it('pads by hand-derived rules for each index mode', () => {
    assert.deepEqual(padded([[1, 2, 3]], LEFT2, 'constant', 9.9), [[9, 9, 1, 2, 3]]);
    assert.deepEqual(padded([[1, 2, 3]], LEFT2, 'edge'), [[1, 1, 1, 2, 3]]);
    assert.deepEqual(padded([[1, 2, 3]], LEFT2, 'reflect'), [[3, 2, 1, 2, 3]]);
    assert.deepEqual(padded([[1, 2, 3]], LEFT2, 'symmetric'), [[2, 1, 1, 2, 3]]);
    assert.deepEqual(padded([[1, 2, 3]], LEFT2, 'wrap'), [[2, 3, 1, 2, 3]]);
  });

  it('fills statistic modes with the row statistic, rounded half to even, and corners from the padded rows', () => {
    assert.deepEqual(padded([[1, 2, 4, 8]], LEFT2, 'mean'), [[4, 4, 1, 2, 4, 8]]); // 3.75
    assert.deepEqual(padded([[1, 2, 4, 9]], LEFT2, 'median'), [[3, 3, 1, 2, 4, 9]]); // 3
    assert.deepEqual(padded([[1, 2]], LEFT2, 'mean'), [[2, 2, 1, 2]]); // 1.5 → 2
    assert.deepEqual(padded([[2, 3]], LEFT2, 'mean'), [[2, 2, 2, 3]]); // 2.5 → 2
    // Rows first: the top row is the column maxima [5, 7]; the corner is that row's maximum.
    const corner = padded(
      [
        [1, 7],
        [5, 2],
      ],
      { top: 1, right: 0, bottom: 0, left: 1 },
      'maximum',
    );
    assert.deepEqual(corner, [
      [7, 5, 7],
      [7, 1, 7],
      [5, 5, 2],
    ]);
  });

  it('ramps linearly from cval to the edge, floored', () => {
    // linspace(0, 10, 4, endpoint=False) = 0, 2.5, 5, 7.5.
    assert.deepEqual(padded([[10, 3]], { top: 0, right: 0, bottom: 0, left: 4 }, 'linear_ramp'), [[0, 2, 5, 7, 10, 3]]);
    assert.deepEqual(padded([[10, 3]], { top: 0, right: 2, bottom: 0, left: 0 }, 'linear_ramp', 7), [[10, 3, 5, 7]]);
  });

  it('equals imgaug 0.4.0 (OpenCV and numpy.pad) for every mode, 1, 3 and 4 channels, pads wider than the image', () => {
    const pads = cropPadCases.filter((k) => k.op === 'pad');
    assert.ok(pads.length > 100);
    for (const k of pads) {
      const src = cropPadImages[k.image];
      const [top, right, bottom, left] = k.sides;
      const height = src.height + top + bottom;
      const width = src.width + left + right;
      const expected = expectedData(k);
      const out = { ...src, data: expected.slice().fill(0), height, width };
      padImage(
        src,
        out,
        { top, right, bottom, left },
        k.mode,
        padCvalFor(k.cval, k.mode, src.data instanceof Uint8Array),
      );
      assert.deepEqual(out.data, expected, caseName(k));
    }
  });
});

describe('cropImage', () => {
  it('copies the rectangle that starts top rows down and left columns in', () => {
    const src = imageFromRows([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const out = { data: new Uint8Array(4), height: 2, width: 2, channels: 1 };
    cropImage(src, 1, 1, out);
    assert.deepEqual(imageToRows(out), [
      [5, 6],
      [8, 9],
    ]);
    const rows = { data: new Uint8Array(3), height: 1, width: 3, channels: 1 };
    cropImage(src, 2, 0, rows);
    assert.deepEqual(imageToRows(rows), [[7, 8, 9]]);
  });
});

describe('rotate90', () => {
  it('turns clockwise for k = 1, as np.rot90(image, -1)', () => {
    const src = imageFromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const out = { data: new Uint8Array(6), height: 3, width: 2, channels: 1 };
    rotate90(src, 1, out);
    assert.deepEqual(imageToRows(out), [
      [4, 1],
      [5, 2],
      [6, 3],
    ]);
  });

  it('equals np.rot90(image, k, axes=(1, 0)) for k = 1, 2, 3, −1 and 5', () => {
    const turns = cropPadCases.filter((k) => k.op === 'rot90' && !k.keepSize);
    assert.ok(turns.length >= 30);
    for (const k of turns) {
      if (k.op !== 'rot90') continue;
      const src = cropPadImages[k.image];
      const odd = ((k.k % 4) + 4) % 2 === 1;
      const expected = expectedData(k);
      const out = {
        ...src,
        data: expected.slice().fill(0),
        height: odd ? src.width : src.height,
        width: odd ? src.height : src.width,
      };
      rotate90(src, k.k, out);
      assert.deepEqual(out.data, expected, caseName(k));
    }
  });
});
