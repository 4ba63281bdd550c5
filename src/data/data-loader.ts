import type { OutOfImageOptions } from '../augmentables/out-of-image.ts';
import type { InvalidPolygons } from '../augmentables/polygon-repair.ts';
// The DataLoader: batches of a dataset, shuffled per epoch, collated into one buffer, augmented with one batch call,
// optionally in workers. Browser-safe: Node's thread pool is injected (see `pool`, and `augkit/node`), never imported
// here; in browsers the Web Worker pool is the default.
import { argumentError } from '../core/errors.ts';
import {
  type Batch,
  type Image,
  type PixelArray,
  type Shape,
  type UniformBatch,
  allocLike,
  batchBuffer,
  dtypeOf,
  inMemoryOf,
  isUniformBatch,
  sharesMemory,
} from '../core/image.ts';
import { inKernelHeap } from '../kernels/wasm/shared-heap.ts';
import { type BatchLabels, augmentLabels, gatherLabels } from './batch-labels.ts';
import { ArrayDataset, type Dataset } from './dataset.ts';
import { permutation } from './permutation.ts';
import { Recycler } from './recycler.ts';
import { createWebWorkerPool } from './web-worker-pool.ts';

/** What the loader needs of an augmenter: one batch call, addressed by epoch and the samples' dataset indices. */
export interface BatchAugmenter {
  augmentImages(
    batch: Image[] | UniformBatch,
    options: { epoch?: number; indices?: ArrayLike<number>; out?: Uint8Array | Float32Array },
  ): Image[] | UniformBatch;
  /** The augmenter as JSON; needed to rebuild it inside worker threads. */
  toJSON?(): unknown;
}

/**
 * A collated batch before the loader adds `indices` and `epoch`: images, class labels, and the label kinds the
 * samples carry (keypoints, boxes, …), one entry per image.
 */
export interface CollatedBatch extends BatchLabels {
  readonly images: Batch;
  readonly labels: Int32Array;
}

/** One batch from the loader. */
export interface LoaderBatch extends CollatedBatch {
  /** The samples' indices in the dataset, in batch order; augmentation is addressed by them. */
  readonly indices: Int32Array;
  /** The epoch this batch belongs to. */
  readonly epoch: number;
}

/** Turns a list of samples into a batch. `indices` are the samples' dataset indices. */
export type Collate<T> = (items: T[], indices: Int32Array) => CollatedBatch | Promise<CollatedBatch>;

/** Augments batches somewhere else (worker threads); made by an `AugmentPoolFactory`. */
export interface AugmentPool {
  /**
   * Augments one batch with `augmentImages(images, context)`; the batch's buffer may be transferred away. A shared
   * `out` (a SharedArrayBuffer view) takes the result where it fits, and the result then comes back in shared memory,
   * never in the memory of `images` (the DataLoader recycles the two separately).
   */
  augment(images: Batch, context: { epoch: number; indices: Int32Array; out?: PixelArray }): Promise<Batch>;
  /** Stops the workers; pending calls reject. Idempotent. */
  close(): Promise<void>;
}

/** Makes a pool of `workers` threads running `augmenter` (rebuilt from its JSON). `augkit/node` has one. */
export type AugmentPoolFactory = (augmenter: BatchAugmenter, options: { workers: number }) => AugmentPool;

