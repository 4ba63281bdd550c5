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

  it('reads a plain number as a fraction of both sides, rounding and never below 1 pixel', () => {
    const out = iaa.Resize(0.5).augmentImage(ramp(28, 9));
    assert.deepEqual([out.height, out.width], [14, 5]); // round(4.5) = 5
    const tiny = iaa.Resize(0.01).augmentImage(ramp(28, 9));
    assert.deepEqual([tiny.height, tiny.width], [1, 1]);
  });

  it('doubles with nearest by repeating each pixel', () => {
    const out = iaa.Resize(2, { interpolation: 'nearest' }).augmentImage(
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
    assert.throws(() => iaa.Resize(0), /Resize: size must be a number in \(0, 100\]/);
    assert.throws(() => iaa.Resize({ height: 0 }), /Resize: size.height must be an integer in \[1, 65535\]/);
    assert.throws(() => iaa.Resize({ size: { depth: 3 } } as never), /unknown key "depth"/);
    assert.throws(() => iaa.Resize({ depth: 3 } as never), /unknown option "depth"/);
    assert.throws(
      () => iaa.Resize(1, { interpolation: 'area' as never }),
      /interpolation must be one of "nearest", "linear", "cubic"/,
    );
  });
});
