// Labels through the blending family, by imgaug 0.4.0's rules (imgaug/augmenters/blend.py): BlendAlpha moves every
// label kind with one branch, chosen by the image's mean factor (≥ 0.5: foreground); BlendAlphaMask and its family
// choose keypoints point by point, maps cell by cell, and the other coordinate kinds all together by the mask.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

const image = { data: new Uint8Array(4 * 6).fill(100), height: 4, width: 6, channels: 1 };
// Cell (x, y) holds 10·y + x: rows [0…5], [10…15], [20…25], [30…35].
const segmentationMaps = {
  data: Uint8Array.from({ length: 24 }, (_, i) => 10 * Math.floor(i / 6) + (i % 6)),
  height: 4,
  width: 6,
};
const rows = (data: ArrayLike<number>, width: number) =>
  Array.from({ length: data.length / width }, (_, y) => Array.from(data).slice(y * width, (y + 1) * width));

describe('labels through BlendAlphaMask and its family (imgaug 0.4.0)', () => {
  // A 2 × 2 checkerboard on 4 × 6 pixels is 1 (foreground) on the top-left and bottom-right 2 × 3 cells, 0 elsewhere
  // (mean exactly 0.5). The foreground flips left-right (x → 6 − x); the background is the image itself.
  const aug = iaa.BlendAlphaCheckerboard(2, 2, iaa.Fliplr(1));

  it('takes each keypoint from the branch the mask picks at its input position rounded half to even', () => {
    const keypoints = [
      { x: 1.5, y: 0.5 }, // (2, 0): foreground
      { x: 2.5, y: 0.5 }, // (2, 0), 2.5 rounds to even: foreground (rounding up would give the background's 2.5)
      { x: 4.25, y: 1.25 }, // (4, 1): background
      { x: 4.75, y: 3.25 }, // (5, 3): foreground
      { x: -0.75, y: 2.5 }, // (−1, 2): outside the mask, so imgaug's rounded position
      { x: 6.25, y: 1 }, // (6, 1): outside
    ];
    const out = aug.augment({ image, keypoints }).keypoints;
    assert.deepEqual(out, [
      { x: 4.5, y: 0.5 },
      { x: 3.5, y: 0.5 },
      { x: 4.25, y: 1.25 },
      { x: 1.25, y: 3.25 },
      { x: -1, y: 2 },
      { x: 6, y: 1 },
    ]);
  });

  it('moves boxes, polygons and line strings all with one branch: the foreground only when the mask mean is above 0.5', () => {
    const boundingBoxes = [{ x1: 0.5, y1: 0.5, x2: 2, y2: 1.5 }];
    const polygons = [
      {
        points: [
          { x: 0.5, y: 0.5 },
          { x: 2, y: 0.5 },
          { x: 1, y: 1.5 },
        ],
      },
    ];
    const lineStrings = [
      {
        points: [
          { x: 0.5, y: 0.5 },
          { x: 2, y: 0.5 },
        ],
      },
    ];
    const even = aug.augment({ image, boundingBoxes, polygons, lineStrings });
    assert.deepEqual(even.boundingBoxes, boundingBoxes, 'mean 0.5 is not above 0.5: background');
    assert.deepEqual(even.polygons, polygons);
    assert.deepEqual(even.lineStrings, lineStrings);
    // Mask rows linspace(0.6, 1, 4): mean 0.8, so the foreground's moves for all of them.
    const ramp = iaa.BlendAlphaVerticalLinearGradient(iaa.Fliplr(1), undefined, {
      minValue: 0.6,
      maxValue: 1,
      startAt: 0,
      endAt: 1,
    });
    const flipped = ramp.augment({ image, boundingBoxes, polygons, lineStrings });
    assert.deepEqual(flipped.boundingBoxes, [{ x1: 4, y1: 0.5, x2: 5.5, y2: 1.5 }]);
    assert.deepEqual(flipped.lineStrings, [
      {
        points: [
          { x: 5.5, y: 0.5 },
          { x: 4, y: 0.5 },
        ],
      },
    ]);
  });

  it('takes each map cell from the branch the mask, resized to the map, picks (at least 0.5: foreground)', () => {
    const same = aug.augment({ image, segmentationMaps }).segmentationMaps;
    // Flipped rows are [5 4 3 2 1 0] + 10·y; the foreground's cells are the top-left and bottom-right 2 × 3 blocks.
    assert.deepEqual(rows(same.data, 6), [
      [5, 4, 3, 3, 4, 5],
      [15, 14, 13, 13, 14, 15],
      [20, 21, 22, 22, 21, 20],
      [30, 31, 32, 32, 31, 30],
    ]);
    // A 3 × 6 map: the mask shrinks bilinearly to rows [1 1 1 0 0 0], [0.5 …], [0 0 0 1 1 1] (the middle row half
    // way between the cells); 0.5 counts as foreground.
    const small = {
      data: Uint8Array.from({ length: 18 }, (_, i) => 10 * Math.floor(i / 6) + (i % 6)),
      height: 3,
      width: 6,
    };
    const heatmaps = { data: Float32Array.from(small.data, (v) => v / 40), height: 3, width: 6, channels: 1 };
    const out = aug.augment({ image, segmentationMaps: small, heatmaps });
    const want = [
      [5, 4, 3, 3, 4, 5],
      [15, 14, 13, 12, 11, 10],
      [20, 21, 22, 22, 21, 20],
    ];
    assert.deepEqual(rows(out.segmentationMaps.data, 6), want);
    assert.deepEqual(Array.from(out.heatmaps.data), Array.from(Float32Array.from(want.flat(), (v) => v / 40)));
  });
});

describe('labels through BlendAlpha (imgaug 0.4.0)', () => {
  it('moves every label kind with the foreground when the mean factor is at least 0.5, else the background', () => {
    const keypoints = [{ x: 1.5, y: 0.5 }];
    const flippedMap = [5, 4, 3, 2, 1, 0];
    for (const [factor, fg] of [
      [0.5, true],
      [0.49, false],
    ] as const) {
      const out = iaa.BlendAlpha(factor, iaa.Fliplr(1)).augment({ image, keypoints, segmentationMaps });
      assert.deepEqual(out.keypoints, [fg ? { x: 4.5, y: 0.5 } : keypoints[0]], `factor ${factor}`);
      assert.deepEqual(rows(out.segmentationMaps.data, 6)[0], fg ? flippedMap : [0, 1, 2, 3, 4, 5], `factor ${factor}`);
    }
  });
});