/** Options of `DataLoader`. */
export interface DataLoaderOptions<T> {
  /** Samples per batch, a positive integer. Default 32. */
  readonly batchSize?: number;
  /** Visit the samples in a seeded random order, new per epoch. Default false (dataset order). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle (any safe integer). Default 0. */
  readonly seed?: number;
  /** Drop the last batch when it is smaller than `batchSize`. Default false. */
  readonly dropLast?: boolean;
  /**
   * Turns samples into a batch. Default: samples `{ image, label }` of one size are stacked into one N×H×W×C buffer
   * (a `UniformBatch`) and labels into an Int32Array.
   */
  readonly collate?: Collate<T>;
  /** Called once per batch as `augment.augmentImages(images, { epoch, indices })`. */
  readonly augment?: BatchAugmenter;
  /**
   * Workers that run `augment`: 0 (default) augments on the calling thread. The augmented bytes are the same for
   * any number of workers. Needs `augment.toJSON()` and a pool: `pool`, or the default one — in Node the worker
   * threads that importing `augkit/node` registers, in browsers Web Workers (`createWebWorkerPool`).
   */
  readonly workers?: number;
  /** Batches in flight ahead of the consumer. Default `2 × workers`, and 1 without workers. */
  readonly prefetch?: number;
  /**
   * Makes the worker pool; default the one registered by `augkit/node` (`createWorkerPool`), else, where the
   * platform has Web Workers, `createWebWorkerPool`.
   */
  readonly pool?: AugmentPoolFactory;
  /**
   * Reuse the images' memory from batch to batch instead of allocating it twice per batch (the collated images and
   * the augmented ones): a batch's `images` stay valid until the next batch is requested (the loop's next turn),
   * after which a later batch is written into them. Copy what you keep longer. With workers the memory is
   * SharedArrayBuffers, and no thread ever detaches a buffer (which slows V8's typed-array loops in that thread for
   * good). Applies to the built-in collation (a `collate` function's batches are used as they come). Default false.
   */
  readonly reuseBuffers?: boolean;
  /**
   * What happens to the samples' labels (keypoints, boxes, polygons, line strings) that leave their augmented image:
   * removed, clipped or kept (default kept, as in imgaug), and to polygons that cross themselves; see `augment`.
   */
  readonly labelOptions?: OutOfImageOptions & { readonly invalidPolygons?: InvalidPolygons };
}

/** A batch made, and what gives its memory back to the recycler once the next one is requested. */
interface Produced {
  readonly batch: LoaderBatch;
  readonly release?: () => void;
}

let defaultPoolFactory: AugmentPoolFactory | undefined;

/**
 * Sets the pool factory used when `workers > 0` and no `pool` option is given. `augkit/node` calls this with
 * `createWorkerPool` when imported; without it, platforms with Web Workers use `createWebWorkerPool`.
 */
export function setDefaultAugmentPool(factory: AugmentPoolFactory | undefined): void {
  defaultPoolFactory = factory;
}

/** The pool for `workers > 0` without a `pool` option: the registered one, else Web Workers where there are any. */
function defaultPool(): AugmentPoolFactory | undefined {
  if (defaultPoolFactory !== undefined) return defaultPoolFactory;
  return typeof globalThis.Worker === 'function' ? createWebWorkerPool : undefined;
}

