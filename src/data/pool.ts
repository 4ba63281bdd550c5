// The part of a worker pool that does not care what a worker is: a queue of batches handed to the least busy worker,
// two at a time per worker, answers matched to their batches, and the first error closing the pool. Browser-safe:
// Node's thread pool (worker-pool.ts) and the Web Worker pool (web-worker-pool.ts) each say how to start a worker.
import { argumentError } from '../core/errors.ts';
import type { Batch } from '../core/image.ts';
import { isShared } from '../kernels/copy.ts';
import { inKernelHeap } from '../kernels/wasm/shared-heap.ts';
import type { AugmentPool, BatchAugmenter } from './data-loader.ts';
import { type WorkerReply, type WorkerTask, errorFromWire, packBatch, unpackBatch, viewsOf } from './pool-wire.ts';

/** One started worker, as the pool uses it. */
export interface PoolWorker {
  post(task: WorkerTask, transfer: ArrayBuffer[]): void;
  /** Called with true when the worker is given a batch and false when it has none left (Node's ref/unref). */
  hold?(busy: boolean): void;
  terminate(): unknown;
}

/** What a started worker reports to the pool: its replies, and an error that ends it. */
export interface PoolEvents {
  message(reply: WorkerReply): void;
  error(error: Error): void;
}

interface Task {
  readonly message: WorkerTask;
  readonly transfer: ArrayBuffer[];
  resolve(batch: Batch): void;
  reject(error: Error): void;
}

interface Slot {
  worker: PoolWorker;
  /** The batches this worker holds, oldest first (it answers them in order). */
  readonly tasks: Task[];
}

/**
 * Batches a thread holds at once: with a second one waiting, a thread starts its next batch as soon as it finishes
 * one, instead of idling for the round trip to the calling thread (which showed on fast augmenters of large images).
 */
const PER_THREAD = 2;

/**
 * Checks a pool factory's arguments (template errors naming `owner`) and gives the augmenter's JSON, which each
 * worker rebuilds it from.
 */
export function poolArguments(owner: string, augmenter: BatchAugmenter, workers: number): unknown {
  if (typeof augmenter?.toJSON !== 'function') {
    throw argumentError(owner, 'augmenter', 'an augmenter with toJSON()', augmenter, 'type');
  }
  if (!Number.isInteger(workers) || workers < 1) throw argumentError(owner, 'workers', 'a positive integer', workers);
  return JSON.parse(JSON.stringify(augmenter.toJSON()));
}

/**
 * A pool of `workers` workers, each started by `start` (on the first batch) and reporting to the events it is given.
 * Batches are handed to the least busy worker, up to two per worker at a time, the rest queued. A batch that throws
 * in a worker rejects with the worker's message and stack, and closes the pool (pending batches reject too).
 */
export function createPool(workers: number, start: (events: PoolEvents) => PoolWorker): AugmentPool {
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
    // Every worker's first batch before any worker's second.
    for (let held = 0; held < PER_THREAD; held++) {
      for (const slot of slots) {
        if (slot.tasks.length !== held || queue.length === 0) continue;
        const task = queue.shift() as Task;
        slot.tasks.push(task);
        slot.worker.hold?.(true);
        slot.worker.post(task.message, task.transfer);
      }
    }
  };

  const startAll = () => {
    for (let k = 0; k < workers; k++) {
      const slot = { tasks: [] as Task[] } as Slot;
      slot.worker = start({
        message(reply) {
          const task = slot.tasks[0];
          if (task === undefined || task.message.id !== reply.id) return;
          slot.tasks.shift();
          if (reply.ok) {
            const batch = unpackBatch(reply.batch);
            const out = task.message.out;
            task.resolve(reply.intoOut && out !== undefined ? viewsOf(batch, out) : batch);
            if (queue.length === 0 && slot.tasks.length === 0) slot.worker.hold?.(false);
            dispatch();
          } else {
            const error = errorFromWire(reply.error);
            task.reject(error);
            fail(error);
          }
        },
        error: fail,
      });
      slots.push(slot);
    }
  };

  return {
    augment(images, context) {
      if (closed) return Promise.reject(closed);
      if (slots.length === 0) startAll();
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
