import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { randomImage } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';
import { resizeImage } from '../../kernels/resize.ts';
import { KMeansColorQuantization } from './kmeans-color-quantization.ts';

/** The distinct pixels of `image` (its colour channels), as strings. */
function colours(image: iaa.Image, channels = Math.min(3, image.channels)): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < image.height * image.width; i++) {
    out.add(Array.from(image.data.subarray(i * image.channels, i * image.channels + channels)).join());
  }
  return out;
}

/** An image of `height` × `width` pixels drawn from `palette` (RGB triples or gray values) by `picks`. */
function fromPalette(palette: number[][], picks: number[], height: number, width: number): iaa.Image {
  const channels = palette[0].length;
  const data = new Uint8Array(height * width * channels);
  for (let i = 0; i < height * width; i++) data.set(palette[picks[i % picks.length] % palette.length], i * channels);
  return iaa.makeImage(data, height, width, channels);
}

const paletteImage = (channels: number) =>
  fc.record({
    palette: fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: channels, maxLength: channels }), {
      minLength: 1,
      maxLength: 6,
    }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
    height: fc.integer({ min: 3, max: 9 }),
    width: fc.integer({ min: 3, max: 9 }),
    seed: fc.nat(1000),
  });

describe('KMeansColorQuantization', () => {
  it('keeps the colours of an image with at most nColors of them (property, RGB and gray)', () => {
    for (const channels of [3, 1]) {
      fc.assert(
        fc.property(
          paletteImage(channels),
          fc.integer({ min: 6, max: 12 }),
          ({ palette, picks, height, width, seed }, n) => {
            const image = fromPalette(palette, picks, height, width);
            const out = KMeansColorQuantization(n, { toColorspace: 'RGB', seed }).augmentImage(image);
            assert.ok(iaa.imagesEqual(out, image));
          },
        ),
        { numRuns: 100, seed: 7 },
      );
    }
  });

  it('gives at most nColors colours (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(1000),
        fc.constantFrom('RGB', 'Lab', 'HSV'),
        (n, seed, space) => {
          const image = randomImage(9, 11, 3, seed);
          const out = KMeansColorQuantization(n, { toColorspace: space as 'RGB', seed }).augmentImage(image);
          assert.ok(colours(out).size <= n, `${colours(out).size} colours for nColors ${n}`);
          assert.ok(colours(out).size >= Math.min(2, n));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('clusters at maxSize as imgaug does: sides scaled by maxSize / longer side, truncated, then resized back', () => {
    // 23 × 50 with maxSize 10: clustered at int(23 · 10/50) = int(4.6) = 4 × 10, i.e. 40 pixels; with nColors
    // 40 that image is kept as it is (imgaug returns images with no more pixels than colours unchanged), so the result
    // is the 4 × 10 downscale resized back with the same interpolation.
    const image = randomImage(23, 50, 3, 5);
    for (const interpolation of ['linear', 'nearest', 'area'] as const) {
      const small = { data: new Uint8Array(4 * 10 * 3), height: 4, width: 10, channels: 3 } as iaa.Image;
      resizeImage(image, small, interpolation);
      const expected = { data: new Uint8Array(23 * 50 * 3), height: 23, width: 50, channels: 3 } as iaa.Image;
      resizeImage(small, expected, interpolation);
      const out = KMeansColorQuantization(40, { maxSize: 10, interpolation }).augmentImage(image);
      assert.deepEqual(out.data, expected.data, interpolation);
      const fewer = KMeansColorQuantization(4, { maxSize: 10, interpolation, toColorspace: 'RGB' }).augmentImage(image);
      assert.ok(!iaa.imagesEqual(fewer, out));
    }
  });

  it('leaves images with no more pixels than nColors unchanged and keeps an alpha channel', () => {
    const tiny = randomImage(2, 3, 3, 9);
    assert.ok(iaa.imagesEqual(KMeansColorQuantization(6, { toColorspace: 'Lab' }).augmentImage(tiny), tiny));
    const rgba = randomImage(8, 8, 4, 3);
    const out = KMeansColorQuantization(3, { toColorspace: 'RGB' }).augmentImage(rgba);
    for (let i = 0; i < 64; i++) assert.equal(out.data[i * 4 + 3], rgba.data[i * 4 + 3]);
    assert.ok(colours(out).size <= 3);
  });

  it('draws its starting centres from the image’s stream: other seeds may find other colours, the same seed the same', () => {
    const image = randomImage(12, 12, 3, 1);
    const a = KMeansColorQuantization(5, { toColorspace: 'RGB', seed: 1 }).augmentImage(image);
    assert.ok(iaa.imagesEqual(KMeansColorQuantization(5, { toColorspace: 'RGB', seed: 1 }).augmentImage(image), a));
    const others = [2, 3, 4, 5].map((seed) =>
      KMeansColorQuantization(5, { toColorspace: 'RGB', seed }).augmentImage(image),
    );
    assert.ok(others.some((o) => !iaa.imagesEqual(o, a)));
  });

  it("rejects imgaug's bad input with the template error", () => {
    assert.throws(
      () => KMeansColorQuantization(1),
      /KMeansColorQuantization: nColors must be an integer in \[2, 256\]/,
    );
    assert.throws(
      () => KMeansColorQuantization(4, { toColorspace: 'GRAY' as never }),
      /KMeansColorQuantization: toColorspace must be one of/,
    );
    assert.throws(
      () => KMeansColorQuantization(4, { maxSize: 0 }),
      /KMeansColorQuantization: maxSize must be an integer ≥ 1 or null/,
    );
    assert.throws(
      () => KMeansColorQuantization(4, { interpolation: 'bilinear' as never }),
      /KMeansColorQuantization: interpolation must be one of/,
    );
    assert.throws(
      () => KMeansColorQuantization(4).augmentImage(iaa.makeImage(new Uint8Array(8), 2, 2, 2)),
      /KMeansColorQuantization.*1, 3 or 4 channels/,
    );
    assert.throws(
      () => KMeansColorQuantization(4).augmentImage(iaa.makeImage(new Float32Array(12), 2, 2, 3)),
      /KMeansColorQuantization.*uint8/,
    );
  });
});