/** What to do for `workers > 0` where no pool is available, in this environment's terms. */
function noPoolAdvice(): string {
  const node = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  return node
    ? "0 unless a worker pool is available: in Node, import 'augkit/node' (it registers the worker-thread pool) or pass { pool: createWorkerPool }"
    : '0 here: this environment has no Web Workers (pass { pool } to augment elsewhere)';
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw argumentError('DataLoader', name, 'a positive integer', value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

/**
 * Batches of a dataset, as an async iterable: each `for await` is one epoch that visits every sample exactly once
 * (the last batch may be smaller, unless `dropLast`). With `shuffle`, the order is a seeded permutation of
 * (seed, epoch): reproducible, and different from one epoch to the next. Batches are
 * `{ images, labels, indices, epoch }`.
 *
 * `augment` runs once per batch, `augment.augmentImages(images, { epoch, indices })`; because augmenters address
 * their randomness by epoch and sample index, a sample's result depends neither on the batch size, its neighbours,
 * the worker count nor the prefetch depth.
 *
 * With `workers > 0`, batches are collated here and augmented in worker threads, `prefetch` batches in flight; the
 * threads live across epochs (idle ones do not keep the process alive) and are stopped by `close()`, by `break`ing
 * out of a loop, or by an error (which reaches the consumer with the worker's message and stack). Run one epoch at a
 * time per loader.
 *
 * @example
 * const loader = new DataLoader(new ArrayDataset(fm.images, fm.labels), {
 *   batchSize: 64, shuffle: true, seed: 1, augment: iaa.Affine({ rotate: [-30, 30] }), workers: 2,
 * });
 * for await (const { images, labels } of loader) train(images, labels);   // epoch 0; the next loop is epoch 1
 */
export class DataLoader<T = unknown> implements AsyncIterable<LoaderBatch> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  readonly workers: number;
  readonly prefetch: number;
  /** The epoch the next `for await` iterates; advances by one each time an iteration starts. */
  nextEpoch = 0;
  private readonly collate?: Collate<T>;
  private readonly augment?: BatchAugmenter;
  private readonly poolFactory?: AugmentPoolFactory;
  private pool?: AugmentPool;
  private readonly recycler?: Recycler;
  private readonly labelOptions: OutOfImageOptions & { readonly invalidPolygons?: InvalidPolygons };

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T> = {}) {
    if (dataset === null || typeof dataset !== 'object' || typeof (dataset as Dataset<T>).get !== 'function') {
      throw argumentError('DataLoader', 'dataset', 'a dataset { length, get(i) }', dataset, 'type');
    }
    const length = dataset.length;
    if (!Number.isInteger(length) || length < 1) {
      throw argumentError('DataLoader', 'dataset', 'a non-empty dataset', `a dataset of length ${length}`);
    }
    this.dataset = dataset;
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 32);
    this.shuffle = options.shuffle ?? false;
    this.seed = options.seed ?? 0;
    if (!Number.isSafeInteger(this.seed)) throw argumentError('DataLoader', 'seed', 'a safe integer', this.seed);
    this.dropLast = options.dropLast ?? false;
    if (this.dropLast && length < this.batchSize) {
      throw argumentError(
        'DataLoader',
        'batchSize',
        `at most the dataset's length (${length}) when dropLast is true`,
        this.batchSize,
        'range',
        'every batch would be dropped',
      );
    }
    if (options.collate !== undefined && typeof options.collate !== 'function') {
      throw argumentError(
        'DataLoader',
        'collate',
        'a function (items, indices) => { images, labels }',
        options.collate,
        'type',
      );
    }
    this.collate = options.collate;
    if (options.augment !== undefined && typeof options.augment?.augmentImages !== 'function') {
      throw argumentError('DataLoader', 'augment', 'an augmenter (with augmentImages)', options.augment, 'type');
    }
    this.augment = options.augment;
    const workers = options.workers ?? 0;
    if (!Number.isInteger(workers) || workers < 0) {
      throw argumentError('DataLoader', 'workers', 'a non-negative integer', workers);
    }
    this.workers = this.augment === undefined ? 0 : workers;
    this.prefetch = positiveInteger('prefetch', options.prefetch ?? Math.max(1, 2 * this.workers));
    this.poolFactory = options.pool;
    this.labelOptions = options.labelOptions ?? {};
    const reuse = options.reuseBuffers ?? false;
    if (typeof reuse !== 'boolean') throw argumentError('DataLoader', 'reuseBuffers', 'true or false', reuse, 'type');
    // Shared memory only where workers read it and the platform has it (a browser page needs cross-origin isolation).
    const shared = this.workers > 0 && typeof SharedArrayBuffer !== 'undefined';
    if (reuse) this.recycler = new Recycler(shared, this.prefetch + 2);
    if (this.workers > 0) {
      if (typeof this.augment?.toJSON !== 'function') {
        throw argumentError(
          'DataLoader',
          'augment',
          'an augmenter with toJSON() when workers > 0',
          this.augment,
          'type',
        );
      }
      if (this.poolFactory === undefined && defaultPool() === undefined) {
        throw argumentError('DataLoader', 'workers', noPoolAdvice(), workers);
      }
    }
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The order in which epoch `epoch` visits the dataset (all of it, before `dropLast`). */
  order(epoch: number): Int32Array {
    const n = this.dataset.length;
    if (this.shuffle) return permutation(n, this.seed, epoch);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }

  /** Iterates the next epoch (`nextEpoch`, then advances it). */
  [Symbol.asyncIterator](): AsyncIterator<LoaderBatch> {
    return this.batches(this.nextEpoch++);
  }

  /** The batches of epoch `k`, without touching `nextEpoch` (e.g. to replay an epoch). */
  epoch(k: number): AsyncIterable<LoaderBatch> {
    if (!Number.isInteger(k) || k < 0) throw argumentError('DataLoader.epoch', 'k', 'a non-negative integer', k);
    return { [Symbol.asyncIterator]: () => this.batches(k) };
  }

  /** Stops the worker threads, if any (a later epoch starts new ones). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async *batches(epoch: number): AsyncGenerator<LoaderBatch> {
    if (!Number.isInteger(epoch) || epoch < 0)
      throw argumentError('DataLoader', 'epoch', 'a non-negative integer', epoch);
    const order = this.order(epoch);
    const count = this.length;
    const pending: Promise<Produced>[] = [];
    let launched = 0;
    let finished = false;
    const launch = () => {
      const start = launched * this.batchSize;
      const indices = order.slice(start, Math.min(start + this.batchSize, order.length));
      const promise = this.produce(indices, epoch);
      promise.catch(() => {}); // handled when awaited in order; avoids unhandled-rejection noise meanwhile
      pending.push(promise);
      launched++;
    };
    try {
      while (launched < count && pending.length < this.prefetch) launch();
      while (pending.length > 0) {
        const { batch, release } = await (pending.shift() as Promise<Produced>);
        if (launched < count) launch();
        yield batch;
        // The next batch was requested: this one's memory may take a later batch.
        release?.();
      }
      finished = true;
    } finally {
      if (!finished) await this.close();
    }
  }

  private async produce(indices: Int32Array, epoch: number): Promise<Produced> {
    const { images, labels, ...carried } = await this.collateBatch(indices);
    // The samples' labels move on this thread, with the draws their images get wherever those are augmented.
    const moved =
      this.augment === undefined || Object.keys(carried).length === 0
        ? carried
        : augmentLabels(this.augment, carried, shapesOf(images), epoch, indices, this.labelOptions);
    const { recycler } = this;
    const collated = recycler && batchBuffer(images);
    // Only the built-in collation writes into the recycler's memory; a `collate` function's buffers are the caller's.
    const input = this.collate === undefined ? collated : undefined;
    let out: Batch = images;
    let given: PixelArray | undefined;
    if (this.augment !== undefined) {
      given = recycler?.output(input);
      const context = { epoch, indices, ...(given !== undefined ? { out: given } : {}) };
      if (this.workers > 0) {
        this.pool ??= (this.poolFactory ?? (defaultPool() as AugmentPoolFactory))(this.augment, {
          workers: this.workers,
        });
        out = await this.pool.augment(images, context);
      } else {
        out = this.augment.augmentImages(images as Image[] | UniformBatch, context);
      }
      if (given !== undefined && !inMemoryOf(out, given)) recycler?.give(given, false); // not used: free again
    }
    const batch: LoaderBatch = { images: out, labels, indices, epoch, ...moved };
    if (recycler === undefined) return { batch };
    const result = out === images ? input : given !== undefined && inMemoryOf(out, given) ? given : batchBuffer(out);
    // A list in several buffers, which may hold views of the input; or views into the kernel heap that are not one
    // of the recycler's arrays (batchBuffer would give all of the heap's memory).
    if (result === undefined || (inKernelHeap(result) && result !== given && result !== input)) return { batch };
    if (collated !== undefined && sharesMemory(result, collated)) {
      // Not augmented, or augmented in place: the collated memory is the batch's, recycled once the next batch is
      // requested when the recycler owns it (never a `collate` function's buffers).
      return { batch, ...(input !== undefined ? { release: () => recycler.give(input, true) } : {}) };
    }
    // The collated images have been read: their memory may take a later batch now, and the result's once the next
    // batch is requested.
    if (input !== undefined) recycler.give(input, true);
    recycler.noteResult(input, result);
    return { batch, release: () => recycler.give(result, false) };
  }

  private async collateBatch(indices: Int32Array): Promise<CollatedBatch> {
    const { dataset } = this;
    const alloc = this.recycler?.input ?? allocLike;
    if (this.collate === undefined && dataset instanceof ArrayDataset && isUniformBatch(dataset.images)) {
      const gathered = gatherUniform(dataset.images, dataset.labels, indices, alloc);
      const carried =
        dataset.annotations &&
        gatherLabels(
          Array.from(indices, (i) => dataset.get(i)),
          indices,
        );
      return carried === undefined ? gathered : { ...gathered, ...carried };
    }
    const items: T[] = [];
    for (const i of indices) items.push(await dataset.get(i));
    return this.collate ? this.collate(items, indices) : defaultCollate(items as unknown[], indices, alloc);
  }
}

/** Copies the rows `indices` of a uniform batch into a new one (the fast path of the default collate). */
function gatherUniform(
  images: UniformBatch,
  labels: ArrayLike<number>,
  indices: Int32Array,
  alloc: (like: PixelArray, n: number) => PixelArray,
): CollatedBatch {
  const size = images.height * images.width * images.channels;
  const data = alloc(images.data, indices.length * size);
  const out = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    data.set(images.data.subarray(i * size, (i + 1) * size), k * size);
    out[k] = labels[i];
  }
  return {
    images: { data, n: indices.length, height: images.height, width: images.width, channels: images.channels },
    labels: out,
  };
}

