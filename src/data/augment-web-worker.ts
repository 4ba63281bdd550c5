// The Web Worker of `createWebWorkerPool`: its first message is the augmenter's JSON and root seed, each later one a
// batch to augment and send back (pool-wire.ts's taskHandler). Started by web-worker-pool.ts, not meant to be
// imported; the built package has it as augment-web-worker.js beside web-worker-pool.js.
import { fromJSON } from '../augmenters/index.ts';
import { seed } from '../random/stream.ts';
import type { PostReply, WorkerTask } from './pool-wire.ts';
import { taskHandler } from './pool-wire.ts';
import type { WebWorkerInit } from './web-worker-pool.ts';

/** The worker's global scope, as much of it as is used (the DOM typings describe a window). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<WebWorkerInit | WorkerTask>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};
const post: PostReply = (reply, transfer = []) => scope.postMessage(reply, transfer);
let handle: ((task: WorkerTask) => void) | undefined;

scope.onmessage = (event) => {
  if (handle !== undefined) {
    handle(event.data as WorkerTask);
    return;
  }
  const { spec, rootSeed } = event.data as WebWorkerInit;
  // The pool posts the init message first: an error here (an augmenter this build does not know) reaches every task.
  const ready = Promise.resolve().then(() => {
    seed(rootSeed);
    return fromJSON(spec);
  });
  handle = taskHandler(ready, post);
};
