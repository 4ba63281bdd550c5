// What the DataLoader's worker pools post between threads (batches, tasks, replies, errors), and the worker side of
// one task. Browser-safe: shared by Node's thread pool (worker-pool.ts, augment-worker.ts) and the Web Worker pool
// (web-worker-pool.ts, augment-web-worker.ts).
import type { Batch, Image, PixelArray, UniformBatch } from '../core/image.ts';
import { inMemoryOf, isUniformBatch, sharedLike, sharesMemory, viewLike } from '../core/image.ts';
import { isShared } from '../kernels/copy.ts';
import { heapView, inKernelHeap } from '../kernels/wasm/shared-heap.ts';
import type { BatchAugmenter } from './data-loader.ts';

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
export function viewsOf(batch: Batch, out: PixelArray): Batch {
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

/** An error as it crosses `postMessage`: structured clone keeps plain fields only. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** The plain form of `error` for `postMessage`. */
export function errorToWire(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** An Error again, with the worker's name, message and stack. */
export function errorFromWire(error: WireError): Error {
  const out = new Error(error.message);
  out.name = error.name;
  if (error.stack !== undefined) out.stack = error.stack;
  return out;
}

/** Posts a worker's reply, transferring `transfer` (Node's `parentPort` or a Web Worker's global scope). */
export type PostReply = (reply: WorkerReply, transfer?: ArrayBuffer[]) => void;

/**
 * The worker side of the pool: a handler for each task, which augments the batch with the augmenter `ready` gives
 * and posts the result (pixels transferred, or in shared memory when the task brings a shared `out`), or the error.
 */
export function taskHandler(ready: Promise<BatchAugmenter>, post: PostReply): (task: WorkerTask) => void {
  ready.catch(() => {}); // reported per task below
  // The previous task's input buffer, which the next result of the same size is written into (see reusableInput).
  let spare: Uint8Array | Float32Array | undefined;
  return (task) => {
    ready
      .then((augmenter) => {
        const batch = unpackBatch(task.batch) as Image[] | UniformBatch;
        const given = task.out && fromHeap(task.out, task.outInHeap);
        const out = augmenter.augmentImages(batch, { epoch: task.epoch, indices: task.indices, out: given ?? spare });
        if (given !== undefined) {
          // A shared buffer to write into (DataLoader's reuseBuffers): the result goes back in shared memory, and
          // this thread never detaches a buffer (see toSharedMemory).
          const shared = toSharedMemory(out, batch);
          post({ id: task.id, ok: true, batch: packBatch(shared).wire, intoOut: inMemoryOf(shared, given) });
          return;
        }
        spare = reusableInput(batch, out);
        // Everything in the result was written by this thread into buffers it owns: they go whole, never copied.
        const { wire, transfer } = packBatch(out, { owned: true });
        post({ id: task.id, ok: true, batch: wire }, transfer);
      })
      .catch((error: unknown) => post({ id: task.id, ok: false, error: errorToWire(error) }));
  };
}
