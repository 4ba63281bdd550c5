import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as iaa from '../../index.ts';

const rgb = iaa.makeImage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 2, 2, 3);

describe('Fliplr', () => {
  it('reverses the columns and keeps each pixel’s channels together', () => {
    const out = iaa.Fliplr(1).augmentImage(rgb);
    assert.deepEqual(Array.from(out.data), [4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9]);
  });

  it('gives fixed coins for p = 0 and p = 1, equal to the drawn ones, and none for 0 < p < 1', () => {
    const shape = { height: 1, width: 1, channels: 1 };
    for (const p of [0, 1]) {
      const aug = iaa.Fliplr(p);
      const kind = p === 1 ? 'flip' : 'identity';
      assert.equal(aug.fixedParams(shape)?.warp.kind, kind);
      assert.equal(aug.drawParams(iaa.RandomSource.root(5, 2, 9, 'Fliplr'), shape).warp.kind, kind);
    }
    assert.equal(iaa.Fliplr(0.5).fixedParams(shape), undefined);
  });

  it('is the identity when applied twice (property over random images)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        (h, w, c) => {
          const data = new Uint8Array(h * w * c).map((_, i) => (i * 31 + 7) & 255);
          const image = iaa.makeImage(data, h, w, c);
          const twice = iaa.Fliplr(1).augmentImage(iaa.Fliplr(1).augmentImage(image));
          return iaa.imagesEqual(twice, image);
        },
      ),
    );
  });

  it('flips about half of 10,000 images with p = 0.5', () => {
    const n = 10_000;
    const batch: iaa.UniformBatch = {
      data: new Uint8Array(n * 2).map((_, i) => i % 2),
      n,
      height: 1,
      width: 2,
      channels: 1,
    };
    const out = iaa.Fliplr(0.5, { seed: 3 }).augmentImages(batch) as iaa.UniformBatch;
    let flipped = 0;
    for (let i = 0; i < n; i++) if (out.data[2 * i] === 1) flipped++;
    assert.ok(Math.abs(flipped / n - 0.5) < 0.02, `flipped share ${flipped / n}`);
  });

  it('leaves the image unchanged with p = 0', () => {
    assert.ok(iaa.imagesEqual(iaa.Fliplr(0).augmentImage(rgb), rgb));
  });

  it('rejects p outside [0, 1]', () => {
    assert.throws(() => iaa.Fliplr(2), /Fliplr: p must be a number in \[0, 1\]/);
  });
});

describe('Flipud', () => {
  it('reverses the rows', () => {
    const out = iaa.Flipud(1).augmentImage(rgb);
    assert.deepEqual(Array.from(out.data), [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]);
  });
  it('works on float32 images and is an involution', () => {
    const f = iaa.makeImage(new Float32Array([0.5, -1, 2.25, 3]), 4, 1, 1);
    const once = iaa.Flipud(1).augmentImage(f);
    assert.deepEqual(Array.from(once.data), [3, 2.25, -1, 0.5]);
    assert.ok(iaa.imagesEqual(iaa.Flipud(1).augmentImage(once), f));
  });
});
