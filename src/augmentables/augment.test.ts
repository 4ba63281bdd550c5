import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../index.ts';

const shape = { height: 20, width: 30, channels: 3 };
const image = iaa.makeImage(
  new Uint8Array(20 * 30 * 3).map((_, i) => (i * 7) % 251),
  20,
  30,
  3,
);
const f = Math.fround;

describe('augment: labels follow each warp kind with imgaug’s coordinates', () => {
  it('flips: x → W − x, y → H − y; a box’s corners swap', () => {
    const lr = iaa
      .Fliplr(1)
      .augment({ image, keypoints: [{ x: 1.5, y: 2, label: 'eye' }], boundingBoxes: [{ x1: 1, y1: 2, x2: 5, y2: 6 }] });
    assert.deepEqual(lr.keypoints, [{ x: 28.5, y: 2, label: 'eye' }]);
    assert.deepEqual(lr.boundingBoxes, [{ x1: 25, y1: 2, x2: 29, y2: 6 }]);
    assert.deepEqual(lr.image, iaa.Fliplr(1).augmentImage(image));
    const ud = iaa.Flipud(1).augment({
      shape,
      lineStrings: [
        {
          points: [
            { x: 0, y: 0 },
            { x: 3, y: 20 },
          ],
        },
      ],
    });
    assert.deepEqual(ud.lineStrings, [
      {
        points: [
          { x: 0, y: 20 },
          { x: 3, y: 0 },
        ],
      },
    ]);
  });

  it('affine: points turn about (W/2, H/2), not the pixels’ ((W−1)/2, (H−1)/2)', () => {
    // 90° clockwise about (15, 10): (x, y) → (15 − (y − 10), 10 + (x − 15)).
    const out = iaa.Affine({ rotate: 90 }).augment({
      shape,
      keypoints: [
        { x: 15, y: 10 },
        { x: 0, y: 0 },
        { x: 20.5, y: 3.25 },
      ],
    });
    const expected = [
      [15, 10],
      [25, -5],
      [21.75, 15.5],
    ];
    out.keypoints.forEach((k, i) => {
      assert.ok(Math.abs(k.x - expected[i][0]) < 1e-4 && Math.abs(k.y - expected[i][1]) < 1e-4, `${i}: ${k.x}, ${k.y}`);
    });
  });

  it('affine: scale about the centre; with fitOutput the canvas shift moves points like the pixel matrix', () => {
    const sq = { height: 28, width: 28, channels: 1 };
    const kp = [{ x: 10, y: 10 }];
    // x' = 2 (x − 14) + 14.
    assert.deepEqual(iaa.Affine({ scale: 2 }).augment({ shape: sq, keypoints: kp }).keypoints, [{ x: 6, y: 6 }]);
    // The pixel matrix [2, 0, −13.5] shifted by the corner (0, 0) → −13.5 to [2, 0, 0]; points about the half-pixel
    // shift: x' = 2 (x − ½) + ½ (imgaug 0.4.0 gives 2x, half a pixel off its own pixels).
    const fit = iaa.Affine({ scale: 2, fitOutput: true }).augment({ shape: sq, keypoints: kp });
    assert.deepEqual(fit.keypoints, [{ x: 19.5, y: 19.5 }]);
    assert.deepEqual(fit.shape, { height: 55, width: 55, channels: 1 });
    // A translation in pixels moves points by exactly that.
    const moved = iaa.Affine({ translatePx: { x: 3, y: -2 } }).augment({ shape, keypoints: [{ x: 1.25, y: 7 }] });
    assert.deepEqual(moved.keypoints, [{ x: 4.25, y: 5 }]);
  });

  it('a box is the envelope of its four moved corners', () => {
    // 90° about (15, 10): corners (10, 5), (20, 5), (20, 15), (10, 15) → (20, 5), (20, 15), (10, 15), (10, 5).
    const out = iaa
      .Affine({ rotate: 90 })
      .augment({ shape, boundingBoxes: [{ x1: 10, y1: 5, x2: 20, y2: 15, label: 'car' }] });
    const [b] = out.boundingBoxes;
    assert.equal(b.label, 'car');
    for (const [got, want] of [
      [b.x1, 10],
      [b.y1, 5],
      [b.x2, 20],
      [b.y2, 15],
    ]) {
      assert.ok(Math.abs(got - want) < 1e-4, `${got} vs ${want}`);
    }
    // 45°: the envelope of a rotated square is larger than the square.
    const r45 = iaa.Affine({ rotate: 45 }).augment({ shape, boundingBoxes: [{ x1: 10, y1: 5, x2: 20, y2: 15 }] });
    const w = r45.boundingBoxes[0].x2 - r45.boundingBoxes[0].x1;
    assert.ok(Math.abs(w - 10 * Math.SQRT2) < 1e-4, `${w}`);
  });

  it('resize: x → fround(fround(x / W) · W′), no half-pixel offset', () => {
    const out = iaa.Resize({ height: 40, width: 45 }).augment({
      shape,
      keypoints: [
        { x: 3, y: 4 },
        { x: 0.1, y: 19.9 },
      ],
    });
    assert.deepEqual(out.keypoints, [
      { x: 4.5, y: 8 },
      { x: f(f(f(0.1) / 30) * 45), y: f(f(f(19.9) / 20) * 40) },
    ]);
    assert.deepEqual(out.shape, { height: 40, width: 45, channels: 3 });
  });

  it('chains (Sequential): each step in turn, with the shape between them', () => {
    const seq = iaa.Sequential([iaa.Resize({ height: 40, width: 60 }), iaa.Fliplr(1), iaa.Multiply(2)]);
    const out = seq.augment({ shape, keypoints: [{ x: 3, y: 4 }] });
    assert.deepEqual(out.keypoints, [{ x: 54, y: 8 }]);
  });

  it('pixel augmenters leave every label as it was (new objects, equal values)', () => {
    const input = {
      image,
      keypoints: [{ x: 1, y: 2 }],
      polygons: [
        {
          points: [
            { x: 1, y: 1 },
            { x: 5, y: 1 },
            { x: 3, y: 4 },
          ],
          label: 'roof',
        },
      ],
      segmentationMaps: { data: new Uint8Array(600).fill(3), height: 20, width: 30 },
    };
    const out = iaa.Multiply([0.5, 1.5], { seed: 3 }).augment(input);
    assert.deepEqual(out.keypoints, input.keypoints);
    assert.deepEqual(out.polygons, input.polygons);
    assert.deepEqual(out.segmentationMaps, input.segmentationMaps);
    assert.notEqual(out.segmentationMaps.data, input.segmentationMaps.data);
  });
});

