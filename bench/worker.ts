// A worker thread of bench/run.ts's "batch, 2 workers" mode. It follows createWorkerPool's pattern (src/data/
// worker-pool.ts and augment-worker.ts: pixels transferred both ways with packBatch/unpackBatch, augmentImages per
// batch writing into the previous batch's input buffer) but keeps one
// augmenter per case id, so two threads serve the whole run instead of a new pool being started for every case.
import { parentPort, workerData } from 'node:worker_threads';
import type { Augmenter } from '../src/augmenters/base/augmenter.ts';
import type { Image, UniformBatch } from '../src/core/image.ts';
import { type WireBatch, packBatch, reusableInput, unpackBatch } from '../src/data/worker-pool.ts';
import { useWasmKernels } from '../src/kernels/wasm/simd.ts';
import { makeCase } from './cases.ts';

/** A batch to augment with case `caseId`. */
export interface BenchTask {
  readonly id: number;
  readonly caseId: string;
  readonly batch: WireBatch;
  readonly epoch: number;
  readonly indices: Int32Array;
  /** A result buffer this thread sent earlier, handed back to take the next result. */
  readonly spare?: Uint8Array;
}

/** The augmented batch, or the error's message. */
export type BenchReply =
  | { readonly id: number; readonly ok: true; readonly batch: WireBatch }
  | { readonly id: number; readonly ok: false; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('bench/worker.ts runs only as a worker thread (bench/run.ts starts it)');
const augmenters = new Map<string, Augmenter>();
let spare: Uint8Array | Float32Array | undefined;
const EMPTY = new Uint8Array(0);
if ((workerData as { wasm?: boolean } | null)?.wasm === false) useWasmKernels(false);

port.on('message', (task: BenchTask) => {
  try {
    let augmenter = augmenters.get(task.caseId);
    if (!augmenter) {
      augmenter = makeCase(task.caseId);
      augmenters.set(task.caseId, augmenter);
    }
    const batch = unpackBatch(task.batch) as Image[] | UniformBatch;
    // As augment-worker.ts: the previous input's buffer (owned by this thread) takes the next result.
    const out = augmenter.augmentImages(batch, {
      epoch: task.epoch,
      indices: task.indices,
      // With nothing to hand back yet, an empty buffer: a list result (fitOutput) then goes into one buffer with room
      // to spare, which comes back with a later batch, rather than into a buffer per image.
      out: task.spare ?? spare ?? EMPTY,
    });
    // A handed-back buffer the result did not go into stays here for the next batch.
    const given = task.spare?.buffer;
    const usedSpare = Array.isArray(out)
      ? out.some((image) => image.data.buffer === given)
      : (out as UniformBatch).data.buffer === given;
    spare = reusableInput(batch, out) ?? (usedSpare ? undefined : task.spare);
    const { wire, transfer } = packBatch(out, { owned: true });
    const reply: BenchReply = { id: task.id, ok: true, batch: wire };
    port.postMessage(reply, transfer);
  } catch (error) {
    const reply: BenchReply = { id: task.id, ok: false, error: String((error as Error)?.stack ?? error) };
    port.postMessage(reply);
  }
});
