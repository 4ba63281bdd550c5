import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imageFromRows, imageToRows, imagesEqual, makeImage } from '../../core/image.ts';
import { medianFilterU8 } from '../../kernels/median.ts';
import { discreteUniform } from '../../params/uniform.ts';
import { MedianBlur } from './median-blur.ts';

const fixture = loadFilterFixture('filters-blur.json');

/** The median of each window by sorting, with the border replicated: the definition, written plainly. */
function sortedMedian(data: Uint8Array, h: number, w: number, c: number, k: number): Uint8Array {
  const out = new Uint8Array(data.length);
  const r = k >> 1;
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        const window: number[] = [];
        for (let dy = -r; dy <= r; dy++) {
          for (let dx = -r; dx <= r; dx++) window.push(data[(clamp(y + dy, h) * w + clamp(x + dx, w)) * c + ch]);
        }
        window.sort((a, b) => a - b);
        out[(y * w + x) * c + ch] = window[(k * k) >> 1];
      }
    }
  }
  return out;
}

describe('MedianBlur', () => {
  it('removes a single speck and keeps a straight edge (3 × 3, border replicated)', () => {
    const rows = [
      [10, 10, 10, 200, 200],
      [10, 255, 10, 200, 200],
      [10, 10, 10, 200, 200],
      [10, 10, 10, 200, 0],
    ];
    assert.deepEqual(imageToRows(MedianBlur(3).augmentImage(imageFromRows(rows))), [
      [10, 10, 10, 200, 200],
      [10, 10, 10, 200, 200],
      [10, 10, 10, 200, 200],
      // (3, 3) reads 0 twice through the replicated bottom row: 0, 0, 10, 10, 10, 200, 200, 200, 200 → 10.
      [10, 10, 10, 10, 200],
    ]);
  });

  it('matches cv2.medianBlur byte for byte on the fixture images (k 3 to 15, 1, 3 and 4 channels)', () => {
    assert.ok(checkFixtureCases(fixture, 'MedianBlur') >= 25);
  });

  it('equals the sorted-window median for random images, sizes and k (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.uint8Array({ minLength: 405, maxLength: 405, max: 7 }),
        (h, w, c, half, pool) => {
          const k = 2 * half + 1;
          // Few distinct values (0–7 scaled) make many ties, the cases where a histogram median can slip.
          const data = Uint8Array.from(pool.subarray(0, h * w * c), (v) => v * 36);
          const out = new Uint8Array(data.length);
          medianFilterU8(data, { height: h, width: w, channels: c }, k, out);
          assert.deepEqual(out, sortedMedian(data, h, w, c, k));
        },
      ),
      { numRuns: 200, seed: 99 },
    );
  });

  it('returns an unchanged copy for k 1, and makes an even drawn k odd', () => {
    const image = fixture.images[4];
    assert.ok(imagesEqual(MedianBlur(1).augmentImage(image), image));
    const aug = MedianBlur(discreteUniform(2, 4), { seed: 1 });
    const ks = new Set<number>();
    for (let index = 0; index < 30; index++) ks.add(aug.drawParams(aug.rootSource(0, index), image).k);
    assert.deepEqual([...ks].sort(), [3, 5]);
  });

  it('takes the median of float32 windows', () => {
    const data = Float32Array.from([0.1, 0.9, 0.2, 0.8, 0.5, 0.3, 0.7, 0.4, 0.6]);
    const out = MedianBlur(3).augmentImage(makeImage(data, 3, 3));
    // Centre: all nine values, median 0.5. Corner (0, 0): the window repeats the edge: 0.1 ×4, 0.9 ×2, 0.8 ×2, 0.5.
    assert.equal(out.data[4], Math.fround(0.5));
    assert.equal(out.data[0], Math.fround(0.5));
    assert.ok(out.data instanceof Float32Array);
  });

  itKeepsPixelProperties((k) => MedianBlur([1, 2 * k + 1], { seed: 4 }), fc.integer({ min: 0, max: 6 }), 100);

  it("rejects even constants with imgaug's rule, and sizes out of range, with the template error", () => {
    assert.throws(
      () => MedianBlur(4),
      /MedianBlur: k must be an odd integer in \[1, 255\].*received 4 \(4 is even: add or subtract 1\)/,
    );
    assert.throws(() => MedianBlur([0.2, 3]), /MedianBlur: k must be .*received \[0, 3\]/);
    assert.throws(() => MedianBlur(0), /MedianBlur: k must be/);
    assert.throws(() => MedianBlur(257), /MedianBlur: k must be/);
  });
});