/**
 * The default collate: samples `{ image, label }` of one shape and dtype are stacked into one N×H×W×C buffer and
 * their labels into an Int32Array; the label kinds samples carry (`keypoints`, `boundingBoxes`, `polygons`,
 * `lineStrings`, `segmentationMaps`, `heatmaps`) are kept per image, in batch order. Images of different sizes throw, naming both sizes and dataset indices. `alloc`
 * makes the stacked buffer (default: a new one).
 */
export function defaultCollate(
  items: readonly unknown[],
  indices: Int32Array,
  alloc: (like: PixelArray, n: number) => PixelArray = allocLike,
): CollatedBatch {
  const first = items[0] as { image?: Image } | undefined;
  const labels = new Int32Array(items.length);
  items.forEach((item, k) => {
    const sample = item as { image?: Image; label?: unknown } | null;
    if (
      sample === null ||
      typeof sample !== 'object' ||
      sample.image === undefined ||
      typeof sample.label !== 'number'
    ) {
      throw argumentError(
        'DataLoader',
        `dataset.get(${indices[k]})`,
        '{ image, label } for the default collate (or pass a collate function)',
        item,
        'type',
      );
    }
    labels[k] = sample.label;
  });
  const f = first?.image as Image;
  const size = f.height * f.width * f.channels;
  const data = alloc(f.data, items.length * size);
  items.forEach((item, k) => {
    const image = (item as { image: Image }).image;
    if (
      image.height !== f.height ||
      image.width !== f.width ||
      image.channels !== f.channels ||
      dtypeOf(image.data) !== dtypeOf(f.data)
    ) {
      throw argumentError(
        'DataLoader',
        'dataset images',
        `of one size to be stacked (resize them, e.g. ImageFolder's resize option, or pass a collate); dataset index ${indices[0]} is ${f.height}×${f.width}×${f.channels} ${dtypeOf(f.data)}`,
        `${image.height}×${image.width}×${image.channels} ${dtypeOf(image.data)} at dataset index ${indices[k]}`,
      );
    }
    data.set(image.data, k * size);
  });
  const images = { data, n: items.length, height: f.height, width: f.width, channels: f.channels };
  return { images, labels, ...gatherLabels(items, indices) };
}

/** The shape of each image of a batch. */
function shapesOf(images: Batch): Shape[] {
  if (isUniformBatch(images)) {
    const shape = { height: images.height, width: images.width, channels: images.channels };
    return Array.from({ length: images.n }, () => shape);
  }
  return (images as readonly Image[]).map((i) => ({ height: i.height, width: i.width, channels: i.channels }));
}
