// The Web Worker pool, run in Node: each "Web Worker" is a worker thread whose global scope gets `postMessage` and
// `onmessage` as in a browser, running the real augment-web-worker.ts. The headless-Chromium test
// (test/browser/chromium.test.ts) runs the same pool on real Web Workers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Worker as NodeWorker } from 'node:worker_threads';
import type { UniformBatch } from '../core/image.ts';
import * as iaa from '../index.ts';
import { type BatchAugmenter, DataLoader } from './data-loader.ts';
import { ArrayDataset } from './dataset.ts';
import { createWebWorkerPool } from './web-worker-pool.ts';

/** A Web Worker made of a Node worker thread: messages posted before its script has run wait, as in a browser. */
class ThreadAsWebWorker extends EventTarget {
  static started = 0;
  private readonly thread: NodeWorker;

  constructor(url: URL, options?: { type?: string }) {
    super();
    assert.equal(options?.type, 'module', 'a module worker');
    ThreadAsWebWorker.started++;
    // From the sources, the built package's augment-web-worker.js is augment-web-worker.ts.
    const script = url.href.replace(/\.js$/, '.ts');
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `(async () => {
      const { parentPort } = await import('node:worker_threads');
      const waiting = [];
      let ready = false;
      globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
      parentPort.on('message', (data) => (ready ? globalThis.onmessage({ data }) : waiting.push(data)));
      (await import(${JSON.stringify(tsx)})).register();
      await import(${JSON.stringify(script)});
      ready = true;
      for (const data of waiting.splice(0)) globalThis.onmessage({ data });
    })();`;
    this.thread = new NodeWorker(boot, { eval: true });
    this.thread.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    this.thread.on('error', (error) =>
      this.dispatchEvent(Object.assign(new Event('error'), { message: error.message })),
    );
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.thread.postMessage(message, transfer as never);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

const n = 23;
const pixels = Uint8Array.from({ length: n * 12 * 10 * 3 }, (_, i) => (i * 37 + (i >> 5)) % 256);
const dataset = new ArrayDataset({ data: pixels, n, height: 12, width: 10, channels: 3 }, new Int32Array(n));

/** Indices and augmented bytes of two shuffled epochs. */
async function run(augment: BatchAugmenter, workers: number, pool?: Parameters<typeof createWebWorkerPool>[1]) {
  const loader = new DataLoader(dataset, {
    batchSize: 5,
    shuffle: true,
    seed: 2,
    augment,
    workers,
    ...(pool
      ? { pool: (aug: BatchAugmenter, o: { workers: number }) => createWebWorkerPool(aug, { ...o, ...pool }) }
      : {}),
  });
  const indices: number[] = [];
  const bytes: number[] = [];
  try {
    for (let e = 0; e < 2; e++) {
      for await (const batch of loader) {
        indices.push(...batch.indices);
        bytes.push(...(batch.images as UniformBatch).data);
      }
    }
  } finally {
    await loader.close();
  }
  return { indices, bytes };
}

describe('DataLoader with Web Workers', () => {
  const platform = globalThis as { Worker?: unknown };
  before(() => {
    platform.Worker = ThreadAsWebWorker;
  });
  after(() => {
    platform.Worker = undefined;
  });

  it('uses Web Workers where the platform has them (no pool registered): the bytes of workers: 0', async () => {
    iaa.seed(11);
    const augment = iaa.Sequential([
      iaa.Affine({ rotate: [-30, 30], order: [0, 1] }),
      iaa.Multiply([0.5, 1.5], { perChannel: 0.5 }),
      iaa.Dropout([0, 0.3]),
    ]);
    const reference = await run(augment, 0);
    assert.equal(reference.bytes.length, 2 * n * 360);
    assert.notDeepEqual(reference.bytes.slice(0, 360), Array.from(pixels.subarray(0, 360)), 'augmented');
    iaa.seed(0); // changed after the augmenter was made, which keeps 11
    ThreadAsWebWorker.started = 0;
    const got = await run(augment, 2);
    assert.equal(ThreadAsWebWorker.started, 2, 'two Web Workers started');
    assert.deepEqual(got.indices, reference.indices);
    assert.deepEqual(got.bytes, reference.bytes);
  });

  it("passes a worker's error to the consumer with its message, then closes", async () => {
    const unknown = { augmentImages: (b: never) => b, toJSON: () => ({ type: 'NoSuchAugmenter' }) };
    await assert.rejects(run(unknown, 1), /NoSuchAugmenter/);
  });

  it('says what to do when the worker script does not load', async () => {
    const missing = () => new ThreadAsWebWorker(new URL('./no-such-worker.js', import.meta.url), { type: 'module' });
    await assert.rejects(
      run(iaa.Fliplr(0.5), 1, { workers: 1, worker: missing as never }),
      /augkit Web Worker failed: .*pass DataLoader's pool: .*createWebWorkerPool.*or use workers: 0/,
    );
  });

  it('checks its arguments', () => {
    assert.throws(() => createWebWorkerPool({} as never, { workers: 1 }), /createWebWorkerPool: augmenter/);
    assert.throws(() => createWebWorkerPool(iaa.Fliplr(), { workers: 0 }), /workers must be a positive integer/);
  });
});
