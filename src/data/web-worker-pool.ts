// A pool of Web Workers that augment batches for the DataLoader in browsers: what `workers: k` uses where the
// platform has `Worker` and no other pool is registered. Browser-safe (no Node built-ins).
import { getSeed } from '../random/stream.ts';
import type { AugmentPool, BatchAugmenter } from './data-loader.ts';
import type { WorkerReply } from './pool-wire.ts';
import { createPool, poolArguments } from './pool.ts';

/** Options of `createWebWorkerPool`. */
export interface WebWorkerPoolOptions {
  /** Number of Web Workers, a positive integer. */
  readonly workers: number;
  /**
   * Starts one worker on augkit's worker script. Default: `new Worker(new URL('./augment-web-worker.js',
   * import.meta.url), { type: 'module' })`, the form bundlers (Vite, webpack, Parcel) recognise and bundle; give
   * your own where the script is served from elsewhere.
   */
  readonly worker?: () => Worker;
}

/** The first message a Web Worker gets: the augmenter's JSON and the root seed it was made under. */
export interface WebWorkerInit {
  readonly spec: unknown;
  readonly rootSeed: number;
}

/**
 * A pool of `workers` Web Workers, each running the augmenter rebuilt from `augmenter.toJSON()` under the caller's
 * root seed, so every batch gets the same bytes as with `workers: 0` and as Node's worker threads. Batches are
 * transferred (or shared, when they live in a SharedArrayBuffer, which needs a cross-origin-isolated page). Workers
 * start on the first batch and stop on `close()`; a worker's error rejects the batch and closes the pool. The
 * workers rebuild augkit's own augmenters (`fromJSON`).
 *
 * @example new DataLoader(ds, { augment, workers: 2 })   // in a browser, uses this pool
 * @example new DataLoader(ds, { augment, workers: 2, pool: (aug, o) => createWebWorkerPool(aug, { ...o, worker }) })
 */
export function createWebWorkerPool(augmenter: BatchAugmenter, options: WebWorkerPoolOptions): AugmentPool {
  const { workers } = options;
  const spec = poolArguments('createWebWorkerPool', augmenter, workers);
  const init: WebWorkerInit = { spec, rootSeed: getSeed() };
  const make =
    options.worker ?? (() => new Worker(new URL('./augment-web-worker.js', import.meta.url), { type: 'module' }));
  return createPool(workers, (events) => {
    const worker = make();
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => events.message(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      // A script that fails to load gives an ErrorEvent without a message.
      const why = event.message || 'its script did not load';
      events.error(
        new Error(
          `augkit Web Worker failed: ${why}. The worker script is augment-web-worker.js beside augkit's modules; where your bundler does not serve it, pass DataLoader's pool: (aug, o) => createWebWorkerPool(aug, { ...o, worker: () => new Worker(url, { type: 'module' }) }), or use workers: 0`,
        ),
      );
    });
    worker.addEventListener('messageerror', () =>
      events.error(new Error('augkit Web Worker: a message could not be read')),
    );
    worker.postMessage(init);
    return { post: (task, transfer) => worker.postMessage(task, transfer), terminate: () => worker.terminate() };
  });
}
