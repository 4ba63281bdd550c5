import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { UniformBatch } from '../../../src/core/image.ts';
import { initBackend } from './backend.ts';
import { createModel } from './model.ts';
import { createReplicas, defaultTrainThreads, splitCounts } from './replicas.ts';
import { type LabeledBatch, evaluate, trainEpoch } from './train.ts';

const SIDE = 12;

function batches(count: number, size: number): LabeledBatch[] {
  const out: LabeledBatch[] = [];
  for (let b = 0; b < count; b++) {
    const data = new Uint8Array(size * SIDE * SIDE);
    for (let i = 0; i < data.length; i++) data[i] = ((i + 1) * (b + 7) * 2654435761) >>> 24;
    const images: UniformBatch = { data, n: size, height: SIDE, width: SIDE, channels: 1 };
    out.push({ images, labels: Int32Array.from({ length: size }, (_, i) => (i * 3 + b) % 4) });
  }
  return out;
}

async function weightsOf(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.trainableWeights.map((w) => w.read().data() as Promise<Float32Array>));
}

describe('defaultTrainThreads', () => {
  it('is the cores, 1 to 4, on wasm and cpu, and 1 on node (libtensorflow threads by itself)', () => {
    const cores = Math.max(1, Math.min(4, availableParallelism()));
    assert.equal(defaultTrainThreads('wasm'), cores);
    assert.equal(defaultTrainThreads('cpu'), cores);
    assert.equal(defaultTrainThreads('node'), 1);
  });
});

describe('splitCounts', () => {
  it('splits n into parts that sum to n and differ by at most one, larger first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 8 }), (n, parts) => {
        const counts = splitCounts(n, parts);
        assert.equal(counts.length, parts);
        assert.equal(
          counts.reduce((s, c) => s + c, 0),
          n,
        );
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
        for (let k = 1; k < parts; k++) assert.ok(counts[k] <= counts[k - 1]);
      }),
    );
    assert.deepEqual(splitCounts(65, 2), [33, 32]);
  });
});

describe('createReplicas', () => {
  before(async () => {
    await initBackend('wasm');
  });

  for (const threads of [2, 3]) {
    it(`trains on ${threads} threads as on one: same losses and weights up to float rounding`, async () => {
      const data = batches(3, 10);
      const single = createModel({ seed: 3, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
      const parallel = createModel({ seed: 3, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
      const lossesA: number[] = [];
      const lossesB: number[] = [];
      await trainEpoch(single, tf.train.adam(1e-2), data, { numClasses: 4, onBatch: (p) => lossesA.push(p.loss) });
      const replicas = await createReplicas(parallel, { threads, numClasses: 4 });
      assert.equal(replicas.threads, threads);
      try {
        await trainEpoch(parallel, tf.train.adam(1e-2), data, {
          numClasses: 4,
          replicas,
          onBatch: (p) => lossesB.push(p.loss),
        });
      } finally {
        await replicas.dispose();
      }
      lossesA.forEach((l, i) => assert.ok(Math.abs(l - lossesB[i]) < 1e-5, `batch ${i}: loss ${l} vs ${lossesB[i]}`));
      // The losses fall, so the steps did something (a replica that returned zeros would not match above either).
      assert.notDeepEqual(
        await weightsOf(single),
        await weightsOf(createModel({ seed: 3, inputShape: [SIDE, SIDE, 1], numClasses: 4 })),
      );
      const a = await weightsOf(single);
      const b = await weightsOf(parallel);
      a.forEach((wa, t) => {
        let maxDiff = 0;
        for (let i = 0; i < wa.length; i++) maxDiff = Math.max(maxDiff, Math.abs(wa[i] - b[t][i]));
        // Adam's first steps move each weight by about the learning rate (1e-2); rounding differences stay far below.
        assert.ok(maxDiff < 1e-4, `weights ${single.trainableWeights[t].name}: max difference ${maxDiff}`);
      });
      single.dispose();
      parallel.dispose();
    });
  }

  it('gives the same bytes on two runs with the same thread count', async () => {
    const data = batches(2, 8);
    const runs: Float32Array[][] = [];
    for (let run = 0; run < 2; run++) {
      const model = createModel({ seed: 4, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
      const replicas = await createReplicas(model, { threads: 2, numClasses: 4 });
      await trainEpoch(model, tf.train.adam(1e-2), data, { numClasses: 4, replicas });
      await replicas.dispose();
      runs.push(await weightsOf(model));
      model.dispose();
    }
    assert.deepEqual(runs[0], runs[1]);
  });

  it('evaluates on 3 threads as on one: the same logits, accuracy and loss', async () => {
    const model = createModel({ seed: 8, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    await trainEpoch(model, tf.train.adam(1e-2), batches(2, 16), { numClasses: 4 }); // not the initial weights
    const [test] = batches(1, 23);
    const images = test.images as UniformBatch;
    const replicas = await createReplicas(model, { threads: 3, numClasses: 4 });
    try {
      const logits = await replicas.logits(images);
      assert.deepEqual(logits.shape, [23, 4]);
      const reference = model.predict(
        tf.tensor4d(
          Float32Array.from(images.data, (v) => v / 255),
          [23, SIDE, SIDE, 1],
        ),
      ) as tf.Tensor;
      const a = await logits.data();
      const b = await reference.data();
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-4, `logit ${i}: ${a[i]} vs ${b[i]}`);
      tf.dispose([logits, reference]);
      const one = await evaluate(model, images, test.labels, { numClasses: 4, batchSize: 10 });
      const three = await evaluate(model, images, test.labels, { numClasses: 4, batchSize: 10, replicas });
      assert.equal(three.correct, one.correct);
      assert.ok(Math.abs(three.loss - one.loss) < 1e-5, `loss ${three.loss} vs ${one.loss}`);
    } finally {
      await replicas.dispose();
      model.dispose();
    }
  });

  it('leaks no tensors on the calling thread', async () => {
    const model = createModel({ seed: 6, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const optimizer = tf.train.adam();
    const replicas = await createReplicas(model, { threads: 2, numClasses: 4 });
    try {
      const data = batches(6, 6);
      await replicas.step(data[0].images as UniformBatch, data[0].labels, optimizer); // Adam's slots appear here
      const before = tf.memory();
      for (const b of data.slice(1)) await replicas.step(b.images as UniformBatch, b.labels, optimizer);
      const after = tf.memory();
      assert.equal(after.numTensors, before.numTensors);
      assert.equal(after.numBytes, before.numBytes);
    } finally {
      await replicas.dispose();
      optimizer.dispose();
      model.dispose();
    }
  });

  it('handles a batch smaller than the thread count', async () => {
    const model = createModel({ seed: 5, inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    const replicas = await createReplicas(model, { threads: 3, numClasses: 4 });
    try {
      const [one] = batches(1, 1);
      const loss = await replicas.step(one.images as UniformBatch, one.labels, tf.train.adam());
      assert.ok(Number.isFinite(loss) && loss > 0, `loss ${loss}`);
    } finally {
      await replicas.dispose();
      model.dispose();
    }
  });

  it('rejects a bad thread count, and steps after dispose', async () => {
    const model = createModel({ inputShape: [SIDE, SIDE, 1], numClasses: 4 });
    await assert.rejects(createReplicas(model, { threads: 0 }), /threads.*1…64.*received 0/s);
    const replicas = await createReplicas(model, { threads: 2, numClasses: 4 });
    await replicas.dispose();
    const [b] = batches(1, 4);
    await assert.rejects(replicas.step(b.images as UniformBatch, b.labels, tf.train.adam()), /disposed/);
    model.dispose();
  });
});
