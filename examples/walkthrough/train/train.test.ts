import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { UniformBatch } from '../../../src/core/image.ts';
import { initBackend } from './backend.ts';
import { createModel } from './model.ts';
import {
  type BatchProgress,
  type LabeledBatch,
  batchToTensor,
  evaluate,
  toUniformBatch,
  trainEpoch,
  trainingForward,
} from './train.ts';

const SIDE = 12;

/**
 * 4 classes of 12×12 uint8 images: class k is a bright 6×6 square in quadrant k, plus deterministic low-level
 * texture so that no two images are identical.
 */
function syntheticData(n: number): { images: UniformBatch<Uint8Array>; labels: Int32Array } {
  const data = new Uint8Array(n * SIDE * SIDE);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    labels[i] = k;
    const top = k < 2 ? 0 : 6;
    const left = k % 2 === 0 ? 0 : 6;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const inside = y >= top && y < top + 6 && x >= left && x < left + 6;
        data[i * SIDE * SIDE + y * SIDE + x] = inside ? 200 + ((i * 7 + x * 3 + y) % 50) : (i * 13 + x * y) % 40;
      }
    }
  }
  return { images: { data, n, height: SIDE, width: SIDE, channels: 1 }, labels };
}

function* batchesOf(images: UniformBatch<Uint8Array>, labels: Int32Array, size: number): Generator<LabeledBatch> {
  const stride = SIDE * SIDE;
  for (let i = 0; i < images.n; i += size) {
    const m = Math.min(size, images.n - i);
    yield {
      images: { ...images, n: m, data: images.data.subarray(i * stride, (i + m) * stride) },
      labels: labels.subarray(i, i + m),
    };
  }
}

async function* slowly(source: Iterable<LabeledBatch>): AsyncGenerator<LabeledBatch> {
  for (const b of source) {
    await new Promise((r) => setTimeout(r, 5));
    yield b;
  }
}

describe('batchToTensor', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('scales uint8 by 1/255 and keeps float32 as it is', async () => {
    const u = batchToTensor({ data: new Uint8Array([0, 51, 255, 102]), n: 1, height: 2, width: 2, channels: 1 });
    assert.deepEqual(u.shape, [1, 2, 2, 1]);
    const got = Array.from(await u.data());
    [0, 0.2, 1, 0.4].forEach((v, i) => assert.ok(Math.abs(got[i] - v) < 1e-7, `value ${i}: ${got[i]} ≠ ${v}`));
    const f = batchToTensor({ data: new Float32Array([3, -1]), n: 2, height: 1, width: 1, channels: 1 });
    assert.deepEqual(Array.from(await f.data()), [3, -1]);
    tf.dispose([u, f]);
  });
});

describe('toUniformBatch', () => {
  it('copies a list of images into one buffer, in order', () => {
    const a = { data: new Uint8Array([1, 2]), height: 1, width: 2, channels: 1 };
    const b = { data: new Uint8Array([3, 4]), height: 1, width: 2, channels: 1 };
    const u = toUniformBatch([a, b]);
    assert.deepEqual(
      { ...u, data: Array.from(u.data) },
      { data: [1, 2, 3, 4], n: 2, height: 1, width: 2, channels: 1 },
    );
  });

  it('rejects images of different sizes, naming the first that differs', () => {
    const a = { data: new Uint8Array(2), height: 1, width: 2, channels: 1 };
    const b = { data: new Uint8Array(2), height: 2, width: 1, channels: 1 };
    assert.throws(() => toUniformBatch([a, a, b]), /image 2 is 2×1×1, but image 0 is 1×2×1/);
  });
});

