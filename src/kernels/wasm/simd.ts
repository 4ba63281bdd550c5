/**
 * Loads augkit's WebAssembly SIMD kernels (built from `wasm/*.c`, one module per kernel family): in each thread, the
 * instances of the families it uses share one memory, or the kernel heap's when an array lies in it; and the switch
 * that turns them off. The wrappers that run kernels on typed arrays are one file per kernel beside this one, each
 * naming its family with {@link wasmFamily}; arena.ts gives them the memory.
 *
 * Every kernel computes the same bytes as its TypeScript twin, which stays the reference and the fallback: where
 * WebAssembly SIMD is missing (old browsers) or a module cannot be compiled synchronously, the callers'
 * TypeScript path runs and only the speed differs.
 */
import { sharesMemory } from '../../core/image.ts';
import { HEAP_BASE, MEMORY_PAGES } from './layout.wasm.ts';

/** A family's exports (each kernel's wrapper declares the entries it calls on a type extending this). */
export interface Exports {
  /** The memory the family works in: this thread's, or the kernel heap's. */
  readonly memory: WebAssembly.Memory;
  /** The first byte of that memory after every family's static data and stack (scripts/build-wasm.sh's layout). */
  readonly heapBase: number;
  /** `n` bytes from `src` to `dst` (not overlapping) in SIMD (wasm/copy.c, in every family). */
  copy_u8(dst: number, src: number, n: number): void;
}

/** Running a family's kernels: its exports in this thread, or null when they do not run (the TypeScript kernels do). */
export interface WasmFamily<E extends Exports> {
  readonly name: string;
  /** The family's exports on this thread's memory, or null when the WebAssembly kernels are off or unavailable. */
  active(): E | null;
  /**
   * The exports to run a kernel on `arrays` with: the kernel heap's when one of them lies in it (copies within the
   * heap are SIMD loops and some kernels work there in place), else {@link active}'s.
   */
  activeFor(...arrays: ArrayBufferView[]): E | null;
}

interface Family {
  readonly name: string;
  readonly base64: string;
  /** `undefined`: not tried yet; `null`: unavailable here (the TypeScript kernels run). */
  instance: Exports | null | undefined;
  pending: Promise<void> | undefined;
}

/** The families that the kernels imported in this thread belong to, by name. */
const families = new Map<string, Family>();
/** This thread's memory, which every family's instance imports (made with the first one). */
let memory: WebAssembly.Memory | undefined;
let disabled = false;

// What the modules import besides the memory: JavaScript's own Math.exp and Math.log for the noise kernel's rare
// slow draws, so that they round exactly as in the TypeScript sampler.
export const IMPORTS = { env: { exp: Math.exp, log: Math.log } };

/** A module's bytes from their base64 text. */
export function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A family's exports on `mem`: the instance's functions with the memory and the heap base beside them. */
export function familyExports(instance: WebAssembly.Instance, mem: WebAssembly.Memory, heapBase: number): Exports {
  return Object.assign(Object.create(null), instance.exports, { memory: mem, heapBase }) as Exports;
}

function load(family: Family): Exports | null {
  if (family.instance !== undefined) return family.instance;
  if (typeof WebAssembly === 'undefined') {
    family.instance = null;
    return null;
  }
  let imports: WebAssembly.Imports;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    memory ??= new WebAssembly.Memory({ initial: MEMORY_PAGES });
    imports = { env: { ...IMPORTS.env, memory } };
    bytes = decode(family.base64);
  } catch {
    family.instance = null;
    return null;
  }
  const mem = memory;
  try {
    family.instance = familyExports(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports), mem, HEAP_BASE);
  } catch {
    // Browsers refuse to compile modules over 4 KB synchronously on the main thread: compile in the background
    // and use the TypeScript kernels until it is done. A module that fails to compile (no SIMD) stays off.
    family.pending ??= WebAssembly.instantiate(bytes, imports).then(
      (result) => {
        family.instance = familyExports(result.instance, mem, HEAP_BASE);
      },
      () => {
        family.instance = null;
      },
    );
    return null;
  }
  return family.instance;
}

/**
 * The family `name` of WebAssembly kernels, whose module is `base64` (its generated `<name>.wasm.ts`): a kernel's
 * wrapper calls it once, at the top of its file, so that the module is in a bundle exactly when a kernel of its
 * family is. The module is compiled on the family's first use in a thread.
 */
export function wasmFamily<E extends Exports>(name: string, base64: string): WasmFamily<E> {
  let family = families.get(name);
  if (family === undefined) {
    family = { name, base64, instance: undefined, pending: undefined };
    families.set(name, family);
  }
  const f = family;
  const active = (): E | null => (disabled ? null : (load(f) as E | null));
  return {
    name,
    active,
    activeFor(...arrays) {
      if (disabled) return null;
      if (heap !== undefined) for (const a of arrays) if (heap.owns(a)) return heap.exports(name) as E | null;
      return active();
    },
  };
}

/**
 * Resolves once the WebAssembly kernels of every family imported so far are ready (or known to be unavailable).
 * Only browsers' main threads need it: there the modules compile in the background, and until then the TypeScript
 * kernels run (same bytes).
 */
export async function wasmKernelsReady(): Promise<boolean> {
  for (const family of families.values()) load(family);
  await Promise.all([...families.values()].map((family) => family.pending));
  return wasmKernelsAvailable();
}

/**
 * Whether the WebAssembly SIMD kernels run in this thread: false where WebAssembly SIMD is unavailable, while a
 * family imported so far is still compiling (a browser's main thread), and after `useWasmKernels(false)`.
 */
export function wasmKernelsAvailable(): boolean {
  if (disabled || typeof WebAssembly === 'undefined') return false;
  for (const family of families.values()) if (load(family) === null) return false;
  return true;
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

/** This thread's memory of the WebAssembly kernels, once a family has loaded (for tests of its growth). */
export function threadMemory(): WebAssembly.Memory | undefined {
  return memory;
}

/** The kernels of the shared kernel heap this thread is attached to (registered by shared-heap.ts). */
export interface HeapKernels {
  /** The family `name`'s shared module's exports in this thread, with the heap's memory as `memory`. */
  exports(name: string): Exports | null;
  /** Whether `exports` are one of this heap's families'. */
  ownsExports(exports: Exports): boolean;
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
 * Whether a kernel running with `exports` may read `src` and write `out` where they lie: both in the kernel heap
 * whose exports these are (their byte offsets are then their addresses in the module's memory), and sharing no
 * memory, or, with `same` (a kernel that may write over its input), being the same bytes from the same start.
 */
export function inPlaceOf(exports: Exports, src: ArrayBufferView, out: ArrayBufferView, same = false): boolean {
  return (
    heap?.ownsExports(exports) === true &&
    heap.owns(src) &&
    heap.owns(out) &&
    (!sharesMemory(src, out) || (same && src.byteOffset === out.byteOffset))
  );
}
