import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { randomImage } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';

// Pillow 9.4's ImageEnhance on L, RGB and RGBA images, factors 0, 0.37, 1, 1.6 and 2.9 (scripts/gen-pillike-fixtures.py).
const fixture = loadFilterFixture('pillike-filters.json');

const ENHANCERS = ['EnhanceColor', 'EnhanceContrast', 'EnhanceBrightness', 'EnhanceSharpness'] as const;

describe('pillike enhancers', () => {
  for (const name of ENHANCERS) {
    it(`pillike.${name} gives Pillow's ImageEnhance bytes on 1-, 3- and 4-channel images`, () => {
      assert.equal(checkFixtureCases(fixture, `pillike.${name}`), 5 * fixture.images.length);
    });
  }

  it('scales by the factor in float32 and truncates (Brightness: 255 · 0.5 → 127, 3 · 0.5 → 1, 200 · 2 → 255)', () => {
    const image = iaa.makeImage(Uint8Array.from([255, 3, 200, 0]), 1, 4, 1);
    assert.deepEqual([...iaa.pillike.EnhanceBrightness(0.5).augmentImage(image).data], [127, 1, 100, 0]);
    assert.deepEqual([...iaa.pillike.EnhanceBrightness(2).augmentImage(image).data], [255, 6, 255, 0]);
  });

  it('blends with the mean gray rounded half up (Contrast: the mean of 0 and 255 is 127.5 → 128)', () => {
    const image = iaa.makeImage(Uint8Array.from([0, 255]), 1, 2, 1);
    assert.deepEqual([...iaa.pillike.EnhanceContrast(0).augmentImage(image).data], [128, 128]);
    // 128 + 0.5 · (0 − 128) = 64; 128 + 0.5 · (255 − 128) = 191.5 → 191.
    assert.deepEqual([...iaa.pillike.EnhanceContrast(0.5).augmentImage(image).data], [64, 191]);
  });

  it("blends with Pillow's gray of each pixel (Color 0: (19595 R + 38470 G + 7471 B + 32768) >> 16)", () => {
    const image = iaa.makeImage(Uint8Array.from([255, 0, 0, 0, 0, 255]), 1, 2, 3);
    // Red: 19595 · 255 / 65536 = 76.2 → 76; blue: 7471 · 255 / 65536 = 29.07 → 29.
    assert.deepEqual([...iaa.pillike.EnhanceColor(0).augmentImage(image).data], [76, 76, 76, 29, 29, 29]);
  });

  it('returns the image unchanged at factor 1, and a gray image unchanged by Color at any factor', () => {
    const rgb = randomImage(7, 9, 3, 4);
    for (const name of ENHANCERS) assert.deepEqual(iaa.pillike[name](1).augmentImage(rgb).data, rgb.data, name);
    const gray = randomImage(7, 9, 1, 5);
    assert.deepEqual(iaa.pillike.EnhanceColor([0, 3]).augmentImage(gray).data, gray.data);
  });

  it('keeps the alpha channel of 4-channel images', () => {
    const rgba = randomImage(8, 9, 4, 6);
    for (const name of ENHANCERS) {
      const out = iaa.pillike[name](2.5).augmentImage(rgba).data;
      for (let i = 3; i < out.length; i += 4) assert.equal(out[i], rgba.data[i], `${name} alpha at ${i}`);
    }
  });

  it('draws the factor per image from its range (Brightness [0, 2] on a flat 100: mean output 99.5 ± 2)', () => {
    const n = 4000;
    const batch: iaa.UniformBatch = { data: new Uint8Array(n).fill(100), n, height: 1, width: 1, channels: 1 };
    const out = iaa.pillike.EnhanceBrightness([0, 2], { seed: 3 }).augmentImages(batch) as iaa.UniformBatch;
    const values = [...out.data];
    const mean = values.reduce((a, b) => a + b, 0) / n;
    assert.ok(Math.abs(mean - 99.5) < 2, `mean ${mean}`);
    // Uniform factors: about a quarter of the outputs below 50 and a quarter at or above 150.
    const low = values.filter((v) => v < 50).length / n;
    const high = values.filter((v) => v >= 150).length / n;
    assert.ok(Math.abs(low - 0.25) < 0.03 && Math.abs(high - 0.25) < 0.03, `${low} ${high}`);
  });

  it('rejects a negative factor with the template error', () => {
    assert.throws(() => iaa.pillike.EnhanceColor(-0.5), /pillike\.EnhanceColor: factor must be .*received -0\.5/);
  });
});
