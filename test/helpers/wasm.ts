import assert from 'node:assert/strict';
import fc from 'fast-check';
import { useWasmKernels, wasmKernelsAvailable } from '../../src/kernels/wasm/simd.ts';

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

/** Asserts that `run` gives deep-equal results with the WebAssembly kernels on and off (a twin's reference bytes). */
export function assertWasmTwin(run: () => unknown, message?: string): void {
  assert.deepEqual(withWasmKernels(true, run), withWasmKernels(false, run), message);
}

/** {@link assertWasmTwin} over `numRuns` random cases of `arbitrary`, once the WebAssembly kernels load. */
export function checkWasmTwin<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => unknown, numRuns: number): void {
  assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
  fc.assert(
    fc.property(arbitrary, (value) => assertWasmTwin(() => run(value))),
    { numRuns },
  );
}
