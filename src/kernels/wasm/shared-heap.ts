/**
 * The kernel heap: one shared WebAssembly memory per process that every thread's WebAssembly kernels can work in,
 * so that batches placed in it (by the DataLoader's reused buffers, for its worker threads) are read and written
 * where they lie instead of being copied into each thread's own module memory and back.
 *
 * Those copies are what kept two workers from scaling on the WebAssembly rows: V8 copies to and from shared memory
 * with a race-safe loop of 8-byte words, a good part of such a kernel's time per thread on rgb256 batches
 * (`npm run bench:shared-wasm`; bench/README.md, "Measurements behind the kernels"). Inside the heap, the kernels'
 * wrappers move pixels with the module's SIMD copy (wasm/copy.c) and Dropout and SaltAndPepper change them in place.
 *
 * Layout: the families' static data and default stacks below SHARED_HEAP_BASE (layout.wasm.ts), then a header (a magic word and the
 * allocation pointer, moved with Atomics), then allocations, which never move and are never given back to other
 * threads: the thread that allocates an array (the DataLoader's) reuses blocks given back through {@link heapArray},
 * and each attached thread takes a stack and a scratch area once (a larger scratch area when a call needs one). The
 * memory grows as allocations need it, up to 4 GB; growing a shared memory never detaches anything.
 *
 * Where shared WebAssembly memory is unavailable (no SharedArrayBuffer: a browser page without cross-origin
 * isolation; no WebAssembly SIMD or threads), {@link kernelHeap} returns null and everything runs as before.
 *
 * The shared build of the kernels (every family's, 138 KB of base64) is not imported here: kernel-heap.ts hands it over when it is
 * imported (Node's worker pool and worker threads do), so that browser bundles, whose main thread cannot use the
 * heap, do not carry it. Until then {@link kernelHeap} returns null and {@link attachKernelHeap} false.
 */
import type { PixelArray } from '../../core/image.ts';
import { setHeapCopy } from '../copy.ts';
import { SHARED_HEAP_BASE } from './layout.wasm.ts';
import { type Exports, IMPORTS, decode, familyExports, useHeapKernels } from './simd.ts';

const PAGE = 65536;
/** The module's declared maximum (scripts/build-wasm.sh): 4 GB. */
const MAX_PAGES = 65536;
/** The memory a heap starts with, and the least it grows by. */
const GROW_BYTES = 64 << 20;
/** Each attached thread's stack (the kernels keep a few tables and taps there; the linker's default is 64 KB). */
const STACK_BYTES = 256 << 10;
/** Each attached thread's first scratch area; a call that needs more gets a new one, at least twice as large. */
const SCRATCH_BYTES = 4 << 20;
/** Slack after a thread's scratch area and after each array: kernels may read a few bytes past their data. */
const SLACK = 64;
/** Written at the header: a memory that does not hold it was not made by {@link kernelHeap}. */
const MAGIC = 0x6175676b; // "augk"

interface SharedExports extends Exports {
  readonly __stack_pointer: WebAssembly.Global;
}

/** This thread's view of the heap: the memory, its families' kernels (instantiated on first use) and its areas. */
interface Attached {
  readonly memory: WebAssembly.Memory;
  /** Each family's shared module in base64, by name. */
  readonly modules: Readonly<Record<string, string>>;
  /** The families instantiated in this thread so far (null: failed to). */
  readonly instances: Map<string, SharedExports | null>;
  /** Every family's exports in `instances`: what `ownsExports` looks in. */
  readonly all: WeakSet<Exports>;
  /** The top of this thread's stack, which every family's instance uses (kernel calls never nest). */
  stackTop: number;
  /** The memory's buffer objects this thread has seen (each grow makes a new one): what `owns` compares with. */
  readonly buffers: WeakSet<ArrayBufferLike>;
  /** Index of the allocation pointer in a Uint32Array over the memory. */
  readonly pointer: number;
  scratchAt: number;
  scratchBytes: number;
}

let attached: Attached | null | undefined;

/** The shared build of every family's kernels, in base64, once {@link provideSharedKernels} has been given it. */
let sharedKernels: Readonly<Record<string, string>> | undefined;

/** Makes the kernel heap possible in this thread (kernel-heap.ts calls it with the shared build of the kernels). */
export function provideSharedKernels(modules: Readonly<Record<string, string>>): void {
  sharedKernels ??= modules;
}

/** The heap's memory buffer as it is now (remembered, so that views made on it are recognised). */
function currentBuffer(a: Attached): SharedArrayBuffer {
  const buffer = a.memory.buffer as unknown as SharedArrayBuffer;
  a.buffers.add(buffer);
  return buffer;
}

