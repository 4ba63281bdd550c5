/**
 * The kernel heap with its kernels: importing this module hands shared-heap.ts the shared build of the WebAssembly
 * kernels, without which there is no heap. Node's worker pool, its worker threads and the bench import
 * `kernelHeap` and `attachKernelHeap` from here; browser-safe code (the DataLoader) imports shared-heap.ts only, so
 * that a browser bundle does not carry the shared build (114 KB of base64) unless something imports this module.
 */
import { KERNELS_SHARED_WASM } from './kernels.wasm.ts';
import { provideSharedKernels } from './shared-heap.ts';

provideSharedKernels(KERNELS_SHARED_WASM);

export { attachKernelHeap, kernelHeap } from './shared-heap.ts';
