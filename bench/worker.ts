// A worker thread of bench/run.ts's "batch, 2 workers" mode. It keeps one augmenter per case id, so two threads
// serve the whole run instead of a new pool being started for every case.
//
// No ArrayBuffer is ever transferred (detached), in either direction: the batches arrive as views on the workload
// in a SharedArrayBuffer, and each result is written into a SharedArrayBuffer that the calling thread hands back
// with a later batch to take a later result. V8 answers the first detach in a thread by slowing down every
// typed-array loop in it for good (about 20% on the lookup-table kernels; see arena in src/kernels/wasm/simd.ts),
// which transferring the results cost this bench's workers rows until 2026-12-05.
import { parentPort, workerData } from 'node:worker_threads';
import type { Augmenter } from '../src/augmenters/base/augmenter.ts';
import type { Batch, Image, UniformBatch } from '../src/core/image.ts';
import { isUniformBatch } from '../src/core/image.ts';
import { type WireBatch, fromHeap, packBatch, unpackBatch } from '../src/data/worker-pool.ts';
import { isShared } from '../src/kernels/copy.ts';
import { attachKernelHeap } from '../src/kernels/wasm/shared-heap.ts';
import { useWasmKernels } from '../src/kernels/wasm/simd.ts';
import { makeCase } from './cases.ts';

/** A batch to augment with case `caseId`. */
export interface BenchTask {
  readonly id: number;
  readonly caseId: string;
  readonly batch: WireBatch;
  readonly epoch: number;
  readonly indices: Int32Array;
  /** A shared result buffer this thread sent earlier, handed back to take the next result. */
  readonly spare?: Uint8Array;
  /** `spare` lies in the kernel heap. */
  readonly spareInHeap?: true;
}

/** The augmented batch (its pixels in a SharedArrayBuffer), or the error's message. */
export type BenchReply =
  | { readonly id: number; readonly ok: true; readonly batch: WireBatch }
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('bench/worker.ts runs only as a worker thread (bench/run.ts starts it)');
const augmenters = new Map<string, Augmenter>();
const EMPTY = new Uint8Array(0);
const data = workerData as { wasm?: boolean; heap?: WebAssembly.Memory } | null;
if (data?.wasm === false) useWasmKernels(false);
// The calling thread's kernel heap, where the batches (and, handed back, the result buffers) lie.
if (data?.heap !== undefined) attachKernelHeap(data.heap);

/**
 * `out` with its pixels in a SharedArrayBuffer: as it is when they already are (the result went into the buffer
 * handed back), else copied into a new one, a quarter larger for a list result (outputs of different sizes), whose
 * next batch may need more room.
 */
function inSharedMemory(out: Batch): Batch {
  if (isUniformBatch(out)) {
    if (isShared(out.data)) return out;
    const data = new Uint8Array(new SharedArrayBuffer(out.data.byteLength));
    data.set(out.data as Uint8Array);
    return { ...out, data };
  }
  const images = out as readonly Image[];
  if (images.every((image) => isShared(image.data))) return images;
  const total = images.reduce((sum, image) => sum + image.data.length, 0);
  const buffer = new SharedArrayBuffer(Math.ceil(total * 1.25));
  let at = 0;
  return images.map((image) => {
    const data = new Uint8Array(buffer, at, image.data.length);
    data.set(image.data as Uint8Array);
    at += image.data.length;
    return { ...image, data };
  });
}

port.on('message', (task: BenchTask) => {
  try {
    let augmenter = augmenters.get(task.caseId);
    if (!augmenter) {
      augmenter = makeCase(task.caseId);
      augmenters.set(task.caseId, augmenter);
    }
    const batch = unpackBatch(task.batch) as Image[] | UniformBatch;
    // With nothing handed back yet, an empty buffer: a list result (fitOutput) then goes into one buffer with room to
    // spare rather than into a buffer per image.
    const out = augmenter.augmentImages(batch, {
      epoch: task.epoch,
      indices: task.indices,
      out: (task.spare && fromHeap(task.spare, task.spareInHeap)) ?? EMPTY,
    });
    // Shared pixels are posted as they are: nothing is copied or detached.
    const { wire } = packBatch(inSharedMemory(out));
    const reply: BenchReply = { id: task.id, ok: true, batch: wire };
    port.postMessage(reply);
  } catch (error) {
    const reply: BenchReply = { id: task.id, ok: false, error: String((error as Error)?.stack ?? error) };
    port.postMessage(reply);
  }
});
