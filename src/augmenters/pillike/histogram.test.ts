import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { randomImage } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';

// Pillow 9.4's ImageOps.equalize and autocontrast per channel (scripts/gen-pillike-fixtures.py).
const fixture = loadFilterFixture('pillike-histogram.json');

describe('pillike.Equalize', () => {
  it("gives Pillow's ImageOps.equalize bytes, channel by channel (1, 3 and 4 channels)", () => {
    assert.equal(checkFixtureCases(fixture, 'pillike.Equalize'), fixture.images.length);
  });

  it('subtracts the count of the highest value present from the step (not that of 255)', () => {
    // 300 pixels: 100 each of 10, 20 and 30. step = (300 − 100) // 255 = 0: the image is kept. With 610 pixels
    // (10: 100, 20: 250, 30: 260): step = (610 − 260) // 255 = 1, n = 0: 10 → 0, 20 → 100, 30 → 350 → 255.
    const small = Uint8Array.from({ length: 300 }, (_, i) => 10 + 10 * Math.floor(i / 100));
    assert.deepEqual(iaa.pillike.Equalize().augmentImage(iaa.makeImage(small, 1, 300, 1)).data, small);
    const data = Uint8Array.from({ length: 610 }, (_, i) => (i < 100 ? 10 : i < 350 ? 20 : 30));
    const out = iaa.pillike.Equalize().augmentImage(iaa.makeImage(data, 1, 610, 1)).data;
    assert.deepEqual([out[0], out[100], out[609]], [0, 100, 255]);
  });

  it('quantises float32 images to 256 levels and scales the result back', () => {
    const u8 = randomImage(20, 30, 3, 9);
    const f32 = iaa.makeImage(
      Float32Array.from(u8.data, (v) => v / 255),
      20,
      30,
      3,
    );
    const a = iaa.pillike.Equalize().augmentImage(u8).data;
    const b = iaa.pillike.Equalize().augmentImage(f32).data;
    assert.ok(b.every((v, i) => Math.abs(v * 255 - a[i]) < 1e-3));
  });
});

describe('pillike.Autocontrast', () => {
  it("gives Pillow's ImageOps.autocontrast bytes for cut-offs 0, 1, 2, 10, 20 and 49, channel by channel", () => {
    assert.equal(checkFixtureCases(fixture, 'pillike.Autocontrast'), 6 * fixture.images.length);
  });

  it('stretches the lowest and highest values present to 0 and 255 (cutoff 0)', () => {
    const image = iaa.makeImage(Uint8Array.from([50, 100, 150]), 1, 3, 1);
    // scale 255 / 100, offset −50 · 2.55: 100 → int(127.5) = 127.
    assert.deepEqual([...iaa.pillike.Autocontrast(0).augmentImage(image).data], [0, 127, 255]);
  });

  it('draws one cut-off per channel with perChannel, else one per image', () => {
    const image = randomImage(16, 16, 3, 3);
    const drawn = (perChannel: boolean, seed: number) =>
      iaa.pillike.Autocontrast([0, 40], { perChannel, seed }).drawParams(iaa.RandomSource.root(seed, 0, 0), image)
        .cutoffs;
    assert.equal(drawn(false, 1).length, 1);
    const per = [1, 2, 3, 4, 5].map((s) => drawn(true, s));
    assert.ok(per.every((c) => c.length === 3 && c.every((v) => Number.isInteger(v) && v >= 0 && v <= 40)));
    assert.ok(
      per.some((c) => new Set(c).size > 1),
      'the channels draw their own',
    );
  });

  it('rejects a cut-off outside [0, 49] with the template error', () => {
    assert.throws(() => iaa.pillike.Autocontrast(50), /pillike\.Autocontrast: cutoff must be .*received 50/);
  });
});

// Pillow's ImageOps.solarize and posterize (RGBA: solarize per channel, posterize with alpha kept, as imgaug does).
const lut = loadFilterFixture('pillike-filters.json');

describe('pillike.Solarize', () => {
  it("gives Pillow's ImageOps.solarize bytes for thresholds 0, 64, 128, 200.5 and 256", () => {
    assert.equal(checkFixtureCases(lut, 'pillike.Solarize'), 5 * lut.images.length);
  });

  it('inverts the values at or above the threshold, and keeps 200 for a threshold of 200.5 (as Pillow)', () => {
    const image = iaa.makeImage(Uint8Array.from([0, 127, 128, 200, 201, 255]), 1, 6, 1);
    assert.deepEqual([...iaa.pillike.Solarize().augmentImage(image).data], [0, 127, 127, 55, 54, 0]);
    const t = iaa.pillike.Solarize(1, { threshold: 200.5 }).augmentImage(image).data;
    assert.deepEqual([...t], [0, 127, 128, 200, 54, 0]);
    assert.deepEqual(
      [...iaa.pillike.Solarize(1, { threshold: -3 }).augmentImage(image).data],
      [255, 128, 127, 55, 54, 0],
    );
  });

  it('solarizes about p of the images', () => {
    const n = 2000;
    const batch: iaa.UniformBatch = { data: new Uint8Array(n).fill(200), n, height: 1, width: 1, channels: 1 };
    const out = iaa.pillike.Solarize(0.3, { seed: 4 }).augmentImages(batch) as iaa.UniformBatch;
    const share = out.data.filter((v) => v === 55).length / n;
    assert.ok(Math.abs(share - 0.3) < 0.03, `${share}`);
  });
});

describe('pillike.Posterize', () => {
  it("gives Pillow's ImageOps.posterize bytes for 1, 3, 5 and 8 bits, alpha kept", () => {
    assert.equal(checkFixtureCases(lut, 'pillike.Posterize'), 4 * lut.images.length);
  });

  it('is registered apart from the top-level Posterize, with the same bytes', () => {
    const image = randomImage(9, 7, 3, 2);
    const a = iaa.pillike.Posterize(3);
    assert.equal(a.type, 'pillike.Posterize');
    assert.equal(iaa.fromJSON(a.toJSON()).type, 'pillike.Posterize');
    assert.deepEqual(a.augmentImage(image).data, iaa.Posterize(3).augmentImage(image).data);
    assert.deepEqual(
      a.augmentImage(image).data,
      image.data.map((v) => v & 0xe0),
    );
  });
});
