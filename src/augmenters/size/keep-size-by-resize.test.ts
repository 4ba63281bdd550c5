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
    for (const interpolation of ['nearest', 'linear', 'area', 'cubic'] as const) {
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
      /KeepSizeByResize: interpolation must be one of "nearest", "linear", "area", "cubic", "no_resize"/,
    );
    assert.throws(
      () => iaa.KeepSizeByResize([], { interpolationHeatmaps: 'NO_RESIZE' } as never),
      /KeepSizeByResize: interpolationHeatmaps must be one of "same", "nearest", "linear", "area", "cubic", "no_resize"/,
    );
    assert.throws(
      () => iaa.KeepSizeByResize([], { interpolationSegmaps: 'bilinear' } as never),
      /KeepSizeByResize: interpolationSegmaps must be one of "same", "nearest", "linear", "area", "cubic"/,
    );
  });

  it('moves keypoints with the children, then scales them back to the input size', () => {
    // 10×10, crop 2 from each side → 6×6 (x − 2), then back to 10×10: x → fround(fround(x / 6) · 10).
    const aug = iaa.KeepSizeByResize([iaa.Crop({ px: 2, keepSize: false })]);
    const out = aug.augment({ image: ramp(10, 10), keypoints: [{ x: 4.5, y: 2.5 }] });
    const f = Math.fround;
    assert.deepEqual([out.image.height, out.image.width], [10, 10]);
    assert.deepEqual(
      [out.keypoints[0].x, out.keypoints[0].y],
      [f(f(2.5 / 6) * 10), f(f(0.5 / 6) * 10)], // 4.1666665, 0.8333333
    );
    // With 'no_resize' the points stay where the crop put them.
    const kept = iaa.KeepSizeByResize([iaa.Crop({ px: 2, keepSize: false })], { interpolation: 'no_resize' });
    const k = kept.augment({ image: ramp(10, 10), keypoints: [{ x: 4.5, y: 2.5 }] }).keypoints[0];
    assert.deepEqual([k.x, k.y], [2.5, 0.5]);
  });

  it('resizes heatmaps with interpolationHeatmaps (default: the image’s) and segmentation maps with interpolationSegmaps (default: nearest)', () => {
    const heat = new Float32Array(36).map((_, i) => ((i * 7) % 11) / 10);
    const seg = new Uint8Array(36).map((_, i) => (i * 5) % 7);
    const image = ramp(6, 6);
    const child = () => [iaa.Crop({ px: { top: 1, left: 2, right: 0, bottom: 0 }, keepSize: false })];
    const input = {
      image,
      heatmaps: { data: heat, height: 6, width: 6, channels: 1 },
      segmentationMaps: { data: seg, height: 6, width: 6 },
    };
    // The cropped maps, resized back by the kernel with a given interpolation.
    const back = <T extends Float32Array | Uint8Array>(data: T, interpolation: 'nearest' | 'linear' | 'cubic'): T => {
      const cropped = iaa
        .Crop({ px: { top: 1, left: 2, right: 0, bottom: 0 }, keepSize: false })
        .augmentImage(iaa.makeImage(data, 6, 6, 1));
      const out = {
        data: (data instanceof Uint8Array ? new Uint8Array(36) : new Float32Array(36)) as T,
        height: 6,
        width: 6,
        channels: 1,
      };
      resizeImage(cropped, out, interpolation);
      return out.data;
    };
    const clip = (a: Float32Array) => a.map((v) => Math.min(1, Math.max(0, v)));
    const byDefault = iaa.KeepSizeByResize(child(), { interpolation: 'linear' }).augment(input);
    assert.deepEqual(byDefault.heatmaps.data, clip(back(heat, 'linear')));
    assert.deepEqual(byDefault.segmentationMaps.data, back(seg, 'nearest'));
    const own = iaa
      .KeepSizeByResize(child(), {
        interpolation: 'linear',
        interpolationHeatmaps: 'nearest',
        interpolationSegmaps: 'same',
      })
      .augment(input);
    assert.deepEqual(own.heatmaps.data, back(heat, 'nearest'));
    assert.deepEqual(own.segmentationMaps.data, back(seg, 'linear'));
    assert.notDeepEqual(back(seg, 'linear'), back(seg, 'nearest'));
    const cubic = iaa
      .KeepSizeByResize(child(), { interpolation: 'nearest', interpolationHeatmaps: 'cubic' })
      .augment(input);
    assert.deepEqual(cubic.heatmaps.data, clip(back(heat, 'cubic')));
    assert.deepEqual(cubic.image, iaa.KeepSizeByResize(child(), { interpolation: 'nearest' }).augmentImage(image));
  });

  it("leaves a map drawn 'no_resize' at the children's size while its image is resized back (imgaug's NO_RESIZE)", () => {
    const heat = new Float32Array(36).map((_, i) => ((i * 7) % 11) / 10);
    const seg = new Uint8Array(36).map((_, i) => (i * 5) % 7);
    const crop = () => iaa.Crop({ px: { top: 1, left: 2, right: 0, bottom: 0 }, keepSize: false });
    const input = {
      image: ramp(6, 6),
      heatmaps: { data: heat, height: 6, width: 6, channels: 1 },
      segmentationMaps: { data: seg, height: 6, width: 6 },
    };
    const cropped = crop().augment(input);
    const out = iaa
      .KeepSizeByResize([crop()], { interpolation: 'linear', interpolationSegmaps: 'no_resize' })
      .augment(input);
    assert.deepEqual([out.image.height, out.image.width], [6, 6]);
    assert.deepEqual([out.heatmaps.height, out.heatmaps.width], [6, 6]);
    assert.deepEqual(out.segmentationMaps, cropped.segmentationMaps);
    const heatKept = iaa
      .KeepSizeByResize([crop()], { interpolation: 'cubic', interpolationHeatmaps: 'no_resize' })
      .augment(input);
    assert.deepEqual([heatKept.heatmaps.height, heatKept.heatmaps.width], [5, 4]);
    assert.deepEqual(heatKept.heatmaps.data, cropped.heatmaps.data);
    assert.deepEqual([heatKept.segmentationMaps.height, heatKept.segmentationMaps.width], [6, 6]);
  });
});
