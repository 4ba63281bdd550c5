import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import { env, memory, setBackend } from '@tensorflow/tfjs-core';
import { makeImage } from './core/image.ts';
import { oneHot, toTensor } from './tfjs.ts';

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
