/**
 * Starting worker threads whose entry is a TypeScript module, and carrying errors across the thread boundary.
 * Node-only; shared by the augmentation worker pool and the training replicas.
 */
import { Worker } from 'node:worker_threads';

export { type WireError, errorFromWire, errorToWire } from './pool-wire.ts';

/**
 * The module at `name` (a path relative to `base`, the caller's `import.meta.url`, without extension) with the
 * caller's own extension: `.ts` when augkit runs from its sources (the repository, through tsx), `.js` in the built
 * package (dist/).
 * @example startWorker(siblingModule('augment-worker', import.meta.url), { spec })
 */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * Starts a worker thread on `entry` (a `.ts` or `.js` module URL). A `.js` entry starts as it is. tsx's hooks must
 * be registered before a `.ts` entry is imported, and `--import tsx` in execArgv does not reach a worker's entry
 * module on Node 20, so a tiny eval'd bootstrap registers them first (tsx is a dev dependency: only sources need it).
 *
 * @example const worker = startWorker(siblingModule('augment-worker', import.meta.url), { spec });
 */
export function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
