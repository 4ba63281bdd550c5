import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => (i * 5) & 255),
    h,
    w,
    c,
  );

describe('Resize', () => {
  it('resizes to { height, width } in pixels, or keeps a side', () => {
    const out = iaa.Resize({ height: 10, width: 6 }).augmentImage(ramp(4, 3, 3));
    assert.deepEqual([out.height, out.width, out.channels], [10, 6, 3]);
    const keep = iaa.Resize({ height: 7, width: 'keep' }).augmentImage(ramp(4, 3));
    assert.deepEqual([keep.height, keep.width], [7, 3]);
  });

  it('reads an integer as pixels for both sides, as imgaug reads a Python int', () => {
    const out = iaa.Resize(64).augmentImage(ramp(256, 200, 3));
    assert.deepEqual([out.height, out.width, out.channels], [64, 64, 3]);
    const up = iaa.Resize(5).augmentImage(ramp(2, 3));
    assert.deepEqual([up.height, up.width], [5, 5]);
  });

  it('reads a range of two integers as pixels drawn per image, any other range as fractions', () => {
    const batch: iaa.UniformBatch = {
      data: new Uint8Array(30 * 256).fill(9),
      n: 30,
      height: 16,
      width: 16,
      channels: 1,
    };
    const px = iaa.Resize([32, 34], { seed: 2 }).augmentImages(batch) as iaa.Image[];
    assert.deepEqual([...new Set(px.map((i) => i.height))].sort(), [32, 33, 34]);
    for (const img of px) assert.equal(img.width, img.height);
    const frac = iaa.Resize([0.5, 2.5], { seed: 2 }).augmentImages(batch) as iaa.Image[];
    assert.ok(frac.every((i) => i.height >= 8 && i.height <= 40));
    assert.ok(frac.some((i) => i.height > 34)); // a fraction of 16, not 0–2 pixels
  });

  it('reads integer-valued parameters as pixels and continuous ones as fractions', () => {
    const px = iaa.Resize(iaa.iap.choice([7, 9]), { seed: 1 }).augmentImage(ramp(4, 4));
    assert.ok(px.height === 7 || px.height === 9);
    const frac = iaa.Resize(iaa.iap.uniform(2.5, 2.5), { seed: 1 }).augmentImage(ramp(4, 4));
    assert.deepEqual([frac.height, frac.width], [10, 10]);
  });

  it('takes a whole-number fraction as { fraction }, and keeps the image with the default or "keep"', () => {
    const twice = iaa.Resize({ fraction: 2 }).augmentImage(ramp(3, 5));
    assert.deepEqual([twice.height, twice.width], [6, 10]);
    const range = iaa.Resize({ fraction: [1, 2] }, { seed: 3 }).augmentImage(ramp(10, 10));
    assert.ok(range.height >= 10 && range.height <= 20 && range.height === range.width);
    for (const aug of [iaa.Resize(), iaa.Resize('keep')]) {
      const img = ramp(3, 5, 2);
      assert.deepEqual(aug.augmentImage(img), img);
    }
    const json = iaa.Resize({ fraction: 2 }).toJSON();
    assert.deepEqual(json.size, { fraction: 2 });
    const back = iaa.fromJSON(JSON.parse(JSON.stringify(json))).augmentImage(ramp(3, 5));
    assert.deepEqual([back.height, back.width], [6, 10]);
  });

  it('refuses an output over 8192 × 8192 pixels before allocating, naming the option and the limit', () => {
    // Every draw over the limit: refused at construction.
    assert.throws(
      () => iaa.Resize(9000),
      /^RangeError: Resize: size gives a 9000 × 9000 output, over augkit's limit of 67108864 pixels/,
    );
    assert.throws(() => iaa.Resize({ height: 65535, width: 2000 }), /Resize: size gives a 65535 × 2000 output/);
    // A fraction depends on the image: refused when drawn, before the kernel runs.
    const big = iaa.makeImage(new Uint8Array(400 * 300), 400, 300, 1);
    assert.throws(
      () => iaa.Resize({ fraction: 100 }).augmentImage(big),
      /Resize: size gives a 40000 × 30000 output, over augkit's limit/,
    );
    // Exactly at the limit is allowed (checked by shape only: 8192 × 8192 of one channel is 64 MiB).
    assert.doesNotThrow(() =>
      iaa.Resize(8192).drawParams(iaa.RandomSource.root(1, 0, 0), { height: 2, width: 2, channels: 1 }),
    );
  });

  it('reads a non-integer number as a fraction of both sides, rounding and never below 1 pixel', () => {
    const out = iaa.Resize(0.5).augmentImage(ramp(28, 9));
    assert.deepEqual([out.height, out.width], [14, 5]); // round(4.5) = 5
    const tiny = iaa.Resize(0.01).augmentImage(ramp(28, 9));
    assert.deepEqual([tiny.height, tiny.width], [1, 1]);
  });

  it('doubles with nearest by repeating each pixel', () => {
    const out = iaa.Resize({ fraction: 2 }, { interpolation: 'nearest' }).augmentImage(
      iaa.imageFromRows([
        [1, 2],
        [3, 4],
      ]),
    );
    assert.deepEqual(iaa.imageToRows(out), [
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });

  it('draws a size per image from a range, so a uniform batch becomes a list', () => {
    const batch: iaa.UniformBatch = { data: new Uint8Array(20 * 16).fill(9), n: 20, height: 4, width: 4, channels: 1 };
    const out = iaa.Resize([0.5, 2], { seed: 1 }).augmentImages(batch);
    assert.ok(Array.isArray(out));
    assert.ok(new Set((out as iaa.Image[]).map((i) => i.height)).size > 2);
    for (const img of out as iaa.Image[]) assert.equal(img.height, img.width);
  });

  it('rejects bad sizes and interpolations', () => {
    assert.throws(
      () => iaa.Resize(0),
      /Resize: size must be pixels \(an integer in \[1, 65535\]\), a fraction in \(0, 100\]/,
    );
    assert.throws(() => iaa.Resize(-0.5), /Resize: size must be pixels .*received -0.5/);
    assert.throws(() => iaa.Resize([2, 1]), /Resize: size must be pixels .*received \[2, 1\] \(min > max\)/);
    assert.throws(() => iaa.Resize({ fraction: 0 }), /Resize: size.fraction must be a number in \(0, 100\]/);
    assert.throws(() => iaa.Resize({ fraction: 2, height: 3 } as never), /\{ fraction \} takes no other key/);
    assert.throws(() => iaa.Resize({ height: 0 }), /Resize: size.height must be an integer in \[1, 65535\]/);
    assert.throws(() => iaa.Resize({ size: { depth: 3 } } as never), /unknown key "depth"/);
    assert.throws(() => iaa.Resize({ depth: 3 } as never), /unknown option "depth"/);
    assert.throws(
      () => iaa.Resize(1, { interpolation: 'area' as never }),
      /interpolation must be one of "nearest", "linear", "cubic"/,
    );
  });
});
