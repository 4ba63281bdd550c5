import { useWasmKernels } from '../../src/kernels/wasm/simd.ts';

/**
 * Runs `fn` with the WebAssembly kernels turned on or off in this thread, and restores the previous setting even when
 * `fn` throws: for tests comparing a WebAssembly kernel with its TypeScript twin.
 */
export function withWasmKernels<T>(on: boolean, fn: () => T): T {
  const was = useWasmKernels(on);
  try {
    return fn();
  } finally {
    useWasmKernels(was);
  }
}
