// Property checks shared by the pixel augmenters' tests: over random images (uint8 and float32, 1×1 up to 12×12,
// 1 to 5 channels) and random options, the output keeps shape and dtype, float outputs are finite, the input is
// never mutated, and replaying the same drawn params gives the same bytes.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import type { Augmenter } from '../../src/augmenters/base/augmenter.ts';
import { type Image, cloneImage, imagesEqual, shapeOf } from '../../src/core/image.ts';
import { RandomSource } from '../../src/random/stream.ts';

/** A random image: uint8 (0–255) or float32 (0–1, with a few values outside), any small shape. */
export const imageArbitrary: fc.Arbitrary<Image> = fc
  .record({
    h: fc.integer({ min: 1, max: 12 }),
    w: fc.integer({ min: 1, max: 12 }),
    c: fc.integer({ min: 1, max: 5 }),
    float: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  })
  .map(({ h, w, c, float, seed }) => {
    const n = h * w * c;
    let s = seed | 1;
    const next = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    const data = float ? new Float32Array(n) : new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = float ? next() * 1.2 - 0.1 : Math.floor(next() * 256);
    return { data, height: h, width: w, channels: c };
  });

/** Runs the shared properties for augmenters built by `make` from generated options. */
export function checkPixelProperties<T>(make: (options: T) => Augmenter, options: fc.Arbitrary<T>, runs = 150): void {
  fc.assert(
    fc.property(imageArbitrary, options, fc.nat({ max: 1000 }), (image, opts, index) => {
      const before = cloneImage(image);
      const aug = make(opts);
      const out = aug.augmentImage(image, { index });
      assert.ok(imagesEqual(image, before), 'input was mutated');
      assert.deepEqual(shapeOf(out), shapeOf(image));
      assert.equal(out.data.constructor, image.data.constructor);
      assert.notEqual(out.data, image.data, 'output shares the input buffer');
      if (out.data instanceof Float32Array) {
        for (const v of out.data) assert.ok(Number.isFinite(v), `non-finite output ${v}`);
      }
      const params = aug.drawParams(RandomSource.root(7, 0, index, 'prop'), shapeOf(image));
      const first = aug.apply(image, params);
      const second = aug.apply(image, params);
      assert.ok(imagesEqual(first, second), 'the same params gave different bytes');
    }),
    { numRuns: runs, seed: 1234 },
  );
}

/** {@link checkPixelProperties} as a test of its own, under the title every pixel augmenter's suite gives it. */
export function itKeepsPixelProperties<T>(
  make: (options: T) => Augmenter,
  options: fc.Arbitrary<T>,
  runs?: number,
): void {
  it('keeps shape and dtype, never mutates its input and replays params exactly (property)', () => {
    checkPixelProperties(make, options, runs);
  });
}