describe('augment: the same draws as the images', () => {
  const pipeline = () =>
    iaa.Sequential(
      [
        iaa.Sometimes(0.5, iaa.Fliplr(1)),
        iaa.OneOf([iaa.Affine({ rotate: [-40, 40] }), iaa.Flipud(1)]),
        iaa.SomeOf(1, [iaa.Multiply([0.5, 1.5]), iaa.Resize([0.5, 1.5])]),
      ],
      { randomOrder: true, seed: 11 },
    );
  const images = Array.from({ length: 6 }, () => image);

  it('images equal augmentImages’ bytes for the same seed, call and indices; labels use each image’s draws', () => {
    const a = pipeline().augment(
      { images, keypoints: images.map(() => [{ x: 15, y: 10 }]) },
      { epoch: 2, indices: [5, 6, 7, 8, 9, 10] },
    );
    const b = pipeline().augmentImages(images, { epoch: 2, indices: [5, 6, 7, 8, 9, 10] });
    assert.deepEqual(a.images, b);
    // The same samples one at a time, by index: the same keypoints.
    for (let i = 0; i < 6; i++) {
      const one = pipeline().augment({ image, keypoints: [{ x: 15, y: 10 }] }, { epoch: 2, index: 5 + i });
      assert.deepEqual(one.image, b[i]);
      assert.deepEqual(one.keypoints, a.keypoints[i]);
      assert.equal(one.image.width, (a.images as iaa.Image[])[i].width);
    }
  });

  it('toDeterministic: labels given later get the draws the image got', () => {
    const det = pipeline().toDeterministic();
    const first = det.augment({ image, keypoints: [{ x: 3, y: 3 }] });
    const second = det.augment({ shape, keypoints: [{ x: 3, y: 3 }] });
    assert.deepEqual(second.keypoints, first.keypoints);
    assert.deepEqual(second.shape, { height: first.image.height, width: first.image.width, channels: 3 });
  });

  it('a pipeline rebuilt from JSON moves labels identically', () => {
    const aug = pipeline();
    const copy = iaa.fromJSON(JSON.parse(JSON.stringify(aug.toJSON())));
    const input = { shapes: [shape, shape, shape], keypoints: [[{ x: 1, y: 2 }], [{ x: 7, y: 9 }], []] };
    assert.deepEqual(copy.augment(input, { epoch: 4 }), aug.augment(input, { epoch: 4 }));
  });
});

