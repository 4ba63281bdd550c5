import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.ts';
import { createModel } from './model.ts';

describe('createModel', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('maps a batch of 28×28×1 images to 10 logits each', () => {
    const model = createModel({ seed: 1 });
    const out = tf.tidy(() => model.predict(tf.zeros([3, 28, 28, 1])) as tf.Tensor);
    assert.deepEqual(out.shape, [3, 10]);
    out.dispose();
    model.dispose();
  });

  it('has the walkthrough’s exact number of parameters', () => {
    // conv1: 3·3·1·64 weights + 64 biases                  =     640
    // conv2: 3·3·64·128 + 128 = 73,728 + 128               =  73,856
    // 28 → conv 26 → pool 13 → conv 11 → pool 5: flatten 5·5·128 = 3,200
    // dense1: 3,200·256 + 256 = 819,200 + 256              = 819,456
    // logits: 256·10 + 10                                  =   2,570
    // total: 640 + 73,856 + 819,456 + 2,570                = 896,522
    const model = createModel();
    assert.equal(model.countParams(), 896_522);
    assert.deepEqual(
      model.layers.map((l) => l.countParams()),
      [640, 0, 0, 73_856, 0, 0, 0, 819_456, 2_570],
    );
    assert.deepEqual(model.getLayer('flatten').outputShape, [null, 3200]);
    model.dispose();
  });

  it('starts from the same weights for the same seed, and from other weights for another seed', async () => {
    const read = async (seed: number) => {
      const model = createModel({ seed });
      const data = await model.getWeights()[0].data();
      model.dispose();
      return Array.from(data);
    };
    const a = await read(7);
    assert.deepEqual(await read(7), a);
    assert.notDeepEqual(await read(8), a);
  });

  it('rejects a non-integer seed', () => {
    assert.throws(() => createModel({ seed: 0.5 }), /seed must be an integer; received 0.5/);
  });
});
