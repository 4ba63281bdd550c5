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
import { type Image, type UniformBatch, inMemoryOf } from '../src/core/image.ts';
import { type WireBatch, fromHeap, packBatch, toSharedMemory, unpackBatch } from '../src/data/pool-wire.ts';
import { attachKernelHeap } from '../src/kernels/wasm/kernel-heap.ts';
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
  | {
      readonly id: number;
      readonly ok: true;
      readonly batch: WireBatch;
      /** The result lies in the task's spare, which the calling thread then hands back as it is. */
      readonly intoSpare: boolean;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('bench/worker.ts runs only as a worker thread (bench/run.ts starts it)');
const augmenters = new Map<string, Augmenter>();
const EMPTY = new Uint8Array(0);
const data = workerData as { wasm?: boolean; heap?: WebAssembly.Memory } | null;
if (data?.wasm === false) useWasmKernels(false);
// The calling thread's kernel heap, where the batches (and, handed back, the result buffers) lie.
if (data?.heap !== undefined) attachKernelHeap(data.heap);

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
    const spare = task.spare && fromHeap(task.spare, task.spareInHeap);
    const out = toSharedMemory(
      augmenter.augmentImages(batch, { epoch: task.epoch, indices: task.indices, out: spare ?? EMPTY }),
    );
    // Shared pixels are posted as they are: nothing is copied or detached.
    const { wire } = packBatch(out);
    const intoSpare = spare !== undefined && inMemoryOf(out, spare);
    const reply: BenchReply = { id: task.id, ok: true, batch: wire, intoSpare };
    port.postMessage(reply);
  } catch (error) {
    const reply: BenchReply = { id: task.id, ok: false, error: String((error as Error)?.stack ?? error) };
    port.postMessage(reply);
  }
});
