// The module a worker of createWorkerPool rebuilds the augmenter with unless the caller names another: the augmenter
// registry's `fromJSON`, and `seed` to set the calling thread's root seed first. Here rather than in the package's
// entry point (src/index.ts), which no file in src/ imports: the entry point re-exports these same functions.
export { fromJSON } from '../augmenters/index.ts';
export { seed } from '../random/stream.ts';
