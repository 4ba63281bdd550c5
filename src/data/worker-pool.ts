// A pool of worker threads that augment batches for the DataLoader. Node-only (worker_threads); exported from
// `augkit/node`, which also registers it as the DataLoader's default pool.
import type { Worker } from 'node:worker_threads';
import { argumentError } from '../core/errors.ts';
import type { Batch, Image, PixelArray, UniformBatch } from '../core/image.ts';
import { isUniformBatch, sharedLike, sharesMemory, viewLike } from '../core/image.ts';
import { isShared } from '../kernels/copy.ts';
import { kernelHeap } from '../kernels/wasm/kernel-heap.ts';
import { heapView, inKernelHeap } from '../kernels/wasm/shared-heap.ts';
import { getSeed } from '../random/stream.ts';
import type { AugmentPool, BatchAugmenter } from './data-loader.ts';
import { type WireError, errorFromWire, siblingModule, startWorker } from './ts-worker.ts';

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
 * A batch as posted between threads: typed arrays and sizes, nothing else. `heap`: every array lies in the kernel
 * heap (a shared WebAssembly memory both threads are attached to); the receiver makes them views of its own copy of
 * that memory's buffer, so that its kernels see them there (a SharedArrayBuffer arrives as a new object).
 */
export type WireBatch =
  | { readonly kind: 'uniform'; readonly batch: UniformBatch; readonly heap?: true }
  | { readonly kind: 'list'; readonly images: readonly Image[]; readonly heap?: true };

/** Messages from a worker. */
export type WorkerReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly batch: WireBatch;
      /** The result is in the task's `out`: the caller rebuilds it as views of its own `out` (viewsOf). */
      readonly intoOut?: boolean;
    }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Messages to a worker. */
export interface WorkerTask {
  readonly id: number;
  readonly batch: WireBatch;
  readonly epoch: number;
  readonly indices: Int32Array;
  /**
   * A SharedArrayBuffer view to write the result into (the `out` option of augmentImages). With it the result comes
   * back in shared memory, posted without a transfer.
   */
  readonly out?: PixelArray;
  /** `out` lies in the kernel heap (see WireBatch). */
  readonly outInHeap?: true;
}

/**
 * The buffer to transfer for `data`: its own ArrayBuffer when the array covers all of it (or, when the caller owns
 * every buffer, whatever it covers: the views arrive as views), nothing for a SharedArrayBuffer (shared as is), else
 * a copy is made and its buffer returned.
 */
function transferable<A extends Uint8Array | Float32Array>(
  data: A,
  owned: boolean,
): { data: A; transfer?: ArrayBuffer } {
  if (typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer) return { data };
  if (owned || (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength)) {
    return { data, transfer: data.buffer as ArrayBuffer };
  }
  const copy = data.slice() as A;
  return { data: copy, transfer: copy.buffer as ArrayBuffer };
}

/**
 * Packs a batch for `postMessage`: pixels move by transfer (their ArrayBuffer is detached on this side, never
 * copied) or stay shared when they live in a SharedArrayBuffer; views on part of a larger buffer are copied first,
 * unless `owned` says that every buffer behind the batch belongs to the caller and may go whole (a worker's own
 * results, e.g. a list of outputs written as views into one buffer).
 */
export function packBatch(
  images: Batch,
  { owned = false }: { owned?: boolean } = {},
): {
  wire: WireBatch;
  transfer: ArrayBuffer[];
} {
  const transfer: ArrayBuffer[] = [];
  const take = <A extends Uint8Array | Float32Array>(data: A): A => {
    const t = transferable(data, owned);
    if (t.transfer && !transfer.includes(t.transfer)) transfer.push(t.transfer);
    return t.data;
  };
  if (isUniformBatch(images)) {
    const { n, height, width, channels } = images;
    const heap = inKernelHeap(images.data) ? ({ heap: true } as const) : {};
    return {
      wire: { kind: 'uniform', batch: { data: take(images.data), n, height, width, channels }, ...heap },
      transfer,
    };
  }
  const list = images as readonly Image[];
  const heap = list.length > 0 && list.every((image) => inKernelHeap(image.data)) ? ({ heap: true } as const) : {};
  const wired = list.map(({ data, height, width, channels }) => ({ data: take(data), height, width, channels }));
  return { wire: { kind: 'list', images: wired, ...heap }, transfer };
}

