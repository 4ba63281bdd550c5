import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { StandIn } from '../../test/helpers/stand-in-augmenter.ts';
import {
  type Batch,
  type Image,
  type PixelArray,
  type UniformBatch,
  batchImage,
  isUniformBatch,
  makeImage,
} from '../core/image.ts';
import * as iaa from '../index.ts';
import { type BatchAugmenter, DataLoader, type DataLoaderOptions, type LoaderBatch } from './data-loader.ts';
import { ArrayDataset, type Dataset } from './dataset.ts';

/** n gray 2×2 images; image i holds the value i in every pixel, label i % 10. */
function tinyDataset(n: number): ArrayDataset {
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) data.fill(i % 256, i * 4, (i + 1) * 4);
  return new ArrayDataset(
    { data, n, height: 2, width: 2, channels: 1 },
    Int32Array.from({ length: n }, (_, i) => i % 10),
  );
}

async function collect(iterable: AsyncIterable<LoaderBatch>): Promise<LoaderBatch[]> {
  const out: LoaderBatch[] = [];
  for await (const batch of iterable) out.push(batch);
  return out;
}

const allIndices = (batches: LoaderBatch[]) => batches.flatMap((b) => Array.from(b.indices));

describe('DataLoader epochs', () => {
  it('visits every index exactly once, the last batch smaller', async () => {
    const loader = new DataLoader(tinyDataset(10), { batchSize: 3, shuffle: true, seed: 5 });
    const batches = await collect(loader);
    assert.deepEqual(
      batches.map((b) => b.indices.length),
      [3, 3, 3, 1],
    );
    assert.deepEqual(
      allIndices(batches).sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.equal(loader.length, 4);
  });

  it('drops the last partial batch with dropLast, other indices once each', async () => {
    const loader = new DataLoader(tinyDataset(10), { batchSize: 3, shuffle: true, seed: 5, dropLast: true });
    const batches = await collect(loader);
    assert.deepEqual(
      batches.map((b) => b.indices.length),
      [3, 3, 3],
    );
    const seen = allIndices(batches);
    assert.equal(new Set(seen).size, 9);
    assert.equal(loader.length, 3);
  });

  it('visits every index once for any size, batch size, seed and dropLast (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.boolean(),
        async (n, batchSize, seed, dropLast) => {
          fc.pre(!dropLast || n >= batchSize);
          const batches = await collect(new DataLoader(tinyDataset(n), { batchSize, seed, dropLast, shuffle: true }));
          const seen = allIndices(batches);
          const expected = dropLast ? Math.floor(n / batchSize) * batchSize : n;
          assert.equal(seen.length, expected);
          assert.equal(new Set(seen).size, expected);
          assert.ok(seen.every((i) => i >= 0 && i < n));
          assert.ok(batches.every((b) => b.indices.length === batchSize || (!dropLast && b === batches.at(-1))));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps dataset order without shuffle', async () => {
    const batches = await collect(new DataLoader(tinyDataset(5), { batchSize: 2 }));
    assert.deepEqual(allIndices(batches), [0, 1, 2, 3, 4]);
  });

  it('collates the right pixels and labels for each index', async () => {
    const dataset = tinyDataset(12);
    for (const batch of await collect(new DataLoader(dataset, { batchSize: 5, shuffle: true, seed: 3 }))) {
      assert.ok(isUniformBatch(batch.images));
      const images = batch.images as UniformBatch;
      assert.deepEqual([images.n, images.height, images.width, images.channels], [batch.indices.length, 2, 2, 1]);
      batch.indices.forEach((index, k) => {
        assert.deepEqual([...batchImage(images, k).data], [index, index, index, index]);
        assert.equal(batch.labels[k], index % 10);
      });
      assert.ok(batch.labels instanceof Int32Array);
    }
  });
});

describe('DataLoader shuffling', () => {
  const order = async (seed: number, epoch: number) =>
    allIndices(await collect(new DataLoader(tinyDataset(50), { batchSize: 8, shuffle: true, seed }).epoch(epoch)));

  it('is reproducible for the same seed and epoch', async () => {
    assert.deepEqual(await order(7, 0), await order(7, 0));
    assert.deepEqual(await order(7, 3), await order(7, 3));
  });

  it('differs between epochs and between seeds', async () => {
    assert.notDeepEqual(await order(7, 0), await order(7, 1));
    assert.notDeepEqual(await order(7, 0), await order(8, 0));
    assert.notDeepEqual(
      await order(7, 0),
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('advances the epoch with each loop; epoch(k) replays one without advancing', async () => {
    const loader = new DataLoader(tinyDataset(20), { batchSize: 6, shuffle: true, seed: 1 });
    const first = await collect(loader);
    const second = await collect(loader);
    assert.deepEqual(
      first.map((b) => b.epoch),
      [0, 0, 0, 0],
    );
    assert.deepEqual(
      second.map((b) => b.epoch),
      [1, 1, 1, 1],
    );
    assert.equal(loader.nextEpoch, 2);
    assert.deepEqual(allIndices(await collect(loader.epoch(0))), allIndices(first));
    assert.equal(loader.nextEpoch, 2);
  });
});

describe('DataLoader augmentation', () => {
  it('calls augmentImages once per batch with the epoch and the dataset indices', async () => {
    const augment = new StandIn({ type: 'StandIn', seed: 1 });
    const loader = new DataLoader(tinyDataset(7), { batchSize: 3, shuffle: true, seed: 2, augment });
    const batches = await collect(loader);
    assert.equal(augment.calls.length, 3);
    assert.deepEqual(
      augment.calls.map((c) => c.indices),
      batches.map((b) => Array.from(b.indices)),
    );
    assert.deepEqual(
      augment.calls.map((c) => c.epoch),
      [0, 0, 0],
    );
  });

  it('gives each sample the same bytes whatever the batch size', async () => {
    const bySample = async (batchSize: number) => {
      const augment = new StandIn({ type: 'StandIn', seed: 9 });
      const out = new Map<number, number[]>();
      for await (const b of new DataLoader(tinyDataset(11), { batchSize, shuffle: true, seed: batchSize, augment })) {
        b.indices.forEach((index, k) => out.set(index, [...batchImage(b.images as UniformBatch, k).data]));
      }
      return [...out.entries()].sort((a, b) => a[0] - b[0]);
    };
    const one = await bySample(1);
    assert.deepEqual(await bySample(4), one);
    assert.deepEqual(await bySample(11), one);
    assert.notDeepEqual(one[0][1], [0, 0, 0, 0]);
  });
});

describe('DataLoader reuseBuffers', () => {
  const imagesOf = (b: LoaderBatch): Image[] =>
    isUniformBatch(b.images)
      ? Array.from({ length: b.images.n }, (_, k) => batchImage(b.images as UniformBatch, k))
      : (b.images as Image[]);
  /** A batch's indices, labels, sizes and bytes, copied. */
  const rowOf = (b: LoaderBatch): number[] => [
    ...b.indices,
    ...b.labels,
    ...imagesOf(b).flatMap((im) => [im.height, im.width, ...im.data]),
  ];

  /**
   * Every batch of `epochs` epochs, copied when it is yielded and checked again after a pause in which the loader's
   * prefetching runs on (a batch must stay intact until the next one is requested); and how many buffers they came in.
   */
  async function snapshot(
    options: DataLoaderOptions<unknown>,
    epochs = 2,
    dataset: Dataset<unknown> = tinyDataset(23),
  ) {
    const loader = new DataLoader(dataset, options);
    const rows: number[][] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (let e = 0; e < epochs; e++) {
      for await (const b of loader) {
        const row = rowOf(b);
        for (const image of imagesOf(b)) buffers.add(image.data.buffer);
        await new Promise((resolve) => setTimeout(resolve, 1));
        assert.deepEqual(rowOf(b), row, `batch ${rows.length} changed before the next one was requested`);
        rows.push(row);
      }
    }
    return { rows, buffers: buffers.size };
  }

  it('gives the same batches as fresh buffers, with and without augmentation, uniform or of mixed sizes', async () => {
    const augmenters: [string, BatchAugmenter | undefined][] = [
      ['no augmenter', undefined],
      ['stand-in', new StandIn({ type: 'StandIn', seed: 3 })],
      ['stand-in in place', new StandIn({ type: 'StandIn', seed: 3, inPlace: true })],
      ['stand-in growing', new StandIn({ type: 'StandIn', seed: 3, grow: true })],
      ['Multiply', iaa.Multiply({ mul: [0.5, 1.5], seed: 1 })],
      ['Affine fitOutput', iaa.Affine({ rotate: [-45, 45], fitOutput: true, seed: 2 })],
      ['Resize', iaa.Resize([0.5, 2], { seed: 4 })],
    ];
    for (const [name, augment] of augmenters) {
      for (const prefetch of [1, 4]) {
        const options = { batchSize: 4, shuffle: true, seed: 5, augment, prefetch };
        const fresh = await snapshot(options);
        const reused = await snapshot({ ...options, reuseBuffers: true });
        assert.equal(reused.rows.length, 12);
        assert.deepEqual(reused.rows, fresh.rows, `${name}, prefetch ${prefetch}`);
      }
    }
  });

  it('keeps to a few buffers however many batches there are', async () => {
    // 2 epochs of 25 batches: fresh memory for every batch, against the batches in flight and the one held.
    for (const augment of [undefined, iaa.Multiply({ mul: [0.5, 1.5], seed: 1 })]) {
      const options = { batchSize: 4, shuffle: true, seed: 5, augment, prefetch: 2 };
      const what = augment === undefined ? 'no augmenter' : 'Multiply';
      assert.equal((await snapshot(options, 2, tinyDataset(100))).buffers, 50, what);
      const reused = (await snapshot({ ...options, reuseBuffers: true }, 2, tinyDataset(100))).buffers;
      assert.ok(reused <= 3, `${what}: ${reused} buffers`);
    }
  });

  it('does not lose buffers to a last batch of another size, epoch after epoch', async () => {
    // 98 images in batches of 4: 24 full batches and one of 2 per epoch, whose output cannot take a full batch's.
    const augment = iaa.Multiply({ mul: [0.5, 1.5], seed: 1 });
    const options = { batchSize: 4, shuffle: true, seed: 5, augment, prefetch: 2, reuseBuffers: true };
    const { rows, buffers } = await snapshot(options, 8, tinyDataset(98));
    assert.equal(rows.length, 200);
    assert.ok(buffers <= 5, `${buffers} buffers`);
  });

  it('never writes into the buffers of a collate function or recycles them', async () => {
    const made: Uint8Array[] = [];
    const collate = (items: unknown[], indices: Int32Array) => {
      const data = new Uint8Array(items.length * 4).fill(indices[0] + 1);
      made.push(data);
      return { images: { data, n: items.length, height: 2, width: 2, channels: 1 }, labels: new Int32Array(indices) };
    };
    for (const augment of [undefined, new StandIn({ type: 'StandIn', seed: 3, inPlace: true })]) {
      made.length = 0;
      const options = { batchSize: 4, seed: 5, augment, prefetch: 3, collate, reuseBuffers: true };
      const { rows, buffers } = await snapshot(options, 2);
      assert.equal(buffers, 12);
      assert.equal(made.length, 12);
      // Without an augmenter every batch is the collate function's own buffer, left as it was.
      if (augment === undefined)
        made.forEach((data, k) =>
          assert.ok(
            data.every((v) => v === (k % 6) * 4 + 1),
            `${k}`,
          ),
        );
      else assert.deepEqual(rows, (await snapshot({ ...options, reuseBuffers: false }, 2)).rows);
    }
  });

  it('uses plain memory with workers where the platform has no SharedArrayBuffer (a page without isolation)', async () => {
    const augment = iaa.Multiply({ mul: [0.5, 1.5], seed: 1 });
    // A pool that augments on this thread, as a browser's own pool of web workers might without shared memory.
    const pool = () => ({
      augment: async (images: Batch, context: { epoch: number; indices: Int32Array; out?: PixelArray }) =>
        augment.augmentImages(images, context),
      close: async () => {},
    });
    const options = { batchSize: 4, shuffle: true, seed: 5, augment, workers: 2, pool };
    const fresh = await snapshot(options);
    const global = globalThis as { SharedArrayBuffer?: unknown };
    const saved = global.SharedArrayBuffer;
    global.SharedArrayBuffer = undefined;
    try {
      const reused = await snapshot({ ...options, reuseBuffers: true });
      assert.deepEqual(reused.rows, fresh.rows);
      assert.ok(reused.buffers <= 7, `${reused.buffers} buffers`);
    } finally {
      global.SharedArrayBuffer = saved;
    }
  });

  it('rejects a reuseBuffers that is not a boolean', () => {
    assert.throws(
      () => new DataLoader(tinyDataset(3), { reuseBuffers: 1 as unknown as boolean }),
      /DataLoader: reuseBuffers must be true or false/,
    );
  });
});

describe('DataLoader datasets and collate', () => {
  it('accepts a list of images and an async (mapped) dataset', async () => {
    const images: Image[] = [1, 2, 3].map((v) => makeImage(new Uint8Array(4).fill(v), 2, 2));
    const dataset = new ArrayDataset(images, [10, 20, 30]).map(async (s) => ({ ...s, label: s.label + 1 }));
    const [batch] = await collect(new DataLoader(dataset, { batchSize: 3 }));
    assert.deepEqual([...(batch.images as UniformBatch).data], [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    assert.deepEqual([...batch.labels], [11, 21, 31]);
  });

  it('uses a custom collate', async () => {
    const loader = new DataLoader(tinyDataset(4), {
      batchSize: 2,
      collate: (items, indices) => ({ images: items.map((s) => s.image), labels: Int32Array.from(indices, (i) => -i) }),
    });
    const batches = await collect(loader);
    assert.ok(Array.isArray(batches[1].images));
    assert.deepEqual([...batches[1].labels], [-2, -3]);
  });

  it('rejects images of mixed sizes without a resize, naming both', async () => {
    const images = [makeImage(new Uint8Array(4), 2, 2), makeImage(new Uint8Array(9), 3, 3)];
    const loader = new DataLoader(new ArrayDataset(images, [0, 1]), { batchSize: 2 });
    await assert.rejects(collect(loader), {
      name: 'RangeError',
      message:
        /^DataLoader: dataset images must be of one size to be stacked \(resize them.*dataset index 0 is 2×2×1 uint8; received "3×3×1 uint8 at dataset index 1"$/,
    });
  });
});

describe('DataLoader validation', () => {
  it('rejects a batch size that is not a positive integer', () => {
    for (const batchSize of [0, -1, 1.5]) {
      assert.throws(() => new DataLoader(tinyDataset(3), { batchSize }), {
        name: 'RangeError',
        message: `DataLoader: batchSize must be a positive integer; received ${batchSize}`,
      });
    }
    assert.throws(() => new DataLoader(tinyDataset(3), { batchSize: '4' as unknown as number }), TypeError);
  });

  it('rejects an empty dataset', () => {
    const empty = new ArrayDataset({ data: new Uint8Array(0), n: 0, height: 2, width: 2, channels: 1 }, []);
    assert.throws(() => new DataLoader(empty), {
      message: 'DataLoader: dataset must be a non-empty dataset; received "a dataset of length 0"',
    });
  });

  it('rejects dropLast when every batch would be dropped', () => {
    assert.throws(
      () => new DataLoader(tinyDataset(3), { batchSize: 4, dropLast: true }),
      /every batch would be dropped/,
    );
  });

  it('rejects workers without a pool or an augmenter without toJSON', () => {
    const augment = { augmentImages: (b: Image[] | UniformBatch) => b };
    assert.throws(
      () => new DataLoader(tinyDataset(3), { augment, workers: 1 }),
      /augment must be an augmenter with toJSON\(\) when workers > 0/,
    );
    assert.throws(() => new DataLoader(tinyDataset(3), { workers: -1 }), /workers must be a non-negative integer/);
    const serializable = new StandIn({ type: 'StandIn', seed: 1 });
    assert.throws(() => new DataLoader(tinyDataset(3), { augment: serializable, workers: 2 }), /import 'augkit\/node'/);
  });

  it('outside Node and without Web Workers, the error says workers must be 0 there (no Node advice)', () => {
    const serializable = new StandIn({ type: 'StandIn', seed: 1 });
    const versions = Object.getOwnPropertyDescriptor(process, 'versions');
    assert.ok(versions !== undefined && typeof globalThis.Worker !== 'function');
    Object.defineProperty(process, 'versions', { value: {}, configurable: true });
    try {
      assert.throws(
        () => new DataLoader(tinyDataset(3), { augment: serializable, workers: 2 }),
        (error: Error) =>
          /0 here: this environment has no Web Workers/.test(error.message) && !/augkit\/node/.test(error.message),
      );
    } finally {
      Object.defineProperty(process, 'versions', versions);
    }
  });
});
