import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { resizeImage } from '../../kernels/resize.ts';

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => (i * 13) & 255),
    h,
    w,
    c,
  );

describe('KeepSizeByResize', () => {
  it("resizes the children's result back with the chosen interpolation", () => {
    const image = ramp(9, 7, 3);
    const cropped = iaa.Crop({ px: 2, keepSize: false }).augmentImage(image);
    for (const interpolation of ['nearest', 'linear', 'cubic'] as const) {
      const out = iaa.KeepSizeByResize([iaa.Crop({ px: 2, keepSize: false })], { interpolation }).augmentImage(image);
      const expected = { ...image, data: new Uint8Array(image.data.length) };
      resizeImage(cropped, expected, interpolation);
      assert.deepEqual(out, expected, interpolation);
    }
  });

  it("keeps the children's size with 'no_resize', and copies an image the children left at its size", () => {
    const image = ramp(6, 8);
    const kept = iaa.KeepSizeByResize([iaa.Rot90(1, { keepSize: false })], { interpolation: 'no_resize' });
    const out = kept.augmentImage(image);
    assert.deepEqual([out.height, out.width], [8, 6]);
    const flipped = iaa.KeepSizeByResize([iaa.Fliplr(1)]).augmentImage(image);
    assert.deepEqual(flipped, iaa.Fliplr(1).augmentImage(image));
  });

  it('chooses the interpolation per image from a list', () => {
    const aug = iaa.KeepSizeByResize([iaa.Crop({ px: 1, keepSize: false })], {
      interpolation: ['linear', 'no_resize'],
      seed: 3,
    });
    const sizes = new Set<number>();
    for (let i = 0; i < 30; i++) sizes.add(aug.augmentImages([ramp(8, 8)], { indices: [i] })[0].height);
    assert.deepEqual([...sizes].sort(), [6, 8]);
  });

  it('rejects an unknown interpolation, naming the option', () => {
    assert.throws(
      () => iaa.KeepSizeByResize([], { interpolation: 'lanczos' } as never),
      /KeepSizeByResize: interpolation must be one of "nearest", "linear", "cubic", "no_resize"/,
    );
  });
});