/** Whether `view` lies in the kernel heap this thread is attached to. */
export function inKernelHeap(view: ArrayBufferView): boolean {
  if (!attached) return false;
  if (attached.buffers.has(view.buffer)) return true;
  // A buffer of the memory this thread has not asked for yet (grown by another thread since): only the current one
  // can be that, and it is the same object as memory.buffer.
  return view.buffer === currentBuffer(attached);
}

/**
 * Takes `bytes` bytes (16-byte aligned, followed by SLACK unused bytes) from the heap, growing the memory when
 * needed, for good. Returns the address, or -1 when the heap cannot hold them (4 GB, or the system refuses).
 */
function take(a: Attached, bytes: number): number {
  // Arithmetic, not bitwise: sizes of 2 GB and more do not fit an int32.
  const size = Math.ceil((bytes + SLACK) / 16) * 16;
  const words = new Uint32Array(currentBuffer(a));
  let at = Atomics.load(words, a.pointer);
  for (;;) {
    const end = at + size;
    // The pointer is a uint32: 4 GB itself does not fit it (and is the module's limit anyway).
    if (end >= MAX_PAGES * PAGE) return -1;
    const seen = Atomics.compareExchange(words, a.pointer, at, end);
    if (seen === at) break;
    at = seen;
  }
  const end = at + size;
  const have = a.memory.buffer.byteLength;
  if (end > have) {
    try {
      // Another thread may be growing it too: then it grows twice, which wastes address space, not memory.
      a.memory.grow(Math.min(MAX_PAGES - have / PAGE, Math.ceil(Math.max(end - have, GROW_BYTES) / PAGE)));
    } catch {
      // Refused (the system's limit, or another thread took the last pages): checked below.
    }
    if (a.memory.buffer.byteLength < end) return -1;
  }
  return at;
}

/**
 * The family `name`'s shared module on the heap in this thread, instantiated on its first use, with its stack
 * pointer at this thread's stack; null when it cannot be.
 */
function familyOf(a: Attached, name: string): SharedExports | null {
  let exports = a.instances.get(name);
  if (exports !== undefined) return exports;
  const base64 = a.modules[name];
  exports = null;
  if (base64 !== undefined) {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(decode(base64)), {
        env: { ...IMPORTS.env, memory: a.memory },
      });
      exports = familyExports(instance, a.memory, SHARED_HEAP_BASE) as SharedExports;
      exports.__stack_pointer.value = a.stackTop;
      a.all.add(exports);
    } catch {
      exports = null;
    }
  }
  a.instances.set(name, exports);
  return exports;
}

/** Attaches this thread to `memory` (a new heap with `create`), with its own stack and scratch area. */
function attach(
  memory: WebAssembly.Memory,
  create: boolean,
  modules: Readonly<Record<string, string>>,
): Attached | null {
  const headerAt = (SHARED_HEAP_BASE + 63) & ~63;
  const pointer = (headerAt >> 2) + 1;
  const a: Attached = {
    memory,
    modules,
    instances: new Map(),
    all: new WeakSet(),
    stackTop: 0,
    buffers: new WeakSet(),
    pointer,
    scratchAt: 0,
    scratchBytes: 0,
  };
  const words = new Uint32Array(currentBuffer(a));
  if (create) {
    words[headerAt >> 2] = MAGIC;
    Atomics.store(words, pointer, headerAt + 64);
  } else if (Atomics.load(words, headerAt >> 2) !== MAGIC) {
    return null;
  }
  const stack = take(a, STACK_BYTES);
  const scratch = take(a, SCRATCH_BYTES);
  if (stack < 0 || scratch < 0) return null;
  a.stackTop = stack + STACK_BYTES;
  a.scratchAt = scratch;
  a.scratchBytes = SCRATCH_BYTES;
  // The copy below is every family's: the first one's serves (and shows that the modules compile here).
  const first = Object.keys(modules)[0];
  if (first === undefined || familyOf(a, first) === null) return null;
  return a;
}

/** Registers `a`'s kernels with simd.ts (the wrappers pick them for arrays in the heap) and copy.ts. */
function register(a: Attached): void {
  const copy = familyOf(a, Object.keys(a.modules)[0]) as SharedExports;
  useHeapKernels({
    exports: (name) => familyOf(a, name),
    ownsExports: (exports) => a.all.has(exports),
    owns: inKernelHeap,
    scratch(bytes) {
      if (bytes > a.scratchBytes) {
        const size = Math.max(bytes, 2 * a.scratchBytes);
        const at = take(a, size);
        if (at < 0) return -1;
        a.scratchAt = at;
        a.scratchBytes = size;
      }
      return a.scratchAt;
    },
  });
  setHeapCopy((d, dAt, s, sAt, bytes) => {
    if (!inKernelHeap(d) || !inKernelHeap(s) || (dAt < sAt + bytes && sAt < dAt + bytes)) return false;
    copy.copy_u8(dAt, sAt, bytes);
    return true;
  });
}

