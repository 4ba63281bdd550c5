import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual, makeImage } from '../../core/image.ts';
import { fromJSON } from '../index.ts';
import { Convolve } from './convolve.ts';

const fixture = loadFilterFixture('filters-convolution.json');

describe('Convolve', () => {
  it('correlates without flipping the matrix, with reflected borders', () => {
    // [[1, 0, 0]] reads the left neighbour: a shift right; column −1 reflects to column 1.
    const out = Convolve([[1, 0, 0]]).augmentImage(imageFromRows([[10, 20, 30, 40]]));
    assert.deepEqual(imageToRows(out), [[20, 10, 20, 30]]);
  });

  it('anchors an even-sized matrix at its lower-right middle tap (OpenCV: size / 2)', () => {
    // 1 × 2 matrix [a, b]: out(x) = a · in(x − 1) + b · in(x).
    const out = Convolve([[1, 0]]).augmentImage(imageFromRows([[10, 20, 30, 40]]));
    assert.deepEqual(imageToRows(out), [[20, 10, 20, 30]]);
  });

  it('rounds half to even and saturates uint8 results', () => {
    const out = Convolve([[0.5]]).augmentImage(imageFromRows([[1, 3, 5, 255]]));
    assert.deepEqual(imageToRows(out), [[0, 2, 2, 128]]);
    const neg = Convolve([[-1, 3]]).augmentImage(imageFromRows([[0, 200, 0, 90]]));
    assert.deepEqual(imageToRows(neg), [[0, 255, 0, 255]]);
  });

  it('matches cv2.filter2D byte for byte on the fixture images', () => {
    assert.ok(checkFixtureCases(fixture, 'Convolve') >= 14);
  });

  it('applies one matrix per channel when given a list', () => {
    const image = makeImage(Uint8Array.from([10, 20, 30, 40, 50, 60]), 1, 2, 3);
    const out = Convolve([[[1]], [[0.5]], [[0, 2]]]).augmentImage(image);
    // Channel 2: 2 · the pixel itself (anchor of a 1 × 2 matrix is its second tap).
    assert.deepEqual([...out.data], [10, 10, 60, 40, 25, 120]);
    assert.throws(
      () => Convolve([[[1]], [[1]]]).augmentImage(image),
      /Convolve: matrix must be one matrix, or one per channel \(3 for this image\); received 2 \(matrices given\)/,
    );
  });

  it('returns an unchanged copy without a matrix, and the same bytes for the identity matrix', () => {
    const image = fixture.images[4];
    assert.ok(imagesEqual(Convolve().augmentImage(image), image));
    assert.ok(
      imagesEqual(
        Convolve([
          [0, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
        ]).augmentImage(image),
        image,
      ),
    );
  });

  it('filters float32 images without clipping', () => {
    const out = Convolve([[2]]).augmentImage(makeImage(Float32Array.from([0.75, -1]), 1, 2));
    assert.deepEqual([...out.data], [1.5, -2]);
  });

  it('round-trips through JSON', () => {
    const a = Convolve(
      [
        [0, 1],
        [2, 3],
      ],
      { seed: 1 },
    );
    assert.deepEqual(a.toJSON(), {
      type: 'Convolve',
      seed: 1,
      matrix: [
        [0, 1],
        [2, 3],
      ],
    });
    const image = fixture.images[2];
    assert.ok(imagesEqual(fromJSON(a.toJSON()).augmentImage(image), a.augmentImage(image)));
  });

  itKeepsPixelProperties(
    (m) => Convolve(m),
    fc.array(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 4,
    }),
    60,
  );

  it('rejects bad matrices with the template error', () => {
    assert.throws(() => Convolve([[1, 2], [3]]), /Convolve: matrix must be a matrix .*rows of equal length/);
    assert.throws(() => Convolve([[Number.NaN]]), /Convolve: matrix must be .*entry \[0\]\[0\] is NaN/);
    assert.throws(() => Convolve([]), /Convolve: matrix must be/);
    assert.throws(() => Convolve(5 as never), /Convolve: matrix must be/);
  });
});
