import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Shape } from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import * as iaa from '../../index.ts';
import type { PositionInput } from './fixed-size-core.ts';

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => 1 + ((i * 7) % 250)),
    h,
    w,
    c,
  );

const size = (a: iaa.Augmenter, h: number, w: number) => {
  const out = a.augmentImage(ramp(h, w));
  return [out.height, out.width];
};

/** The sides of the crop or pad step of a drawn warp. */
function sidesOf(warp: Warp, kind: 'crop' | 'pad'): { top: number; right: number; bottom: number; left: number } {
  const step = (warp.kind === 'chain' ? warp.steps : [warp]).find((s) => s.kind === kind);
  return step?.kind === 'crop' || step?.kind === 'pad' ? step.sides : { top: 0, right: 0, bottom: 0, left: 0 };
}

describe('PadToFixedSize and CropToFixedSize', () => {
  it('split the amount by position: int((1 − x) · total) before, the rest after', () => {
    const pad = (position: PositionInput) =>
      sidesOf(
        iaa.PadToFixedSize({ width: 7, height: 5, position }).drawParams(iaa.Identity().rootSource(0, 0), shape(3, 4))
          .warp,
        'pad',
      );
    assert.deepEqual(pad('left-top'), { top: 2, right: 0, bottom: 0, left: 3 });
    assert.deepEqual(pad('right-bottom'), { top: 0, right: 3, bottom: 2, left: 0 });
    assert.deepEqual(pad('center'), { top: 1, right: 2, bottom: 1, left: 1 }); // the odd pixel right and bottom
    assert.deepEqual(pad({ x: 0.3, y: 1 }), { top: 0, right: 1, bottom: 2, left: 2 }); // int(0.7 · 3) = 2
    const crop = (position: PositionInput) =>
      sidesOf(
        iaa.CropToFixedSize({ width: 4, height: 3, position }).drawParams(iaa.Identity().rootSource(0, 0), shape(6, 9))
          .warp,
        'crop',
      );
    assert.deepEqual(crop('left-top'), { top: 3, right: 0, bottom: 0, left: 5 }); // keeps the bottom-right part
    assert.deepEqual(crop('center'), { top: 1, right: 3, bottom: 2, left: 2 });
  });

  it('pads only smaller sides and crops only larger ones, keeping the pixels', () => {
    const image = ramp(3, 6);
    const padded = iaa.CenterPadToFixedSize({ width: 4, height: 5 }).augmentImage(image);
    assert.deepEqual([padded.height, padded.width], [5, 6]);
    assert.deepEqual(padded.data.subarray(6, 24), image.data); // one row on top, the image, one row below
    const cropped = iaa.CropToFixedSize({ width: 4, height: 2, position: 'right-bottom' }).augmentImage(image);
    assert.deepEqual(Array.from(cropped.data), [1, 8, 15, 22, 43, 50, 57, 64]);
    assert.deepEqual(size(iaa.CropToFixedSize({ width: 10 }), 3, 6), [3, 6]);
  });

  it("draws CropToFixedSize's position uniformly by default", () => {
    const aug = iaa.CropToFixedSize({ width: 4, height: null, seed: 5 });
    const counts = new Array(11).fill(0);
    const n = 4000;
    for (let i = 0; i < n; i++) counts[sidesOf(aug.drawParams(aug.rootSource(0, i), shape(4, 14)).warp, 'crop').left]++;
    // left = int((1 − x) · 10) with x ~ U(0, 1): 0 … 9 each 10% (10 only when x is exactly 0).
    for (let k = 0; k < 10; k++) assert.ok(Math.abs(counts[k] / n - 0.1) < 0.015, `${counts}`);
    const normal = iaa.CropToFixedSize({ width: 4, height: null, position: 'normal', seed: 5 });
    let middle = 0;
    for (let i = 0; i < n; i++) {
      const left = sidesOf(normal.drawParams(normal.rootSource(0, i), shape(4, 14)).warp, 'crop').left;
      if (left >= 4 && left <= 5) middle++;
    }
    // x ~ N(0.5, 0.175) clipped: left is 4 or 5 when x lies in (0.4, 0.6], about 43% (uniform: 20%).
    assert.ok(Math.abs(middle / n - 0.43) < 0.03, `${middle}`);
  });

  it('rejects negative or fractional sizes and unknown positions, naming the option', () => {
    assert.throws(
      () => iaa.PadToFixedSize({ width: -1, height: 5 }),
      /PadToFixedSize: width must be an integer in \[1, 65535\] or null; received -1/,
    );
    assert.throws(
      () => iaa.CropToFixedSize({ width: 4, height: 2.5 }),
      /CropToFixedSize: height must be an integer in \[1, 65535\] or null/,
    );
    assert.throws(
      () => iaa.CropToFixedSize({ width: 4, height: 4, position: 'middle' } as never),
      /CropToFixedSize: position must be 'uniform', 'normal'/,
    );
    assert.throws(
      () => iaa.PadToFixedSize({ width: 4, height: 4, position: { x: 1.5, y: 0 } }),
      /PadToFixedSize: position.x must be a number in \[0, 1\]/,
    );
    assert.throws(
      () => iaa.PadToMultiplesOf({ widthMultiple: 0, heightMultiple: 2 }),
      /PadToMultiplesOf: widthMultiple must be an integer in \[1, 65535\]/,
    );
    assert.throws(
      () => iaa.CropToPowersOf({ widthBase: 1, heightBase: 2 }),
      /CropToPowersOf: widthBase must be an integer in \[2, 65535\]/,
    );
    assert.throws(() => iaa.PadToAspectRatio(0), /PadToAspectRatio: aspectRatio must be a number in \(0, 65535\]/);
  });
});

