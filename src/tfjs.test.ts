import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import { env, memory, setBackend } from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { Multiply } from './augmenters/public.ts';
import { makeImage } from './core/image.ts';
import { DataLoader } from './data/data-loader.ts';
import { ArrayDataset } from './data/dataset.ts';
import { oneHot, toDataset, toTensor } from './tfjs.ts';

before(async () => {
  env().set('IS_TEST', true); // silences tfjs' "install the node backend" notice: warnings fail the run
  await setBackend('cpu');
});

/** Two 1×2 RGB images: pixel values 0…11. */
const batch = { data: Uint8Array.from({ length: 12 }, (_, i) => i * 10), n: 2, height: 1, width: 2, channels: 3 };

describe('toTensor', () => {
  it('makes a float32 NHWC tensor scaled by 1/255 by default', () => {
    const t = toTensor(batch);
    assert.deepEqual(t.shape, [2, 1, 2, 3]);
    assert.equal(t.dtype, 'float32');
    const values = Array.from(t.dataSync());
    assert.ok(values.every((v, i) => Math.abs(v - (i * 10) / 255) < 1e-6));
    t.dispose();
  });

  it('transposes to NCHW in the same pass', () => {
    const t = toTensor(batch, { scale: 1, layout: 'NCHW' });
    assert.deepEqual(t.shape, [2, 3, 1, 2]);
    assert.deepEqual(Array.from(t.dataSync()), [0, 30, 10, 40, 20, 50, 60, 90, 70, 100, 80, 110]);
    t.dispose();
  });

  it('stacks a list of images and rejects mixed sizes', () => {
    const images = [makeImage(new Uint8Array([0, 255]), 1, 2), makeImage(new Uint8Array([51, 102]), 1, 2)];
    const t = toTensor(images);
    assert.deepEqual(t.shape, [2, 1, 2, 1]);
    assert.deepEqual(
      Array.from(t.dataSync(), (v) => Math.round(v * 10) / 10),
      [0, 1, 0.2, 0.4],
    );
    t.dispose();
    assert.throws(
      () => toTensor([images[0], makeImage(new Uint8Array(3), 1, 3)]),
      /toTensor: batch\[1\] must be an image of 1×2×1 like batch\[0\]/,
    );
  });

  it('hands a float32 batch with scale 1 to tfjs without copying it here', () => {
    const data = new Float32Array([0.5, 1.5]);
    const t = toTensor({ data, n: 1, height: 1, width: 2, channels: 1 }, { scale: 1 });
    assert.deepEqual(Array.from(t.dataSync()), [0.5, 1.5]);
    t.dispose();
  });

  it('leaves no tensor behind once disposed', () => {
    const before = memory().numTensors;
    toTensor(batch).dispose();
    oneHot([1], 2).dispose();
    assert.equal(memory().numTensors, before);
  });
});

describe('oneHot', () => {
  it('makes a float32 [N, depth] tensor', () => {
    const t = oneHot(new Int32Array([2, 0]), 3);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, 'float32');
    assert.deepEqual(Array.from(t.dataSync()), [0, 0, 1, 1, 0, 0]);
    t.dispose();
  });

  it('rejects labels outside 0…depth−1', () => {
    assert.throws(() => oneHot([0, 3], 3), /oneHot: labels\[1\] must be an integer from 0 to 2; received 3/);
  });
});

describe('toDataset', () => {
  /** Five 2×2 grey images (values 10·i + pixel) labelled i % 3, shuffled, augmented, in batches of 2. */
  const loader = () => {
    const data = Uint8Array.from({ length: 20 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4));
    const images = { data, n: 5, height: 2, width: 2, channels: 1 };
    const augment = Multiply([0.5, 1.5], { seed: 3 });
    return new DataLoader(new ArrayDataset(images, Int32Array.from([0, 1, 2, 0, 1])), {
      batchSize: 2,
      shuffle: true,
      seed: 7,
      augment,
    });
  };

  it("gives the loader's batches, epoch after epoch, as { xs, ys } tensors", async () => {
    const dataset = toDataset(loader(), { numClasses: 3 });
    const reference = loader();
    for (let epoch = 0; epoch < 2; epoch++) {
      const expected: { xs: number[]; ys: number[] }[] = [];
      for await (const { images, labels } of reference.epoch(epoch)) {
        const xs = toTensor(images);
        const ys = oneHot(labels, 3);
        expected.push({ xs: Array.from(xs.dataSync()), ys: Array.from(ys.dataSync()) });
        xs.dispose();
        ys.dispose();
      }
      const got: { xs: number[]; ys: number[]; shape: number[] }[] = [];
      await dataset.forEachAsync(({ xs, ys }) => {
        got.push({ xs: Array.from(xs.dataSync()), ys: Array.from(ys.dataSync()), shape: [...ys.shape] });
        xs.dispose();
        ys.dispose();
      });
      assert.deepEqual(
        got.map(({ shape }) => shape),
        [
          [2, 3],
          [2, 3],
          [1, 3],
        ],
      );
      assert.deepEqual(
        got.map(({ xs, ys }) => ({ xs, ys })),
        expected,
        `epoch ${epoch}`,
      );
    }
  });

  it('gives int32 labels without numClasses, and feeds model.fitDataset', async () => {
    const start = memory().numTensors;
    const dataset = toDataset(loader(), { scale: 1 });
    const first = await (await dataset.iterator()).next();
    assert.equal(first.value.ys.dtype, 'int32');
    assert.deepEqual(first.value.ys.shape, [2]);
    assert.ok(Array.from(first.value.xs.dataSync() as Float32Array).some((v) => v > 1)); // scale 1: 0–255
    first.value.xs.dispose();
    first.value.ys.dispose();
    const model = sequential({ layers: [layers.flatten({ inputShape: [2, 2, 1] }), layers.dense({ units: 3 })] });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const history = await model.fitDataset(toDataset(loader(), { numClasses: 3 }), { epochs: 2, verbose: 0 });
    assert.equal(history.history.loss.length, 2);
    model.dispose();
    assert.equal(memory().numTensors, start);
  });

  it('rejects what is not a loader, and a bad numClasses', () => {
    assert.throws(() => toDataset([] as never), /toDataset: loader must be a DataLoader/);
    assert.throws(() => toDataset(loader(), { numClasses: 0 }), /toDataset: numClasses must be a positive integer/);
  });
});