describe('trainingForward', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it("gives model.apply's logits and weight gradients, without computing the image gradient", async () => {
    const { images, labels } = syntheticData(8);
    const model = createModel({ seed: 5, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const x = batchToTensor(images);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 4);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const gradsOf = (forward: () => tf.Tensor) =>
      tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, forward()) as tf.Scalar, vars);
    const reference = gradsOf(() => model.apply(x, { training: true }) as tf.Tensor);
    const profile = await tf.profile(() => {
      const g = gradsOf(() => trainingForward(model, x));
      return [g.value, ...Object.values(g.grads)];
    });
    const backpropInputs = profile.kernels.filter((k) => k.name === 'Conv2DBackpropInput');
    // Only the second convolution needs its input gradient.
    assert.deepEqual(
      backpropInputs.map((k) => k.inputShapes[1]),
      [[3, 3, 64, 128]],
    );
    const ours = gradsOf(() => trainingForward(model, x));
    assert.ok(Math.abs((await ours.value.data())[0] - (await reference.value.data())[0]) < 1e-6);
    assert.equal(Object.keys(ours.grads).length, 8);
    for (const [name, g] of Object.entries(reference.grads)) {
      const a = await g.data();
      const b = await ours.grads[name].data();
      let maxDiff = 0;
      let maxRef = 0;
      for (let i = 0; i < a.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        maxRef = Math.max(maxRef, Math.abs(a[i]));
      }
      assert.ok(maxDiff <= 1e-5 * Math.max(1, maxRef), `${name}: max difference ${maxDiff} (max |ref| ${maxRef})`);
    }
    tf.dispose([x, y, reference.value, ours.value, ...Object.values(reference.grads), ...Object.values(ours.grads)]);
    model.dispose();
  });
});

describe('trainEpoch', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('lowers the loss on a small synthetic dataset, and reports every batch', async () => {
    const { images, labels } = syntheticData(64);
    const model = createModel({ seed: 11, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const optimizer = tf.train.adam(1e-3);
    const before = await evaluate(model, images, labels, { numClasses: 4 });
    const progress: BatchProgress[] = [];
    const first = await trainEpoch(model, optimizer, slowly(batchesOf(images, labels, 16)), {
      numClasses: 4,
      onBatch: (p) => progress.push(p),
    });
    for (let epoch = 1; epoch < 4; epoch++) {
      await trainEpoch(model, optimizer, batchesOf(images, labels, 16), { numClasses: 4 });
    }
    const after = await evaluate(model, images, labels, { numClasses: 4 });
    assert.ok(after.loss < before.loss * 0.5, `loss ${before.loss} → ${after.loss}`);
    assert.ok(after.accuracy > 0.9, `accuracy ${after.accuracy}`);

    assert.equal(first.batches, 4);
    assert.equal(first.images, 64);
    assert.deepEqual(
      progress.map((p) => [p.batch, p.batchSize, p.imagesSeen]),
      [
        [0, 16, 16],
        [1, 16, 32],
        [2, 16, 48],
        [3, 16, 64],
      ],
    );
    const meanOfBatches = progress.reduce((s, p) => s + p.loss, 0) / progress.length;
    assert.ok(Math.abs(first.meanLoss - meanOfBatches) < 1e-6);
    const waited = progress.reduce((s, p) => s + p.waitMs, 0) / 1000;
    assert.ok(Math.abs(first.waitSeconds - waited) < 1e-9);
    assert.ok(first.waitShare > 0 && first.waitShare < 1, `waitShare ${first.waitShare}`);
    assert.ok(Math.abs(progress[3].waitShare - first.waitSeconds / (first.waitSeconds + first.computeSeconds)) < 1e-9);
    optimizer.dispose();
    model.dispose();
  });

  it('rejects a label outside the classes, naming it', async () => {
    const model = createModel({ inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const { images } = syntheticData(2);
    const batch = { images, labels: new Int32Array([0, 4]) };
    await assert.rejects(
      trainEpoch(model, tf.train.adam(), [batch], { numClasses: 4 }),
      /labels\[1\] must be in 0…3; received 4/,
    );
    model.dispose();
  });
});

describe('evaluate', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('gives the same accuracy and loss whatever the batch size', async () => {
    const { images, labels } = syntheticData(10);
    const model = createModel({ seed: 2, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const whole = await evaluate(model, images, labels, { numClasses: 4, batchSize: 10 });
    const parts = await evaluate(model, images, labels, { numClasses: 4, batchSize: 3 });
    assert.equal(parts.correct, whole.correct);
    assert.equal(parts.n, 10);
    assert.ok(Math.abs(parts.loss - whole.loss) < 1e-5);
    // An untrained 4-class model is near chance: loss near ln 4.
    assert.ok(Math.abs(whole.loss - Math.log(4)) < 0.5, `loss ${whole.loss}`);
    model.dispose();
  });
});
