import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CocoEntry,
  LabelError,
  type YoloEntry,
  cocoImageOf,
  cocoLabels,
  parseCoco,
  parseYolo,
} from './labels-read.ts';
import { cocoAnnotations, yoloText } from './labels-run.ts';

const SIZE = { height: 100, width: 200, channels: 3 };

describe('parseYolo', () => {
  it('reads boxes and polygons in image pixels, each labelled with its line among the objects', () => {
    const labels = parseYolo('0 0.5 0.5 0.2 0.4\n\n3 0.1 0.2 0.3 0.2 0.2 0.6\n', 'a.txt', SIZE);
    assert.deepEqual(labels.boundingBoxes, [{ x1: 80, y1: 30, x2: 120, y2: 70, label: '0' }]);
    assert.deepEqual(labels.polygons, [
      {
        points: [
          { x: 20, y: 20 },
          { x: 60, y: 20 },
          { x: 40, y: 60 },
        ],
        label: '1',
      },
    ]);
    assert.deepEqual(labels.entries, [{ cls: 0 }, { cls: 3 }]);
  });

  it('names the file and line of a malformed entry', () => {
    assert.throws(
      () => parseYolo('0 0.5 0.5 0.2 0.4\n0 0.5 0.5 0.2\n', 'l/a.txt', SIZE),
      (e: Error) => {
        assert.ok(e instanceof LabelError);
        assert.match(e.message, /^l\/a\.txt:2: expected "class cx cy w h"/);
        return true;
      },
    );
    assert.throws(
      () => parseYolo('x 0.5 0.5 0.2 0.4', 'a.txt', SIZE),
      /a\.txt:1: the class must be an integer ≥ 0; received "x"/,
    );
    assert.throws(
      () => parseYolo('1 0.5 1.5 0.2 0.4', 'a.txt', SIZE),
      /a\.txt:1: coordinates must be numbers in \[0, 1\].*"1\.5"/,
    );
    assert.throws(() => parseYolo('1 0.5 NaN 0.2 0.4', 'a.txt', SIZE), /received "NaN"/);
  });

  it('writes back what it read, in the same order (yoloText)', () => {
    const text = '0 0.500000 0.500000 0.200000 0.400000\n3 0.100000 0.200000 0.300000 0.200000 0.200000 0.600000\n';
    const labels = parseYolo(text, 'a.txt', SIZE);
    assert.equal(yoloText(labels.boundingBoxes, labels.polygons, labels.entries as YoloEntry[], SIZE), text);
  });
});

const COCO = {
  info: { year: 2026 },
  categories: [{ id: 7, name: 'person' }],
  images: [
    { id: 1, file_name: 'train/a.jpg', width: 200, height: 100 },
    { id: 2, file_name: 'b.jpg', width: 10, height: 10 },
  ],
  annotations: [
    {
      id: 5,
      image_id: 1,
      category_id: 7,
      bbox: [10, 20, 30, 40],
      segmentation: [[10, 20, 40, 20, 40, 60]],
      keypoints: [15, 25, 2, 0, 0, 0, 30, 50, 1],
      num_keypoints: 2,
      iscrowd: 0,
      area: 600,
    },
    { id: 6, image_id: 2, category_id: 7, bbox: [1, 1, 2, 2] },
  ],
};

describe('parseCoco and cocoLabels', () => {
  it('finds an image by its path or its base name, and reads boxes, polygons and labelled keypoints', () => {
    const index = parseCoco(JSON.stringify(COCO), 'ann.json');
    const image = cocoImageOf(index, 'a.jpg');
    assert.equal(image?.id, 1);
    assert.equal(cocoImageOf(index, 'train/a.jpg'), image);
    const labels = cocoLabels(index, image!, SIZE);
    assert.deepEqual(labels.boundingBoxes, [{ x1: 10, y1: 20, x2: 40, y2: 60, label: '0' }]);
    assert.equal(labels.polygons.length, 1);
    assert.deepEqual(labels.keypoints, [
      { x: 15, y: 25, label: '0:0' },
      { x: 30, y: 50, label: '0:2' },
    ]);
  });

  it('names the file and the annotation (index and id) of a malformed entry, and a size that differs', () => {
    const bad = structuredClone(COCO);
    bad.annotations[0].bbox = [10, 20, -1, 40];
    const index = parseCoco(JSON.stringify(bad), 'ann.json');
    assert.throws(
      () => cocoLabels(index, cocoImageOf(index, 'a.jpg')!, SIZE),
      /^LabelError: ann\.json: annotations\[0\] \(id 5\): bbox must be \[x, y, width, height\]/,
    );
    const odd = structuredClone(COCO);
    odd.annotations[0].segmentation = [[1, 2, 3, 4, 5]];
    const oddIndex = parseCoco(JSON.stringify(odd), 'ann.json');
    assert.throws(
      () => cocoLabels(oddIndex, cocoImageOf(oddIndex, 'a.jpg')!, SIZE),
      /annotations\[0\] \(id 5\): segmentation\[0\]/,
    );
    const good = parseCoco(JSON.stringify(COCO), 'ann.json');
    assert.throws(
      () => cocoLabels(good, cocoImageOf(good, 'a.jpg')!, { height: 100, width: 201, channels: 3 }),
      /ann\.json: images\[0\] \(train\/a\.jpg\) says 200×100, the file is 201×100/,
    );
    assert.throws(
      () => parseCoco('{"images": []}', 'x.json'),
      /x\.json: a COCO file needs "images" and "annotations" arrays/,
    );
    assert.throws(() => parseCoco('{', 'x.json'), /x\.json: not JSON/);
  });

  it('writes an annotation back with its moved box, polygon area, and keypoints that left as [0, 0, 0]', () => {
    const index = parseCoco(JSON.stringify(COCO), 'ann.json');
    const labels = cocoLabels(index, cocoImageOf(index, 'a.jpg')!, SIZE);
    const moved = {
      boundingBoxes: [{ x1: 0, y1: 20, x2: 20, y2: 60, label: '0' }],
      polygons: [
        {
          points: [
            { x: 0, y: 20 },
            { x: 20, y: 20 },
            { x: 20, y: 60 },
          ],
          label: '0',
        },
      ],
      keypoints: [{ x: 5, y: 25, label: '0:0' }], // keypoint 2 went outside and was dropped
    };
    const [out] = cocoAnnotations(moved, labels.entries as CocoEntry[], 31, 3, 1);
    assert.deepEqual(out, {
      id: 16, // 5 · 3 variants + variant 1
      image_id: 31,
      category_id: 7,
      bbox: [0, 20, 20, 40],
      segmentation: [[0, 20, 20, 20, 20, 60]],
      keypoints: [5, 25, 2, 0, 0, 0, 0, 0, 0],
      num_keypoints: 1,
      iscrowd: 0,
      area: 400, // the polygon's: ½ · 20 · 40
    });
    assert.deepEqual(cocoAnnotations({ ...moved, boundingBoxes: [] }, labels.entries as CocoEntry[], 31, 3, 1), []);
  });
});
