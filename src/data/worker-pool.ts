// A pool of worker threads that augment batches for the DataLoader. Node-only (worker_threads); exported from
// `augkit/node`, which also registers it as the DataLoader's default pool.
import { kernelHeap } from '../kernels/wasm/kernel-heap.ts';
import { getSeed } from '../random/stream.ts';
import type { AugmentPool, BatchAugmenter } from './data-loader.ts';
import type { WorkerReply } from './pool-wire.ts';
import { createPool, poolArguments } from './pool.ts';
import { siblingModule, startWorker } from './ts-worker.ts';

/** Where a worker finds the function that rebuilds an augmenter from its JSON. */
export interface AugmenterReviver {
  /** A module URL or absolute path (`file:` URLs and `.ts` files work: workers load TypeScript through tsx). */
  readonly module: string | URL;
  /** The export to call with the JSON. Default `'fromJSON'`. */
  readonly name?: string;
}

/** Options of `createWorkerPool`. */
export interface WorkerPoolOptions {
  /** Number of threads, a positive integer. */
  readonly workers: number;
  /** Default: augkit's `fromJSON` (src/data/augment-reviver.ts). Give your own for augmenters augkit does not know. */
  readonly reviver?: AugmenterReviver;
}

/**
 * A pool of `workers` threads, each running the augmenter rebuilt from `augmenter.toJSON()` (same seed, so the
 * same bytes as on the calling thread: the worker first calls the reviver module's `seed(getSeed())`, if it has one,
 * so augmenters seeded from the root seed match — as long as the root seed was not changed after they were made).
 * Batches are handed to the least busy thread, up to two per thread at a time (the next one waits there), the rest
 * queued. Threads start on the first batch, are unref'd while idle (an idle pool never keeps Node running) and stop
 * on `close()`. A batch that throws in a worker rejects with the worker's message and stack, and closes the pool
 * (pending batches reject too). Workers load TypeScript through tsx's API, so this works from the repository
 * without a build.
 *
 * @example new DataLoader(ds, { augment, workers: 2, pool: (aug, o) => createWorkerPool(aug, { ...o, reviver }) })
 */
export function createWorkerPool(augmenter: BatchAugmenter, options: WorkerPoolOptions): AugmentPool {
  const { workers } = options;
  const spec = poolArguments('createWorkerPool', augmenter, workers);
  // An augmenter without its own seed takes the root seed in force when it was made, which toJSON() leaves out; the
  // worker sets the same root seed (through the reviver module's `seed` export) before rebuilding it.
  const rootSeed = getSeed();
  const reviver = options.reviver ?? { module: siblingModule('augment-reviver', import.meta.url) };
  const reviverModule = String(
    reviver.module instanceof URL || /^[a-z]+:/i.test(reviver.module)
      ? reviver.module
      : new URL(`file://${reviver.module}`),
  );
  const reviverName = reviver.name ?? 'fromJSON';
  return createPool(workers, (events) => {
    const entry = siblingModule('augment-worker', import.meta.url);
    // The kernel heap, made here if it is not yet: arrays the caller places in it (the DataLoader's reused buffers)
    // are then worked on where they lie by the workers' WebAssembly kernels.
    const heap = kernelHeap() ?? undefined;
    const worker = startWorker(entry, { spec, rootSeed, reviverModule, reviverName, heap });
    worker.on('message', (reply: WorkerReply) => events.message(reply));
    worker.on('error', (error) => events.error(error));
    worker.on('exit', (code) => events.error(new Error(`augkit worker thread exited unexpectedly (code ${code})`)));
    // Idle threads never keep Node running.
    worker.unref();
    return {
      post: (task, transfer) => worker.postMessage(task, transfer),
      hold: (busy) => (busy ? worker.ref() : worker.unref()),
      terminate: () => worker.terminate(),
    };
  });
}
