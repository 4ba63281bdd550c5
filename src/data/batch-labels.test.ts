import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundingBox, Keypoint } from '../augmentables/types.ts';
import type { UniformBatch } from '../core/image.ts';
import * as iaa from '../index.ts';
import { DataLoader, type LoaderBatch, defaultCollate } from './data-loader.ts';
import { ArrayDataset } from './dataset.ts';
import { createWorkerPool } from './worker-pool.ts';

const H = 8;
const W = 10;

function images(n: number): UniformBatch<Uint8Array> {
  const data = new Uint8Array(n * H * W * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 13) % 251;
  return { data, n, height: H, width: W, channels: 3 };
}

/** Image i has one box at x i/2 … i/2 + 3 and one keypoint at x i/2 + 1. */
function annotated(n: number): ArrayDataset {
  const boundingBoxes: BoundingBox[][] = [];
  const keypoints: Keypoint[][] = [];
  for (let i = 0; i < n; i++) {
    boundingBoxes.push([{ x1: i / 2, y1: 1, x2: i / 2 + 3, y2: 4, label: `box ${i}` }]);
    keypoints.push([{ x: i / 2 + 1, y: 2.5 }]);
  }
  return new ArrayDataset(
    images(n),
    Int32Array.from({ length: n }, (_, i) => i % 3),
    { boundingBoxes, keypoints },
  );
}

async function all<T>(loader: DataLoader<T>): Promise<LoaderBatch[]> {
  const out: LoaderBatch[] = [];
  for await (const batch of loader) out.push({ ...batch, images: structuredClone(batch.images) });
  return out;
}

describe('labels in datasets and the DataLoader', () => {
  it('the default collate keeps each sample’s labels in batch order, an empty list for a sample without', () => {
    const image = { data: new Uint8Array(4), height: 2, width: 2, channels: 1 };
    const kp = [{ x: 1, y: 1 }];
    const batch = defaultCollate(
      [
        { image, label: 0, keypoints: kp },
        { image, label: 1 },
      ],
      Int32Array.of(7, 3),
    );
    assert.deepEqual(batch.keypoints, [kp, []]);
    assert.equal(batch.boundingBoxes, undefined);
    const map = { data: new Uint8Array(4), height: 2, width: 2 };
    assert.throws(
      () =>
        defaultCollate(
          [
            { image, label: 0, segmentationMaps: map },
            { image, label: 1 },
          ],
          Int32Array.of(7, 3),
        ),
      /DataLoader: dataset\.get\(3\)\.segmentationMaps must be a segmentation map, as the other samples of its batch have/,
    );
  });

  it('ArrayDataset gives each sample its entries, and refuses lists of another length', () => {
    const dataset = annotated(4);
    const sample = dataset.get(2);
    assert.deepEqual(sample.boundingBoxes, [{ x1: 1, y1: 1, x2: 4, y2: 4, label: 'box 2' }]);
    assert.deepEqual(sample.keypoints, [{ x: 2, y: 2.5 }]);
    assert.throws(
      () => new ArrayDataset(images(2), [0, 1], { keypoints: [[]] }),
      /ArrayDataset: annotations\.keypoints must be an array of 2 entries, one per image/,
    );
  });

  it('moves every sample’s labels with its image: Fliplr(1) sends x to W − x', async () => {
    const loader = new DataLoader(annotated(5), { batchSize: 2, shuffle: true, seed: 3, augment: iaa.Fliplr(1) });
    let seen = 0;
    for (const batch of await all(loader)) {
      batch.indices.forEach((i, k) => {
        assert.deepEqual(batch.boundingBoxes?.[k], [
          { x1: W - i / 2 - 3, y1: 1, x2: W - i / 2, y2: 4, label: `box ${i}` },
        ]);
        assert.deepEqual(batch.keypoints?.[k], [{ x: W - i / 2 - 1, y: 2.5 }]);
        seen++;
      });
    }
    assert.equal(seen, 5);
  });

  it('applies labelOptions to labels that leave the image', async () => {
    const loader = new DataLoader(annotated(2), {
      batchSize: 2,
      augment: iaa.Affine({ translatePx: { x: 8, y: 0 } }),
      labelOptions: { removeOutOfImage: { minVisible: 0.5 }, clipOutOfImage: true },
    });
    const [batch] = await all(loader);
    // Image 0's box moves to x 8–11 (2/3 inside): clipped; image 1's to 8.5–11.5 (1.5/3 = 0.5 inside): kept.
    assert.equal(batch.boundingBoxes?.[0].length, 1);
    assert.equal(batch.boundingBoxes?.[0][0].x1, 8);
    assert.ok((batch.boundingBoxes?.[0][0].x2 as number) < W);
    assert.deepEqual(batch.keypoints, [[{ x: 9, y: 2.5 }], [{ x: 9.5, y: 2.5 }]]);
  });

  it('gives the same images and labels with 0 and 2 workers', async () => {
    const augment = iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine({ rotate: [-40, 40], scale: [0.7, 1.3] })], {
      seed: 9,
    });
    const options = { batchSize: 3, shuffle: true, seed: 1, augment };
    const zero = await all(new DataLoader(annotated(7), options));
    const two = await all(new DataLoader(annotated(7), { ...options, workers: 2, pool: createWorkerPool }));
    assert.deepEqual(two, zero);
    // The draws differ from image to image: the labels are not all moved alike.
    const firsts = zero.flatMap((b) => b.keypoints?.map((kp, k) => kp[0].x - (b.indices[k] / 2 + 1)) ?? []);
    assert.ok(new Set(firsts.map((v) => v.toFixed(3))).size > 3);
  });
});