/**
 * This process's kernel heap, made on the first call (in the calling thread, which is attached to it), or null
 * where shared WebAssembly memory is unavailable or kernel-heap.ts was not imported (then a later call tries again).
 * Worker threads attach to it with {@link attachKernelHeap}.
 */
export function kernelHeap(): WebAssembly.Memory | null {
  if (attached !== undefined) return attached?.memory ?? null;
  const modules = sharedKernels;
  if (modules === undefined) return null;
  attached = null;
  try {
    if (typeof SharedArrayBuffer === 'undefined' || typeof WebAssembly === 'undefined') return null;
    const memory = new WebAssembly.Memory({ initial: GROW_BYTES / PAGE, maximum: MAX_PAGES, shared: true });
    attached = attach(memory, true, modules);
  } catch {
    // No shared memory, threads or SIMD here; or a browser's main thread, which compiles no module this large
    // synchronously.
    attached = null;
  }
  if (attached) register(attached);
  return attached?.memory ?? null;
}

/**
 * Attaches this thread (a worker) to the heap another thread made with {@link kernelHeap} and posted to it: its
 * kernels then work on arrays in the heap where they lie. Returns false, attaching nothing, when that is not
 * possible here; attaching twice to the same memory is a no-op, to another one an error.
 */
export function attachKernelHeap(memory: WebAssembly.Memory): boolean {
  if (attached) {
    if (attached.memory === memory || attached.memory.buffer === memory.buffer) return true;
    throw new Error('attachKernelHeap: this thread is attached to another kernel heap already');
  }
  const modules = sharedKernels;
  if (modules === undefined) return false;
  try {
    attached = attach(memory, false, modules);
  } catch {
    attached = null;
  }
  if (attached) register(attached);
  return attached !== null;
}

/** Bytes taken from the kernel heap so far by every thread (0 without a heap): what a test of leaks watches. */
export function kernelHeapUsed(): number {
  if (!attached) return 0;
  return Atomics.load(new Uint32Array(currentBuffer(attached)), attached.pointer);
}

/** A view of `like`'s type on the heap this thread is attached to, from byte `byteOffset`: for arrays posted here. */
export function heapView(like: PixelArray, byteOffset: number, length: number): PixelArray | undefined {
  if (!attached) return undefined;
  const buffer = currentBuffer(attached);
  if (byteOffset + length * like.BYTES_PER_ELEMENT > buffer.byteLength) return undefined;
  return like instanceof Float32Array
    ? new Float32Array(buffer, byteOffset, length)
    : new Uint8Array(buffer, byteOffset, length);
}

/** Arrays {@link heapArray} handed out and not given back, by address: their byte length and their block's. */
const live = new Map<number, { readonly bytes: number; readonly block: number }>();
/** Blocks given back by {@link heapRelease}: address and size. */
const free: { at: number; block: number }[] = [];

/**
 * An array of `like`'s type and `n` elements in the kernel heap (made on first use): in the smallest block given back
 * with {@link heapRelease} that holds it and is at most twice its size, else in new memory; undefined when there is
 * no heap or it is full. Its contents are unspecified (a reused block keeps its old bytes).
 */
export function heapArray(like: PixelArray, n: number): PixelArray | undefined {
  if (kernelHeap() === null || !attached) return undefined;
  const bytes = n * like.BYTES_PER_ELEMENT;
  let k = -1;
  for (let i = 0; i < free.length; i++) {
    const b = free[i].block;
    if (b >= bytes && b <= 2 * bytes && (k < 0 || b < free[k].block)) k = i;
  }
  let at: number;
  let block = bytes;
  if (k >= 0) {
    ({ at, block } = free[k]);
    free.splice(k, 1);
  } else {
    at = take(attached, bytes);
    if (at < 0) return undefined;
  }
  live.set(at, { bytes, block });
  return heapView(like, at, n);
}

/**
 * Gives back an array that {@link heapArray} made, for a later call to reuse: nothing may read or write it after.
 * Anything else (another array, a part of one, one given back already) is left alone.
 */
export function heapRelease(data: PixelArray): void {
  const entry = inKernelHeap(data) ? live.get(data.byteOffset) : undefined;
  if (entry === undefined || entry.bytes !== data.byteLength) return;
  live.delete(data.byteOffset);
  free.push({ at: data.byteOffset, block: entry.block });
}
