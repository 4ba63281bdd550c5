import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PIL_FILTERS, type PilFilterName, pilFilterU8, pilFilterValue } from './pil-filter.ts';

const NAMES = Object.keys(PIL_FILTERS) as PilFilterName[];

describe('pilFilterU8', () => {
  it("gives Pillow's float32 result (pilFilterValue) at every inner value, for every built-in filter", () => {
    // Images of 0/255 only reach the clipping bounds and the divisor's exact half-way sums often; random values
    // reach the rest.
    const image = fc
      .record({ h: fc.integer({ min: 5, max: 9 }), w: fc.integer({ min: 5, max: 9 }), c: fc.constantFrom(1, 3, 4) })
      .chain(({ h, w, c }) =>
        fc.record({
          h: fc.constant(h),
          w: fc.constant(w),
          c: fc.constant(c),
          data: fc.oneof(
            fc.uint8Array({ minLength: h * w * c, maxLength: h * w * c }),
            fc.array(fc.constantFrom(0, 255, 50, 51), { minLength: h * w * c, maxLength: h * w * c }),
          ),
        }),
      );
    fc.assert(
      fc.property(image, fc.constantFrom(...NAMES), ({ h, w, c, data }, name) => {
        const src = Uint8Array.from(data);
        const filter = PIL_FILTERS[name];
        const out = new Uint8Array(src.length);
        pilFilterU8(src, { height: h, width: w, channels: c }, filter, out);
        const r = filter.size >> 1;
        for (let y = r; y < h - r; y++) {
          for (let i = (y * w + r) * c; i < (y * w + w - r) * c; i++) {
            assert.equal(out[i], pilFilterValue(src, i, w * c, c, filter), `${name} at ${i}`);
          }
        }
      }),
      { numRuns: 300, seed: 24 },
    );
  });

  it('weighs the row below with the first kernel row (EMBOSS: 128 + centre − the pixel below-left)', () => {
    const src = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const out = new Uint8Array(9);
    pilFilterU8(src, { height: 3, width: 3, channels: 1 }, PIL_FILTERS.EMBOSS, out);
    // 128 + 0.5 + 50 − 70 = 108.5 → 108; every other value is on the border and kept.
    assert.deepEqual([...out], [10, 20, 30, 40, 108, 60, 70, 80, 90]);
  });

  it('clips to 0–255 and keeps the outer rows and columns (FIND_EDGES on a bright dot)', () => {
    const src = new Uint8Array(5 * 5).fill(7);
    src[12] = 200;
    const out = new Uint8Array(25);
    pilFilterU8(src, { height: 5, width: 5, channels: 1 }, PIL_FILTERS.FIND_EDGES, out);
    // Centre: 8 · 200 − 8 · 7 = 1544 → 255; its neighbours: 8 · 7 − 7 · 7 − 200 < 0 → 0.
    const expected = [7, 7, 7, 7, 7, 7, 0, 0, 0, 7, 7, 0, 255, 0, 7, 7, 0, 0, 0, 7, 7, 7, 7, 7, 7];
    assert.deepEqual([...out], expected);
  });

  it('copies an image smaller than the kernel on either axis', () => {
    const src = Uint8Array.from({ length: 4 * 7 * 3 }, (_, i) => (i * 37) % 256);
    const out = new Uint8Array(src.length);
    pilFilterU8(src, { height: 4, width: 7, channels: 3 }, PIL_FILTERS.BLUR, out);
    assert.deepEqual(out, src);
    const small = src.subarray(0, 2 * 7);
    const out2 = new Uint8Array(small.length);
    pilFilterU8(small, { height: 2, width: 7, channels: 1 }, PIL_FILTERS.SMOOTH, out2);
    assert.deepEqual(out2, small);
  });
});
