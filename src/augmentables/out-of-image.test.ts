import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../index.ts';

const shape = { height: 10, width: 20, channels: 1 };
// Translating by 15 px: x → x + 15 on a 20-wide image.
const right = () => iaa.Affine({ translatePx: { x: 15 } });

describe('out-of-image handling (only when asked)', () => {
  const boxes = [
    { x1: 0, y1: 0, x2: 4, y2: 4, label: 'half out' }, // → x 15…19: inside
    { x1: 2, y1: 0, x2: 10, y2: 4, label: 'mostly out' }, // → 17…25: 3/8 visible
    { x1: 6, y1: 0, x2: 8, y2: 2, label: 'gone' }, // → 21…23: outside
  ];

  it('keeps everything by default', () => {
    const out = right().augment({ shape, boundingBoxes: boxes, keypoints: [{ x: 10, y: 1 }] });
    assert.equal(out.boundingBoxes.length, 3);
    assert.deepEqual(out.keypoints, [{ x: 25, y: 1 }]);
  });

  it('removeOutOfImage: fully outside by default, or below a visible fraction; minArea after clipping', () => {
    const labelsOf = (list: readonly { label?: string }[]) => list.map((b) => b.label);
    assert.deepEqual(
      labelsOf(right().augment({ shape, boundingBoxes: boxes }, { removeOutOfImage: true }).boundingBoxes),
      ['half out', 'mostly out'],
    );
    const half = right().augment({ shape, boundingBoxes: boxes }, { removeOutOfImage: { minVisible: 0.5 } });
    assert.deepEqual(labelsOf(half.boundingBoxes), ['half out']);
    const area = right().augment(
      { shape, boundingBoxes: boxes },
      { removeOutOfImage: { minArea: 13 }, clipOutOfImage: true },
    );
    // Clipped, 'mostly out' covers 17…20 × 0…4 = 12 (minus a float32 epsilon) < 13.
    assert.deepEqual(labelsOf(area.boundingBoxes), ['half out']);
    assert.throws(
      () => right().augment({ shape, boundingBoxes: boxes }, { removeOutOfImage: { minVisible: 2 } }),
      /minVisible must be a number in \[0, 1\]/,
    );
  });

  it('clipOutOfImage: boxes clamped to [0, W − ε], keypoints outside dropped', () => {
    const out = right().augment(
      {
        shape,
        boundingBoxes: boxes.slice(1, 2),
        keypoints: [
          { x: 1, y: 1 },
          { x: 6, y: 1 },
        ],
      },
      { clipOutOfImage: true },
    );
    const eps = 2 ** -23;
    const [b] = out.boundingBoxes;
    // y1 is the matrix's float32 rounding residue (about 1e-15), as in imgaug.
    assert.deepEqual([b.x1, b.x2, b.y2, b.label], [17, 20 - eps, 4, 'mostly out']);
    assert.ok(Math.abs(b.y1) < 1e-6);
    assert.deepEqual(out.keypoints, [{ x: 16, y: 1 }]);
  });

  it('polygons are cut to the image and stay valid; a polygon left without area is dropped', () => {
    const poly = {
      points: [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
      label: 'p',
    };
    const out = right().augment(
      {
        shape,
        polygons: [
          poly,
          {
            points: [
              { x: 6, y: 1 },
              { x: 9, y: 1 },
              { x: 8, y: 3 },
            ],
          },
        ],
      },
      { clipOutOfImage: true },
    );
    assert.equal(out.polygons.length, 1);
    const xs = out.polygons[0].points.map((p) => p.x).sort((a, b) => a - b);
    assert.deepEqual(xs, [15, 15, 20, 20]);
    assert.equal(
      iaa.visibleFraction(
        'polygons',
        {
          points: [
            { x: 15, y: 0 },
            { x: 25, y: 0 },
            { x: 25, y: 10 },
            { x: 15, y: 10 },
          ],
        },
        shape,
      ),
      0.5,
    );
  });

  it('line strings are cut into the pieces inside', () => {
    const line = {
      points: [
        { x: -5, y: 5 },
        { x: 5, y: 5 },
        { x: 25, y: 5 },
        { x: 25, y: 8 },
        { x: 10, y: 8 },
      ],
    };
    const pieces = iaa.clipOutOfImage('lineStrings', [line], shape);
    assert.deepEqual(
      pieces.map((l) => l.points),
      [
        [
          { x: 0, y: 5 },
          { x: 5, y: 5 },
          { x: 20, y: 5 },
        ],
        [
          { x: 20, y: 8 },
          { x: 10, y: 8 },
        ],
      ],
    );
  });
});

describe('box formats', () => {
  const box = { x1: 10, y1: 20, x2: 40, y2: 60 };
  const size = { height: 100, width: 200 };
  it('converts to and from xyxy, xywh (COCO), cxcywh and yolo', () => {
    assert.deepEqual(iaa.boxTo(box, 'xyxy'), [10, 20, 40, 60]);
    assert.deepEqual(iaa.boxTo(box, 'xywh'), [10, 20, 30, 40]);
    assert.deepEqual(iaa.boxTo(box, 'cxcywh'), [25, 40, 30, 40]);
    assert.deepEqual(iaa.boxTo(box, 'yolo', size), [0.125, 0.4, 0.15, 0.4]);
    for (const format of iaa.BOX_FORMATS) {
      assert.deepEqual(
        iaa.boxFrom(iaa.boxTo(box, format, size), format, size, 'cat'),
        { ...box, label: 'cat' },
        format,
      );
    }
  });
  it('names what is wrong', () => {
    assert.throws(() => iaa.boxTo(box, 'yolo'), /boxTo: size must be the image's \{ height, width \}/);
    assert.throws(() => iaa.boxFrom([1, 2, 3], 'xyxy'), /boxFrom: values must be four numbers/);
    assert.throws(() => iaa.boxFrom([1, 2, 3, 4], 'coco' as never), /format must be one of xyxy, xywh, cxcywh, yolo/);
  });
});
