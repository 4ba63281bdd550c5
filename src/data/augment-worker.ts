// The worker thread of `createWorkerPool`: rebuilds the augmenter from its JSON, then augments each batch it is sent
// and sends it back (pixels transferred, or in shared memory when the task brings a shared `out`). Node-only; started
// by worker-pool.ts, not meant to be imported.
import { parentPort, workerData } from 'node:worker_threads';
import { type Image, type UniformBatch, inMemoryOf } from '../core/image.ts';
import { attachKernelHeap } from '../kernels/wasm/kernel-heap.ts';
import type { BatchAugmenter } from './data-loader.ts';
import { errorToWire } from './ts-worker.ts';
import {
  type WorkerReply,
  type WorkerTask,
  fromHeap,
  packBatch,
  reusableInput,
  toSharedMemory,
  unpackBatch,
} from './worker-pool.ts';

const { spec, rootSeed, reviverModule, reviverName, heap } = workerData as {
  spec: unknown;
  rootSeed: number;
  reviverModule: string;
  reviverName: string;
  heap?: WebAssembly.Memory;
};
// The calling thread's kernel heap: batches it places there are augmented where they lie.
if (heap !== undefined) attachKernelHeap(heap);
const port = parentPort;
if (port === null) throw new Error('augment-worker.ts runs only as a worker thread (createWorkerPool starts it)');

async function load(): Promise<BatchAugmenter> {
  const module = (await import(reviverModule)) as Record<string, unknown>;
  if (typeof module.seed === 'function') (module.seed as (value: number) => void)(rootSeed);
  const revive = module[reviverName];
  if (typeof revive !== 'function') {
    throw new Error(
      `augkit worker: ${reviverModule} does not export a function ${reviverName} to rebuild the augmenter from JSON; pass createWorkerPool(augmenter, { workers, reviver: { module, name } })`,
    );
  }
  return revive(spec) as BatchAugmenter;
}

const ready = load();
ready.catch(() => {}); // reported per task below

// The previous task's input buffer, which the next result of the same size is written into (see reusableInput).
let spare: Uint8Array | Float32Array | undefined;

port.on('message', (task: WorkerTask) => {
  ready
    .then((augmenter) => {
      const batch = unpackBatch(task.batch) as Image[] | UniformBatch;
      const given = task.out && fromHeap(task.out, task.outInHeap);
      const out = augmenter.augmentImages(batch, { epoch: task.epoch, indices: task.indices, out: given ?? spare });
      if (given !== undefined) {
        // A shared buffer to write into (DataLoader's reuseBuffers): the result goes back in shared memory, and this
        // thread never detaches a buffer (see toSharedMemory).
        const shared = toSharedMemory(out, batch);
        const reply: WorkerReply = {
          id: task.id,
          ok: true,
          batch: packBatch(shared).wire,
          intoOut: inMemoryOf(shared, given),
        };
        port.postMessage(reply);
        return;
      }
      spare = reusableInput(batch, out);
      // Everything in the result was written by this thread into buffers it owns: they go whole, never copied.
      const { wire, transfer } = packBatch(out, { owned: true });
      const reply: WorkerReply = { id: task.id, ok: true, batch: wire };
      port.postMessage(reply, transfer);
    })
    .catch((error: unknown) => {
      const reply: WorkerReply = { id: task.id, ok: false, error: errorToWire(error) };
      port.postMessage(reply);
    });
});