/** `data` as a view of this thread's kernel heap when it was posted from there (`heap`), else as it is. */
export function fromHeap<A extends PixelArray>(data: A, heap: boolean | undefined): A {
  return heap ? ((heapView(data, data.byteOffset, data.length) as A | undefined) ?? data) : data;
}

/**
 * The input buffer a worker may write its next result into once `out` has been computed from `batch`: a uniform
 * batch's own whole ArrayBuffer (transferred to this thread, read by nothing any more), never a SharedArrayBuffer
 * (the caller's memory) or a view on part of a buffer. Reusing it means a worker allocates nothing per batch in
 * steady state; fresh multi-megabyte buffers in two threads at once cost page faults and external-memory garbage
 * collections, which kept two workers from scaling.
 */
export function reusableInput(batch: Batch, out: Batch): Uint8Array | Float32Array | undefined {
  if (!isUniformBatch(batch) || !isUniformBatch(out) || batch.data === out.data) return undefined;
  const data = batch.data;
  if (typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer) return undefined;
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : undefined;
}

/**
 * `out` with its pixels in a SharedArrayBuffer: as it is when they already are (the result went into a shared `out`),
 * else copied into a new shared buffer, a quarter larger for a list (outputs of different sizes), whose next batch
 * may need more room. Pixels in the memory of `input` (an augmenter that gave back its input, or views of it) are
 * copied too: the caller recycles the two separately. A worker posts such a result without transferring, and so
 * without detaching, any buffer: V8 slows every typed-array loop of a thread for good after its first detach (see
 * arena in kernels/wasm/simd.ts).
 */
export function toSharedMemory(out: Batch, input?: Batch): Batch {
  const avoid: PixelArray[] = [];
  if (input !== undefined) {
    if (isUniformBatch(input)) avoid.push(input.data);
    else for (const image of input as readonly Image[]) avoid.push(image.data);
  }
  const keep = (data: PixelArray) => isShared(data) && !avoid.some((a) => sharesMemory(a, data));
  if (isUniformBatch(out)) {
    if (keep(out.data)) return out;
    const data = sharedLike(out.data, out.data.length);
    data.set(out.data as never);
    return { ...out, data };
  }
  const images = out as readonly Image[];
  if (images.every((image) => keep(image.data))) return images;
  const total = images.reduce((sum, image) => sum + image.data.length, 0);
  const pool = sharedLike(images[0]?.data ?? new Uint8Array(0), Math.ceil(total * 1.25));
  let at = 0;
  return images.map((image) => {
    const data = pool.subarray(at, at + image.data.length);
    data.set(image.data as never);
    at += image.data.length;
    return { ...image, data };
  });
}

/**
 * A result a worker wrote into a shared `out`, as views of the caller's own `out` (the same memory, which arrived in
 * the worker as another SharedArrayBuffer object): so the caller sees that its `out` was used.
 */
function viewsOf(batch: Batch, out: PixelArray): Batch {
  const view = (data: PixelArray) => viewLike(data, out.buffer, data.byteOffset, data.length);
  if (isUniformBatch(batch)) return { ...batch, data: view(batch.data) };
  return (batch as readonly Image[]).map((image) => ({ ...image, data: view(image.data) }));
}

/** The batch inside a wire message (arrays in the kernel heap as views of this thread's copy of it). */
export function unpackBatch(wire: WireBatch): Batch {
  if (wire.kind === 'uniform') {
    return wire.heap ? { ...wire.batch, data: fromHeap(wire.batch.data, true) } : wire.batch;
  }
  return wire.heap ? wire.images.map((image) => ({ ...image, data: fromHeap(image.data, true) })) : wire.images;
}

