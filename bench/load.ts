// Starting the bench's worker threads, loading a workload in one, cutting it into batches and taking medians
// (shared by bench/run.ts, bench/data-loader.ts and bench/scaling.ts). Imports nothing that reads files, so the importing thread stays free of detached buffers.
import { Worker } from 'node:worker_threads';
import { type Batch, type UniformBatch, batchBuffer } from '../src/core/image.ts';
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

/** A batch of a workload and its images' indices in it. */
export interface Unit {
  readonly batch: UniformBatch<Uint8Array>;
  readonly indices: Int32Array;
}

/** Batches of `bs` consecutive images, as opencv_bench.py makes them (a last partial batch is left out). */
export function batchesOf(b: UniformBatch<Uint8Array>, bs: number): Unit[] {
  const size = b.height * b.width * b.channels;
  const units: Unit[] = [];
  for (let j = 0; j + bs <= b.n; j += bs) {
    const indices = new Int32Array(bs);
    for (let k = 0; k < bs; k++) indices[k] = j + k;
    units.push({ batch: { ...b, n: bs, data: b.data.subarray(j * size, (j + bs) * size) }, indices });
  }
  return units;
}

/** The whole buffer behind a result, to take the next one (the `out` option); see batchBuffer. */
export function resultBuffer(out: Batch): Uint8Array | undefined {
  const whole = batchBuffer(out);
  return whole instanceof Uint8Array ? whole : undefined;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