describe('the multiples, powers, aspect-ratio and square forms', () => {
  it('reach the sizes imgaug computes', () => {
    assert.deepEqual(size(iaa.PadToMultiplesOf({ widthMultiple: 4, heightMultiple: 3 }), 9, 10), [9, 12]);
    assert.deepEqual(size(iaa.CropToMultiplesOf({ widthMultiple: 4, heightMultiple: 3 }), 11, 10), [9, 8]);
    assert.deepEqual(size(iaa.PadToPowersOf({ widthBase: 2, heightBase: 2 }), 60, 100), [64, 128]);
    assert.deepEqual(size(iaa.PadToPowersOf({ widthBase: 3, heightBase: 3 }), 2, 3), [3, 3]); // below the base: the base
    assert.deepEqual(size(iaa.CropToPowersOf({ widthBase: 2, heightBase: 2 }), 60, 100), [32, 64]);
    // imgaug's float logarithm: log(1000) / log(10) = 2.9999999999999996, so 1000 is cropped to 100.
    assert.deepEqual(size(iaa.CropToPowersOf({ widthBase: 10, heightBase: null }), 2, 1000), [2, 100]);
    assert.deepEqual(size(iaa.PadToAspectRatio(2), 5, 7), [5, 10]); // 7 + ceil(1.5) + floor(1.5)
    assert.deepEqual(size(iaa.PadToAspectRatio(1.5), 5, 4), [5, 7]); // 3.5 → 2 + 1: one pixel short of 7.5
    assert.deepEqual(size(iaa.CropToAspectRatio(1.5), 10, 10), [7, 10]); // 3.33 → 1 + 2
    assert.deepEqual(size(iaa.CropToAspectRatio(100), 3, 2), [1, 2]); // keeps one row
    assert.deepEqual(size(iaa.PadToSquare(), 5, 9), [9, 9]);
    assert.deepEqual(size(iaa.CenterCropToSquare(), 5, 9), [5, 5]);
  });

  it('centre the Center… forms, the odd pixel right and bottom', () => {
    const aug = iaa.CenterPadToMultiplesOf({ widthMultiple: 4, heightMultiple: 4 });
    assert.deepEqual(sidesOf(aug.drawParams(aug.rootSource(0, 0), shape(5, 1)).warp, 'pad'), {
      top: 1,
      right: 2,
      bottom: 2,
      left: 1,
    });
    const crop = iaa.CenterCropToSquare();
    assert.deepEqual(sidesOf(crop.drawParams(crop.rootSource(0, 0), shape(4, 9)).warp, 'crop'), {
      top: 0,
      right: 3,
      bottom: 0,
      left: 2,
    });
  });
});

function shape(height: number, width: number): Shape {
  return { height, width, channels: 1 };
}
