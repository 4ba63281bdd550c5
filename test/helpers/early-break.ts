import { DataLoader } from '../../src/data/data-loader.ts';
// Run as a child process by worker-pool.test.ts: starts a 2-worker loader, breaks out after one batch (or lets a
// worker throw), and must then exit by itself — no worker thread left alive, no explicit process.exit.
import { ArrayDataset } from '../../src/data/dataset.ts';
import { createWorkerPool } from '../../src/data/worker-pool.ts';
import { StandIn, standInReviver } from './stand-in-augmenter.ts';

const mode = process.argv[2];
const n = 64;
const dataset = new ArrayDataset(
  { data: new Uint8Array(n * 16), n, height: 4, width: 4, channels: 1 },
  new Int32Array(n),
);
const loader = new DataLoader(dataset, {
  batchSize: 4,
  augment: new StandIn({ type: 'StandIn', seed: 1, throwAt: mode === 'throw' ? 9 : undefined }),
  workers: 2,
  prefetch: 4,
  pool: (augmenter, options) => createWorkerPool(augmenter, { ...options, reviver: standInReviver }),
});
let batches = 0;
try {
  for await (const _ of loader) {
    batches++;
    if (mode === 'break') break;
  }
} catch (error) {
  console.log(`caught: ${(error as Error).message}`);
}
console.log(`batches: ${batches}`);
