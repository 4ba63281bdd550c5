import { provideSharedKernels } from './shared-heap.ts';
/**
 * The kernel heap with its kernels: importing this module hands shared-heap.ts the shared build of every family of
 * WebAssembly kernels, without which there is no heap. Node's worker pool, its worker threads and the bench import
 * `kernelHeap` and `attachKernelHeap` from here; browser-safe code (the DataLoader) imports shared-heap.ts only, so
 * that a browser bundle does not carry the shared build (138 KB of base64) unless something imports this module.
 */
import { SHARED_WASM } from './shared.wasm.ts';

provideSharedKernels(SHARED_WASM);

export { attachKernelHeap, kernelHeap } from './shared-heap.ts';
