/**
 * Data-parallel training on several cores: worker threads hold replicas of the model, every batch is split between
 * the calling thread and the workers, and the gradients are averaged and applied once. Node-only.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { argumentError } from '../../../src/core/errors.ts';
import type { UniformBatch } from '../../../src/core/image.ts';
import { type WireError, errorFromWire, siblingModule, startWorker } from '../../../src/data/ts-worker.ts';
import type { BackendName } from './backend.ts';
import { type TrainingReplicas, batchLoss, batchToTensor } from './train.ts';

/** Options of {@link createReplicas}. */
export interface ReplicaOptions {
  /** Threads to split each batch over, this one included; 1 starts no worker. Default {@link defaultTrainThreads}. */
  readonly threads?: number;
  /** Backend of the worker replicas; use the one the calling thread trains on. Default `'wasm'`. */
  readonly backend?: BackendName;
  /** Number of classes (one-hot depth). Default 10. */
  readonly numClasses?: number;
}

/** Data-parallel replicas of one model; close them with `dispose()`. */
export interface Replicas extends TrainingReplicas {
  /** Stops the worker threads. The model itself stays usable. */
  dispose(): Promise<void>;
}

/** Messages to a replica worker. */
export type ReplicaTask =
  | {
      readonly type: 'grad';
      readonly id: number;
      /** The model's trainable weights, in `trainableWeights` order. */
      readonly weights: Float32Array[];
      readonly images: UniformBatch;
      readonly labels: Int32Array;
    }
  | {
      readonly type: 'logits';
      readonly id: number;
      readonly weights: Float32Array[];
      readonly images: UniformBatch;
    }
  | { readonly type: 'close' };

/** Messages from a replica worker. */
export type ReplicaReply =
  | { readonly type: 'ready' }
  | { readonly type: 'grads'; readonly id: number; readonly loss: number; readonly grads: Float32Array[] }
  | { readonly type: 'logits'; readonly id: number; readonly logits: Float32Array }
  | { readonly type: 'error'; readonly id: number; readonly error: WireError };

/** What the worker needs to rebuild the model. */
export interface ReplicaWorkerData {
  readonly topology: unknown;
  readonly backend: BackendName;
  readonly numClasses: number;
}

/**
 * The default number of training threads for `backend`: the machine's cores, at most 4 (a batch of 64 split further
 * leaves too little work per thread), on wasm and cpu; 1 on node, whose libtensorflow uses every core by itself.
 */
