// The worker thread of `createWorkerPool`: rebuilds the augmenter from its JSON, then augments each batch it is sent
// and sends it back (pool-wire.ts's taskHandler). Node-only; started by worker-pool.ts, not meant to be imported.
import { parentPort, workerData } from 'node:worker_threads';
import { attachKernelHeap } from '../kernels/wasm/kernel-heap.ts';
import type { BatchAugmenter } from './data-loader.ts';
import { taskHandler } from './pool-wire.ts';

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

port.on(
  'message',
  taskHandler(load(), (reply, transfer) => port.postMessage(reply, transfer)),
);
