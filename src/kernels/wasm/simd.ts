/**
 * Loads augkit's WebAssembly SIMD kernels (built from `wasm/*.c`): one module instance per thread, or the kernel
 * heap's when an array lies in it, and the switch that turns them off. The wrappers that run kernels on typed arrays
 * are one file per kernel beside this one; arena.ts gives them the module's memory.
 *
 * Every kernel computes the same bytes as its TypeScript twin, which stays the reference and the fallback: where
 * WebAssembly SIMD is missing (old browsers) or the module cannot be compiled synchronously, the callers'
 * TypeScript path runs and only the speed differs.
 */
import { sharesMemory } from '../../core/image.ts';
import { KERNELS_WASM } from './kernels.wasm.ts';

/** The module's exports (each kernel's wrapper declares the entries it calls on a type extending this). */
export interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  /** `n` bytes from `src` to `dst` (not overlapping) in SIMD (wasm/copy.c). */
  copy_u8(dst: number, src: number, n: number): void;
}

/** `undefined`: not tried yet; `null`: unavailable here (the TypeScript kernels run). */
let instance: Exports | null | undefined;

// What the module imports: JavaScript's own Math.exp and Math.log for the noise kernel's rare slow draws, so that
// they round exactly as in the TypeScript sampler.
export const IMPORTS = { env: { exp: Math.exp, log: Math.log } };
let disabled = false;

/** The module's bytes from their base64 text. */
export function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let pending: Promise<void> | undefined;

function load(): Exports | null {
  if (instance !== undefined) return instance;
  if (typeof WebAssembly === 'undefined') {
    instance = null;
    return instance;
  }
  const bytes = decode(KERNELS_WASM);
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), IMPORTS).exports as unknown as Exports;
  } catch {
    // Browsers refuse to compile modules over 4 KB synchronously on the main thread: compile in the background
    // and use the TypeScript kernels until it is done. A module that fails to compile (no SIMD) stays off.
    pending ??= WebAssembly.instantiate(bytes, IMPORTS).then(
      (result) => {
        instance = result.instance.exports as unknown as Exports;
      },
      () => {
        instance = null;
      },
    );
    return null;
  }
  return instance;
}

/**
 * Resolves once the WebAssembly kernels are ready (or known to be unavailable). Only browsers' main threads need
 * it: there the module compiles in the background, and until then the TypeScript kernels run (same bytes).
 */
export async function wasmKernelsReady(): Promise<boolean> {
  load();
  await pending;
  return wasmKernelsAvailable();
}

/**
 * Whether the WebAssembly SIMD kernels run in this thread (false where WebAssembly SIMD is unavailable, or after
 * `useWasmKernels(false)`).
 */
export function wasmKernelsAvailable(): boolean {
  return active() !== null;
}

/**
 * Turns the WebAssembly kernels off (`false`) or back on (`true`) in this thread: for comparing against the
 * TypeScript kernels, which give the same bytes. Returns the previous setting.
 *
 * @example const was = useWasmKernels(false); try { … } finally { useWasmKernels(was); }
 */
export function useWasmKernels(on: boolean): boolean {
  const was = !disabled;
  disabled = !on;
  return was;
}

/** The module's exports when the WebAssembly kernels run in this thread, else null. */
export function active(): Exports | null {
  return disabled ? null : load();
}

/** The kernels of the shared kernel heap this thread is attached to (registered by shared-heap.ts). */
export interface HeapKernels {
  /** The shared module's exports, with the heap's memory as `memory`. */
  readonly exports: Exports;
  /** Whether an array lies in the heap. */
  owns(a: ArrayBufferView): boolean;
  /** This thread's scratch area in the heap, at least `bytes` long, or -1 when the heap cannot give one. */
  scratch(bytes: number): number;
}

let heap: HeapKernels | undefined;

/** Registers (or, with undefined, forgets) this thread's heap kernels: shared-heap.ts calls it when attaching. */
export function useHeapKernels(kernels: HeapKernels | undefined): void {
  heap = kernels;
}

/** This thread's heap kernels, if it is attached to a kernel heap. */
export function heapKernels(): HeapKernels | undefined {
  return heap;
}

/**
 * The exports to run a kernel on `arrays` with: the kernel heap's when one of them lies in it (copies within the
 * heap are SIMD loops and some kernels work there in place), else the module's own ({@link active}); null when the
 * WebAssembly kernels are off or unavailable.
 */
export function activeFor(...arrays: ArrayBufferView[]): Exports | null {
  if (disabled) return null;
  if (heap !== undefined) for (const a of arrays) if (heap.owns(a)) return heap.exports;
  return load();
}

/**
 * Whether a kernel running with `exports` may read `src` and write `out` where they lie: both in the kernel heap
 * whose exports these are (their byte offsets are then their addresses in the module's memory), and sharing no
 * memory, or, with `same` (a kernel that may write over its input), being the same bytes from the same start.
 */
export function inPlaceOf(exports: Exports, src: ArrayBufferView, out: ArrayBufferView, same = false): boolean {
  return (
    heap !== undefined &&
    heap.exports === exports &&
    heap.owns(src) &&
    heap.owns(out) &&
    (!sharesMemory(src, out) || (same && src.byteOffset === out.byteOffset))
  );
}
