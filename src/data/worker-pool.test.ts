import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { StandIn, standInReviver } from '../../test/helpers/stand-in-augmenter.ts';
import type { UniformBatch } from '../core/image.ts';
import * as iaa from '../index.ts';
import { isShared } from '../kernels/copy.ts';
import { kernelHeap } from '../kernels/wasm/kernel-heap.ts';
import { inKernelHeap, kernelHeapUsed } from '../kernels/wasm/shared-heap.ts';
import { type BatchAugmenter, DataLoader, type DataLoaderOptions } from './data-loader.ts';
import { ArrayDataset, type LabeledImage } from './dataset.ts';
import { createWorkerPool } from './worker-pool.ts';
import '../node.ts'; // registers createWorkerPool as the default pool, used by the real-augmenter test

const n = 50;
const pixels = Uint8Array.from({ length: n * 6 * 5 }, (_, i) => (i * 7) % 256);
/** Whether this platform has the kernel heap (Node does), which the DataLoader's reused shared buffers are in. */
const heap = kernelHeap() !== null;
const dataset = new ArrayDataset({ data: pixels, n, height: 6, width: 5, channels: 1 }, new Int32Array(n));
const pool: DataLoaderOptions<LabeledImage>['pool'] = (augmenter, options) =>
  createWorkerPool(augmenter, { ...options, reviver: standInReviver });

/** Every batch of two epochs, concatenated: indices and augmented bytes. */
async function run(workers: number, prefetch: number, spec = { type: 'StandIn' as const, seed: 3 }) {
  const loader = new DataLoader(dataset, {
    batchSize: 8,
    shuffle: true,
    seed: 4,
    augment: new StandIn(spec),
    workers,
    prefetch,
    pool,
  });
  const indices: number[] = [];
  const bytes: number[] = [];
  for (let e = 0; e < 2; e++) {
    for await (const batch of loader) {
      indices.push(...batch.indices);
      bytes.push(...(batch.images as UniformBatch).data);
    }
  }
  await loader.close();
  return { indices, bytes };
}

