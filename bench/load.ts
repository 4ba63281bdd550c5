// Starting the bench's worker threads, and loading a workload in one (shared by bench/run.ts and
// bench/data-loader.ts). Imports nothing that reads files, so the importing thread stays free of detached buffers.
import { Worker } from 'node:worker_threads';
import type { UniformBatch } from '../src/core/image.ts';
import type { Data as Loaded } from './workloads.ts';

export type Workload = 'fmnist' | 'rgb256';

/** A worker thread running TypeScript module `entry` (tsx loaded first, as createWorkerPool does). */
export function startTsWorker(entry: string, data: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** A workload's images: a plain copy, and the same in a SharedArrayBuffer. */
export interface Data extends Loaded {
  /** The same images in a SharedArrayBuffer, which the worker threads read where they are. */
  readonly shared: UniformBatch<Uint8Array>;
}

/**
 * Loads a workload in a thread of its own (bench/workloads.ts) and returns it in a SharedArrayBuffer. Reading files
 * here would import sharp and Node's file reading, which detach ArrayBuffers, and a detach slows every typed-array
 * loop of this thread for good (see bench/worker.ts); the 1-thread rows then measured about 20% less than the same
 * code in a worker thread.
 */
export function loadWorkload(workload: Workload): Promise<Data> {
  const worker = startTsWorker(new URL('./workloads.ts', import.meta.url).href, { workload });
  return new Promise<Data>((resolve, reject) => {
    worker.once('message', ({ batch, source }: Loaded) => {
      // The 1-thread rows read a plain copy, as before the loading moved (a SharedArrayBuffer's copies are slower).
      resolve({ batch: { ...batch, data: Uint8Array.from(batch.data) }, shared: batch, source });
    });
    worker.once('error', reject);
  }).finally(() => worker.terminate());
}