export function defaultTrainThreads(backend: BackendName = 'wasm'): number {
  if (backend === 'node') return 1;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Splits `n` images into `parts` consecutive runs whose sizes differ by at most one, larger runs first.
 *
 * @example splitCounts(65, 2) // [33, 32]
 */
export function splitCounts(n: number, parts: number): number[] {
  const base = Math.floor(n / parts);
  const extra = n % parts;
  return Array.from({ length: parts }, (_, k) => base + (k < extra ? 1 : 0));
}

type Answer = ReplicaReply & { type: 'grads' | 'logits' };

interface Pending {
  readonly resolve: (reply: Answer) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  pending?: Pending;
}

/**
 * Starts `threads − 1` worker threads, each with a replica of `model` (its topology rebuilt from JSON), and returns
 * a `step` for {@link trainEpoch}'s `replicas` option.
 *
 * Each step sends the current weights and a share of the batch to every worker, computes the calling thread's share
 * meanwhile, averages the gradients weighted by image counts (each share's gradient is that of its mean loss, so
 * the weighted mean is the whole batch's gradient) and applies them with the optimizer. The result equals the
 * single-thread step up to float rounding; with the same thread count it is the same bytes every run. Only trainable
 * weights travel: state that a layer updates during training (batch normalisation's moving averages) follows the
 * calling thread's share of each batch alone.
 *
 * @example
 * const replicas = await createReplicas(model, { threads: 2 });
 * await trainEpoch(model, tf.train.adam(1e-3), loader.epoch(0), { replicas });
 * await replicas.dispose();
 */
export async function createReplicas(model: tf.LayersModel, options: ReplicaOptions = {}): Promise<Replicas> {
  const threads = options.threads ?? defaultTrainThreads(options.backend);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw argumentError('createReplicas', 'threads', 'an integer in 1…64', threads);
  }
  const numClasses = options.numClasses ?? 10;
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw argumentError('createReplicas', 'numClasses', 'an integer ≥ 2', numClasses);
  }
  const backend = options.backend ?? 'wasm';
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const workerData: ReplicaWorkerData = { topology: model.toJSON(null, false), backend, numClasses };
  const entry = siblingModule('replica-worker', import.meta.url);
  let broken: Error | undefined;
  let nextId = 0;

  const fail = (error: Error) => {
    broken ??= error;
    for (const slot of slots) {
      const p = slot.pending;
      slot.pending = undefined;
      p?.reject(error);
    }
  };

  const slots: Slot[] = [];
  for (let k = 1; k < threads; k++) {
    const worker = startWorker(entry, workerData);
    let readyResolve: () => void = () => {};
    let readyReject: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    const slot: Slot = { worker, ready };
    worker.on('message', (reply: ReplicaReply) => {
      if (reply.type === 'ready') {
        readyResolve();
        return;
      }
      const pending = slot.pending;
      slot.pending = undefined;
      worker.unref();
      if (reply.type === 'grads' || reply.type === 'logits') pending?.resolve(reply);
      else {
        const error = errorFromWire(reply.error);
        readyReject(error);
        pending?.reject(error);
      }
    });
    worker.on('error', (error) => {
      readyReject(error);
      fail(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`augkit training replica exited unexpectedly (code ${code})`);
      readyReject(error);
      fail(error);
    });
    slots.push(slot);
  }
  try {
    await Promise.all(slots.map((s) => s.ready));
  } catch (error) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  }
  for (const slot of slots) slot.worker.unref();

  const ask = (slot: Slot, task: ReplicaTask & { type: 'grad' | 'logits' }): Promise<Answer> =>
    new Promise((resolve, reject) => {
      if (broken !== undefined) {
        reject(broken);
        return;
      }
      slot.pending = { resolve, reject };
      slot.worker.ref();
      const transfer = [...task.weights.map((w) => w.buffer), task.images.data.buffer];
      if (task.type === 'grad') transfer.push(task.labels.buffer);
      slot.worker.postMessage(task, transfer as ArrayBuffer[]);
    });

  /**
   * Sends each worker its share of `images` (the calling thread keeps the first `counts[0]`) with the current
   * weights; `make` builds the task. Returns the calling thread's share and the workers' answers, in order.
   */
  const scatter = async (
    images: UniformBatch,
    make: (
      id: number,
      weights: Float32Array[],
      share: UniformBatch,
      start: number,
    ) => ReplicaTask & { type: 'grad' | 'logits' },
  ): Promise<{ counts: number[]; main: UniformBatch; answers: Promise<Answer>[] }> => {
    if (broken !== undefined) throw broken;
    const counts = splitCounts(images.n, threads);
    const stride = images.height * images.width * images.channels;
    const weights = slots.length > 0 ? await Promise.all(variables.map((v) => v.data() as Promise<Float32Array>)) : [];
    const answers: Promise<Answer>[] = [];
    let offset = counts[0];
    slots.forEach((slot, k) => {
      const m = counts[k + 1];
      const start = offset;
      offset += m;
      if (m === 0) return;
      const share: UniformBatch = { ...images, n: m, data: images.data.slice(start * stride, (start + m) * stride) };
      // Every worker gets its own copy: a transferred buffer is gone from this thread, and a backend may hand out
      // its own storage from data().
      answers.push(
        ask(
          slot,
          make(
            nextId++,
            weights.map((w) => w.slice()),
            share,
            start,
          ),
        ),
      );
    });
    const main: UniformBatch = { ...images, n: counts[0], data: images.data.subarray(0, counts[0] * stride) };
    return { counts: counts.filter((m, k) => k === 0 || m > 0), main, answers };
  };

  return {
    threads,
    async step(images, labels, optimizer) {
      if (labels.length !== images.n) {
        throw argumentError('replicas.step', 'labels', `one label per image (${images.n})`, labels.length);
      }
      const {
        counts: counted,
        main,
        answers,
      } = await scatter(images, (id, weights, share, start) => ({
        type: 'grad',
        id,
        weights,
        images: share,
        labels: labels.slice(start, start + share.n),
      }));
      const own = tf.variableGrads(() => batchLoss(model, main, labels.subarray(0, main.n), numClasses), variables);
      let others: (Answer & { type: 'grads' })[];
      try {
        others = (await Promise.all(answers)) as (Answer & { type: 'grads' })[];
      } catch (error) {
        tf.dispose([own.value, ...Object.values(own.grads)]);
        throw error;
      }
      const n = images.n;
      const combined = tf.tidy(() => {
        const out: tf.NamedTensorMap = {};
        variables.forEach((v, i) => {
          let g = tf.mul(own.grads[v.name], counted[0] / n);
          others.forEach((r, k) => {
            g = tf.add(g, tf.mul(tf.tensor(r.grads[i], v.shape, 'float32'), counted[k + 1] / n));
          });
          out[v.name] = g;
        });
        return out;
      });
      const ownLoss = (await own.value.data())[0];
      tf.dispose([own.value, ...Object.values(own.grads)]);
      optimizer.applyGradients(combined);
      tf.dispose(Object.values(combined));
      let loss = (ownLoss * counted[0]) / n;
      others.forEach((r, k) => {
        loss += (r.loss * counted[k + 1]) / n;
      });
      return loss;
    },
    async logits(images) {
      const { main, answers } = await scatter(images, (id, weights, share) => ({
        type: 'logits',
        id,
        weights,
        images: share,
      }));
      const own = tf.tidy(() => model.predict(batchToTensor(main)) as tf.Tensor2D);
      let others: (Answer & { type: 'logits' })[];
      try {
        others = (await Promise.all(answers)) as (Answer & { type: 'logits' })[];
      } catch (error) {
        own.dispose();
        throw error;
      }
      if (others.length === 0) return own;
      const classes = own.shape[1];
      return tf.tidy(() =>
        tf.concat2d([own, ...others.map((r) => tf.tensor2d(r.logits, [r.logits.length / classes, classes]))], 0),
      );
    },
    async dispose() {
      fail(new Error('augkit training replicas were disposed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