describe('DataLoader with worker threads', () => {
  it('gives identical bytes for 0, 1 and 2 workers and prefetch 1 and 4', async () => {
    const reference = await run(0, 1);
    assert.equal(reference.bytes.length, 2 * n * 30);
    assert.notDeepEqual(reference.bytes.slice(0, 30), Array.from(pixels.subarray(0, 30))); // augmentation happened
    for (const [workers, prefetch] of [
      [0, 4],
      [1, 1],
      [1, 4],
      [2, 1],
      [2, 4],
    ]) {
      const got = await run(workers, prefetch);
      assert.deepEqual(got.indices, reference.indices, `indices, workers ${workers}, prefetch ${prefetch}`);
      assert.ok(
        got.bytes.every((b, i) => b === reference.bytes[i]),
        `bytes differ for workers ${workers}, prefetch ${prefetch}`,
      );
    }
  });

  it('never writes into a caller’s SharedArrayBuffer, however many batches follow', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(4 * 30));
    shared.set(pixels.subarray(0, shared.length));
    const before = shared.slice();
    const augmenter = iaa.Multiply({ mul: 2, seed: 1 });
    const workerPool = createWorkerPool(augmenter, { workers: 1 });
    try {
      const batch = { data: shared, n: 4, height: 6, width: 5, channels: 1 };
      const expected = augmenter.augmentImages(batch, { epoch: 0, indices: [0, 1, 2, 3] }) as UniformBatch;
      for (let k = 0; k < 3; k++) {
        const got = (await workerPool.augment(batch, {
          epoch: 0,
          indices: Int32Array.from([0, 1, 2, 3]),
        })) as UniformBatch;
        assert.deepEqual(Array.from(got.data), Array.from(expected.data), `batch ${k}`);
      }
      assert.deepEqual(shared, before);
    } finally {
      await workerPool.close();
    }
  });

  it('writes into a shared out when it fits and gives the result back as views of it', async () => {
    const augmenter = iaa.Multiply({ mul: [0.5, 1.5], seed: 1 });
    const workerPool = createWorkerPool(augmenter, { workers: 1 });
    try {
      const data = new Uint8Array(new SharedArrayBuffer(4 * 30));
      data.set(pixels.subarray(0, data.length));
      const batch = { data, n: 4, height: 6, width: 5, channels: 1 };
      const context = { epoch: 2, indices: Int32Array.from([7, 8, 9, 10]) };
      const expected = augmenter.augmentImages(batch, context) as UniformBatch;
      const fits = new Uint8Array(new SharedArrayBuffer(4 * 30));
      const into = (await workerPool.augment(batch, { ...context, out: fits })) as UniformBatch;
      assert.equal(into.data.buffer, fits.buffer, 'a view of the given out');
      assert.deepEqual(fits, expected.data);
      for (const out of [new Uint8Array(new SharedArrayBuffer(3 * 30)), new Uint8Array(4 * 30)]) {
        const other = (await workerPool.augment(batch, { ...context, out })) as UniformBatch;
        assert.notEqual(other.data.buffer, out.buffer, `${out.length}, shared ${isShared(out)}`);
        assert.ok(
          out.every((v) => v === 0),
          'an out that does not fit stays untouched',
        );
        assert.deepEqual(other.data, expected.data);
      }
    } finally {
      await workerPool.close();
    }
  });

  it('gives identical bytes with real augmenters rebuilt by fromJSON (own seed and root seed)', async () => {
    iaa.seed(11);
    const children: iaa.Augmenter[] = [
      iaa.Multiply([0.5, 1.5]),
      iaa.GaussianBlur([0, 2], { seed: 5 }),
      iaa.Dropout(0.2),
    ];
    // Affine joins the pipeline once it is exported from src/index.ts.
    const affine = (iaa as Record<string, unknown>).Affine as ((o: object) => iaa.Augmenter) | undefined;
    if (affine) children.push(affine({ rotate: [-30, 30] }));
    const augment = iaa.Sequential(children);
    const bytes = async (workers: number, prefetch: number) => {
      const loader = new DataLoader(dataset, { batchSize: 7, shuffle: true, seed: 2, augment, workers, prefetch });
      const out: number[] = [];
      for await (const batch of loader) {
        assert.ok(!Array.isArray(batch.images));
        out.push(...(batch.images as UniformBatch).data);
      }
      await loader.close();
      return out;
    };
    const reference = await bytes(0, 1);
    assert.notDeepEqual(reference.slice(0, 30), Array.from(pixels.subarray(0, 30)));
    for (const [workers, prefetch] of [
      [1, 1],
      [2, 4],
    ]) {
      const got = await bytes(workers, prefetch);
      assert.ok(
        got.length === reference.length && got.every((b, i) => b === reference[i]),
        `workers ${workers}, prefetch ${prefetch}`,
      );
    }
  });

  it('gives identical bytes for lists of outputs of different sizes (fitOutput), batch after batch', async () => {
    // The workers write each list into one pooled buffer and send it whole; every batch must still be intact.
    const augment = iaa.Affine({ rotate: [-45, 45], fitOutput: true, seed: 8 });
    const lists = async (workers: number, prefetch: number) => {
      const loader = new DataLoader(dataset, { batchSize: 6, shuffle: true, seed: 3, augment, workers, prefetch });
      const out: number[][] = [];
      try {
        for await (const batch of loader) {
          // A batch whose outputs all came out one size is uniform.
          const images = Array.isArray(batch.images)
            ? batch.images
            : Array.from({ length: (batch.images as UniformBatch).n }, (_, i) =>
                iaa.batchImage(batch.images as UniformBatch, i),
              );
          out.push(...images.map((image) => [image.height, image.width, ...image.data]));
        }
      } finally {
        await loader.close();
      }
      return out;
    };
    const reference = await lists(0, 1);
    assert.ok(new Set(reference.map((r) => r[0] * 1000 + r[1])).size > 1, 'the sizes differ');
    for (const [workers, prefetch] of [
      [1, 1],
      [2, 4],
    ]) {
      assert.deepEqual(await lists(workers, prefetch), reference, `workers ${workers}, prefetch ${prefetch}`);
    }
  });

  it('with reuseBuffers: the same batches as fresh buffers, in shared memory, intact until the next is requested', async () => {
    /** Every batch of two epochs, copied when yielded and checked again after the loader ran on; buffers seen. */
    const batches = async (augment: BatchAugmenter, workers: number, reuseBuffers: boolean, name = '') => {
      const loader = new DataLoader(dataset, {
        batchSize: 5,
        shuffle: true,
        seed: 3,
        augment,
        workers,
        prefetch: 4,
        reuseBuffers,
        ...(augment instanceof StandIn ? { pool } : {}),
      });
      const rows: number[][] = [];
      const starts: Uint8Array[] = []; // each batch's memory's first byte
      try {
        for (let e = 0; e < 2; e++) {
          for await (const batch of loader) {
            const images = Array.isArray(batch.images)
              ? batch.images
              : Array.from({ length: (batch.images as UniformBatch).n }, (_, i) =>
                  iaa.batchImage(batch.images as UniformBatch, i),
                );
            const row = () => images.flatMap((image) => [image.height, image.width, ...image.data]);
            const before = row();
            starts.push(new Uint8Array(images[0].data.buffer, images[0].data.byteOffset, 1));
            for (const image of images) {
              if (workers > 0 && reuseBuffers) assert.ok(image.data.buffer instanceof SharedArrayBuffer, 'shared');
            }
            // Results come back in the recycler's arrays, which are in the kernel heap: from the first batch when
            // they keep the input's shape, from the second epoch on when not (a first result of a new size goes into
            // new memory, and an array of that size in the heap takes its place).
            const settled = name !== 'Resize' || rows.length >= 10;
            if (
              workers > 0 &&
              reuseBuffers &&
              heap &&
              settled &&
              !(augment instanceof StandIn) &&
              !Array.isArray(batch.images)
            ) {
              assert.ok(inKernelHeap((batch.images as UniformBatch).data), 'in the kernel heap');
            }
            await new Promise((resolve) => setTimeout(resolve, 5)); // the workers write later batches meanwhile
            assert.deepEqual(row(), before, `batch ${rows.length} changed before the next one was requested`);
            rows.push(before);
          }
        }
      } finally {
        await loader.close();
      }
      // A SharedArrayBuffer arrives as a new object each time, and the kernel heap's arrays share one: count distinct
      // memory by writing a mark into each batch's first byte.
      starts.forEach((start, k) => {
        start[0] = k;
      });
      return { rows, buffers: new Set(starts.map((start) => start[0])).size };
    };
    const augmenters: [string, BatchAugmenter][] = [
      ['Multiply', iaa.Multiply([0.5, 1.5], { seed: 1 })],
      // Dropout changes the images in place in the kernel heap.
      ['Dropout', iaa.Dropout([0.1, 0.4], { seed: 6 })],
      ['Resize', iaa.Resize({ height: 4, width: 2 }, { seed: 7 })],
      ['Affine fitOutput', iaa.Affine({ rotate: [-45, 45], fitOutput: true, seed: 8 })],
      ['stand-in in place', new StandIn({ type: 'StandIn', seed: 3, inPlace: true })],
      ['stand-in growing', new StandIn({ type: 'StandIn', seed: 3, grow: true })],
    ];
    for (const [name, augment] of augmenters) {
      const reference = await batches(augment, 0, false);
      assert.equal(reference.rows.length, 20);
      const got = await batches(augment, 2, true, name);
      assert.deepEqual(got.rows, reference.rows, name);
      // 2 epochs of 10 batches: the batches in flight and the one held (fresh memory per batch would be 20).
      if (name === 'Multiply') assert.ok(got.buffers <= 6, `${name}: ${got.buffers} buffers`);
    }
  });

  it('with reuseBuffers: two workers running the WebAssembly kernels at once in the kernel heap give the bytes of one thread', async () => {
    // 48 RGB images of 48×64: each batch's kernels run long enough for the two threads to overlap, so state that
    // the threads' instances shared by mistake (a static buffer in the shared module) shows as wrong bytes.
    const rgb = new ArrayDataset(
      {
        data: Uint8Array.from({ length: 48 * 48 * 64 * 3 }, (_, i) => (i * 131 + (i >> 7)) % 251),
        n: 48,
        height: 48,
        width: 64,
        channels: 3,
      },
      new Int32Array(48),
    );
    const all = async (augment: BatchAugmenter, workers: number) => {
      const loader = new DataLoader(rgb, {
        batchSize: 6,
        shuffle: true,
        seed: 2,
        augment,
        workers,
        reuseBuffers: workers > 0,
      });
      const rows: number[] = [];
      try {
        for (let e = 0; e < 3; e++) {
          for await (const batch of loader) {
            // From the second epoch on, also for a resize (see the test above).
            if (workers > 0 && heap && e > 0) {
              assert.ok(inKernelHeap((batch.images as UniformBatch).data), 'in the kernel heap');
            }
            rows.push(...(batch.images as UniformBatch).data);
          }
        }
      } finally {
        await loader.close();
      }
      return Buffer.from(rows);
    };
    const augmenters: [string, () => BatchAugmenter][] = [
      ['AdditiveGaussianNoise', () => iaa.AdditiveGaussianNoise({ scale: 30, seed: 1 })],
      ['Dropout', () => iaa.Dropout(0.3, { seed: 2 })],
      ['SaltAndPepper', () => iaa.SaltAndPepper(0.2, { seed: 3 })],
      ['Grayscale', () => iaa.Grayscale(1, { seed: 4 })],
      ['GaussianBlur', () => iaa.GaussianBlur([0.5, 2], { seed: 5 })],
      ['Fliplr', () => iaa.Fliplr(1, { seed: 6 })],
      ['Resize to half', () => iaa.Resize({ height: 24, width: 32 }, { interpolation: 'linear', seed: 7 })],
      ['Affine', () => iaa.Affine({ rotate: [-30, 30], seed: 8 })],
      // Constant tables: their line is prepared after 256 KB of a thread's batches, then mapped in the heap.
      ['Multiply (0.6, the 32-bit line)', () => iaa.Multiply(0.6, { seed: 9 })],
      ['LinearContrast (0.5, the 8-bit line)', () => iaa.LinearContrast(0.5, { seed: 10 })],
    ];
    for (const [name, make] of augmenters) {
      const one = await all(make(), 0);
      assert.ok((await all(make(), 2)).equals(one), name);
    }
  });

  it(
    'with reuseBuffers: the kernel heap takes a bounded amount of memory when outputs change size from batch to batch',
    {
      skip: heap ? false : 'no kernel heap here',
    },
    async () => {
      // Random fitOutput rotations and random resizes: every batch's outputs have other sizes. The recycler keeps a few
      // arrays and gives the rest back to the heap, which reuses a block for an array of at least half its size;
      // 12 epochs of 12 batches must not take memory batch after batch.
      const rgb = new ArrayDataset(
        {
          data: Uint8Array.from({ length: 60 * 16 * 12 * 3 }, (_, i) => (i * 7919) & 255),
          n: 60,
          height: 16,
          width: 12,
          channels: 3,
        },
        new Int32Array(60),
      );
      for (const augment of [
        iaa.Affine({ rotate: [-45, 45], fitOutput: true, seed: 3 }),
        iaa.Resize([0.5, 2], { seed: 4 }),
      ]) {
        const loader = new DataLoader(rgb, {
          batchSize: 5,
          shuffle: true,
          seed: 1,
          augment,
          workers: 2,
          reuseBuffers: true,
        });
        // Counted from the end of the first epoch: by then the workers have taken their stacks and scratch areas.
        let before = 0;
        let largest = 0;
        try {
          for (let e = 0; e < 12; e++) {
            for await (const batch of loader) {
              const bytes = (batch.images as iaa.Image[]).reduce((sum, image) => sum + image.data.length, 0);
              largest = Math.max(largest, bytes);
            }
            if (e === 0) before = kernelHeapUsed();
          }
        } finally {
          await loader.close();
        }
        const taken = kernelHeapUsed() - before;
        assert.ok(taken <= 16 * largest, `${augment.type}: ${taken} bytes in 11 epochs, batches of at most ${largest}`);
      }
    },
  );

  it('brings back lists of images when the augmenter changes sizes', async () => {
    const loader = new DataLoader(dataset, {
      batchSize: 8,
      augment: new StandIn({ type: 'StandIn', seed: 1, grow: true }),
      workers: 1,
      pool,
    });
    for await (const batch of loader) {
      assert.ok(Array.isArray(batch.images));
      assert.equal(batch.images[0].width, 6);
      break;
    }
  });

  it("passes a worker's error to the consumer with its message and stack, then closes", async () => {
    const loader = new DataLoader(dataset, {
      batchSize: 4,
      augment: new StandIn({ type: 'StandIn', seed: 1, throwAt: 13 }),
      workers: 2,
      prefetch: 4,
      pool,
    });
    await assert.rejects(
      async () => {
        for await (const _ of loader) {
        }
      },
      (error: Error) => {
        assert.equal(error.message, 'stand-in failure at dataset index 13');
        assert.match(error.stack ?? '', /failHere .*stand-in-augmenter\.ts/);
        return true;
      },
    );
  });

  it('reports a reviver that does not exist', async () => {
    const loader = new DataLoader(dataset, {
      batchSize: 4,
      augment: new StandIn({ type: 'StandIn', seed: 1 }),
      workers: 1,
      pool: (augmenter, options) =>
        createWorkerPool(augmenter, { ...options, reviver: { module: standInReviver.module, name: 'nope' } }),
    });
    await assert.rejects(async () => {
      for await (const _ of loader) {
      }
    }, /does not export a function nope to rebuild the augmenter from JSON/);
  });

  const situations: Record<string, string> = {
    break: 'a break',
    throw: "a worker's error",
    complete: 'a whole epoch without close()',
  };
  for (const [mode, situation] of Object.entries(situations)) {
    it(`lets the process exit by itself after ${situation}`, () => {
      const script = fileURLToPath(new URL('../../test/helpers/early-break.ts', import.meta.url));
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, mode], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.signal, null, `the child hung and was killed; stderr: ${child.stderr}`);
      assert.equal(child.status, 0, child.stderr);
      if (mode === 'break') assert.equal(child.stdout.trim(), 'batches: 1');
      else if (mode === 'complete') assert.equal(child.stdout.trim(), 'batches: 16');
      else assert.match(child.stdout, /caught: stand-in failure at dataset index 9\nbatches: [0-2]\n/);
    });
  }
});