interface Task {
  readonly message: WorkerTask;
  readonly transfer: ArrayBuffer[];
  resolve(batch: Batch): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** The batches this thread holds, oldest first (it answers them in order). */
  readonly tasks: Task[];
}

/**
 * Batches a thread holds at once: with a second one waiting, a thread starts its next batch as soon as it finishes
 * one, instead of idling for the round trip to the calling thread (which showed on fast augmenters of large images).
 */
const PER_THREAD = 2;

/** Rebuilds an error sent by a worker: same name, message and stack. */

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
  if (typeof augmenter?.toJSON !== 'function') {
    throw argumentError('createWorkerPool', 'augmenter', 'an augmenter with toJSON()', augmenter, 'type');
  }
  const { workers } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw argumentError('createWorkerPool', 'workers', 'a positive integer', workers);
  }
  const spec = JSON.parse(JSON.stringify(augmenter.toJSON()));
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
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 0;
  let closed: Error | undefined;

  const fail = (error: Error) => {
    if (closed) return;
    closed = error;
    const tasks = [...queue.splice(0), ...slots.flatMap((s) => s.tasks.splice(0))];
    for (const task of tasks) task.reject(error);
    for (const slot of slots) void slot.worker.terminate();
  };

  const dispatch = () => {
    // Every thread's first batch before any thread's second.
    for (let held = 0; held < PER_THREAD; held++) {
      for (const slot of slots) {
        if (slot.tasks.length !== held || queue.length === 0) continue;
        const task = queue.shift() as Task;
        slot.tasks.push(task);
        slot.worker.ref();
        slot.worker.postMessage(task.message, task.transfer);
      }
    }
  };

  const start = () => {
    const entry = siblingModule('augment-worker', import.meta.url);
    // The kernel heap, made here if it is not yet: arrays the caller places in it (the DataLoader's reused buffers)
    // are then worked on where they lie by the workers' WebAssembly kernels.
    const heap = kernelHeap() ?? undefined;
    for (let k = 0; k < workers; k++) {
      const worker = startWorker(entry, { spec, rootSeed, reviverModule, reviverName, heap });
      const slot: Slot = { worker, tasks: [] };
      worker.on('message', (reply: WorkerReply) => {
        const task = slot.tasks[0];
        if (task === undefined || task.message.id !== reply.id) return;
        slot.tasks.shift();
        if (reply.ok) {
          const batch = unpackBatch(reply.batch);
          const out = task.message.out;
          task.resolve(reply.intoOut && out !== undefined ? viewsOf(batch, out) : batch);
          if (queue.length === 0 && slot.tasks.length === 0) worker.unref();
          dispatch();
        } else {
          const error = errorFromWire(reply.error);
          task.reject(error);
          fail(error);
        }
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => fail(new Error(`augkit worker thread exited unexpectedly (code ${code})`)));
      worker.unref();
      slots.push(slot);
    }
  };

  return {
    augment(images, context) {
      if (closed) return Promise.reject(closed);
      if (slots.length === 0) start();
      return new Promise<Batch>((resolve, reject) => {
        const { wire, transfer } = packBatch(images);
        // A shared `out` travels as it is (never transferred); anything else is no use to the worker.
        const out = context.out !== undefined && isShared(context.out) ? context.out : undefined;
        const message: WorkerTask = {
          id: nextId++,
          batch: wire,
          epoch: context.epoch,
          indices: context.indices,
          ...(out ? { out } : {}),
          ...(out && inKernelHeap(out) ? { outInHeap: true as const } : {}),
        };
        queue.push({ message, transfer, resolve, reject });
        dispatch();
      });
    },
    async close() {
      const running = slots.map((s) => s.worker);
      fail(new Error('augkit worker pool closed'));
      await Promise.all(running.map((w) => w.terminate()));
    },
  };
}
