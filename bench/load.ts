// Starting the bench's worker threads and asking them, loading a workload in one, cutting it into batches, taking
// medians and reading numeric options (shared by bench/run.ts, data-loader.ts, scaling.ts and shared-wasm.ts).
// Imports nothing that reads files, so the importing thread stays free of detached buffers.
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

/** Posts `job` to `worker` and gives its next reply, or its error; neither listener stays behind. */
export function ask<R>(worker: Worker, job: unknown): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (reply: R) => {
      worker.off('error', onError);
      resolve(reply);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}

/**
 * Runs `job` (a figure per thread in reply) in each worker alone, in turn, then in all of them at once, each run
 * told to start `leadMs` after it is posted (`startAt`, Date.now() based) so that threads run together start at the
 * same moment: the mean of the figures alone (a thread can run the same loop in a slower state than another for its
 * whole life, see bench/README.md) and the sum of the figures together.
 */
export async function aloneThenTogether(
  workers: readonly Worker[],
  job: object,
  leadMs: number,
): Promise<{ one: number; two: number }> {
  const run = (pick: readonly Worker[]) => {
    const startAt = Date.now() + leadMs;
    return Promise.all(pick.map((w) => ask<number>(w, { ...job, startAt })));
  };
  let one = 0;
  for (const w of workers) one += (await run([w]))[0] / workers.length;
  const two = (await run(workers)).reduce((sum, v) => sum + v, 0);
  return { one, two };
}

/**
 * The number after `--name` among this process's arguments, else `fallback`; one that `valid` refuses throws an
 * error that names the option and `range`.
 */
export function numberOption(
  script: string,
  name: string,
  fallback: number,
  valid: (v: number) => boolean,
  range: string,
): number {
  const k = process.argv.indexOf(`--${name}`);
  const given = k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : undefined;
  const v = given === undefined ? fallback : Number(given);
  if (!valid(v)) throw new Error(`${script}: --${name} must be ${range}, got ${given}`);
  return v;
}