describe('augment: maps', () => {
  it('segmentation maps move by nearest neighbour, keep their array type, and may have their own size', () => {
    const data = new Int32Array(20 * 30).map((_, i) => (i % 30 < 10 ? 70000 : 2));
    const out = iaa.Fliplr(1).augment({ shape, segmentationMaps: { data, height: 20, width: 30 } });
    assert.ok(out.segmentationMaps.data instanceof Int32Array);
    assert.equal(out.segmentationMaps.data[29], 70000);
    assert.equal(out.segmentationMaps.data[0], 2);
    // A half-size map under a 2× resize: its own size doubles too.
    const half = new Uint16Array(10 * 15).fill(9);
    const resized = iaa
      .Resize({ height: 40, width: 60 })
      .augment({ shape, segmentationMaps: { data: half, height: 10, width: 15 } });
    assert.deepEqual([resized.segmentationMaps.height, resized.segmentationMaps.width], [20, 30]);
    assert.ok(resized.segmentationMaps.data.every((v) => v === 9));
    // Affine's new area is class 0.
    const moved = iaa
      .Affine({ translatePx: { x: 5 } })
      .augment({ shape, segmentationMaps: { data: new Uint8Array(600).fill(4), height: 20, width: 30 } });
    assert.equal(moved.segmentationMaps.data[0], 0);
    assert.equal(moved.segmentationMaps.data[5], 4);
  });

  it('heatmaps: bicubic under Affine, clipped to [0, 1], 0 outside', () => {
    const data = new Float32Array(20 * 30 * 2).map((_, i) => ((i >> 1) % 2 === 0 ? 1 : 0));
    const out = iaa.Affine({ rotate: 10 }).augment({ shape, heatmaps: { data, height: 20, width: 30, channels: 2 } });
    const h = out.heatmaps;
    assert.equal(h.channels, 2);
    assert.ok(h.data.every((v) => v >= 0 && v <= 1));
    assert.ok(
      h.data.some((v) => v > 0 && v < 1),
      'interpolated values',
    );
    assert.equal(h.data[0], 0);
  });
});

describe('augment: inputs', () => {
  it('names the key and the image in errors', () => {
    assert.throws(
      () => iaa.Fliplr(1).augment({ images: [image], keypoints: [[], []] }),
      /Fliplr: keypoints must be an array of 1 entries/,
    );
    assert.throws(
      () => iaa.Fliplr(1).augment({ image, keypoints: [{ x: Number.NaN, y: 1 }] }),
      /keypoints\[0\]\[0\]\.x must be a finite number/,
    );
    assert.throws(() => iaa.Fliplr(1).augment({ image, boxes: [] } as never), /unknown key "boxes"/);
    assert.throws(() => iaa.Fliplr(1).augment({ keypoints: [] } as never), /one of image, shape, images or shapes/);
    assert.throws(
      () =>
        iaa
          .Fliplr(1)
          .augment({ image, segmentationMaps: { data: new Float32Array(600), height: 20, width: 30 } as never }),
      /segmentationMaps\[0\] must be \{ data: a Uint8Array, Uint16Array or Int32Array/,
    );
  });

  it('never changes its inputs', () => {
    const kps = [{ x: 1, y: 2 }];
    const boxes = [{ x1: 1, y1: 2, x2: 3, y2: 4 }];
    iaa.Affine({ rotate: 30 }).augment({ image, keypoints: kps, boundingBoxes: boxes });
    assert.deepEqual(kps, [{ x: 1, y: 2 }]);
    assert.deepEqual(boxes, [{ x1: 1, y1: 2, x2: 3, y2: 4 }]);
  });
});

describe('augment: labels without images', () => {
  it('checks the indices as augmentImages does', () => {
    const shapes = [{ height: 5, width: 5, channels: 1 }];
    assert.throws(
      () => iaa.Fliplr(0.5).augment({ shapes, keypoints: [[]] }, { indices: [-1] }),
      /indices\[0\] must be an integer/,
    );
    assert.throws(
      () => iaa.Fliplr(0.5).augment({ shapes, keypoints: [[]] }, { indices: [1, 2] }),
      /indices must be an array of 1/,
    );
  });
});
