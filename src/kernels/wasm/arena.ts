/**
 * The memory for one kernel call: an area after every family's static data and stack (or this thread's scratch area in
 * the kernel heap), handed out in named, 16-byte-aligned regions by {@link allocate}, and views to write through.
 */
import { alignedLike, alignedLikeEither, copySpan } from '../copy.ts';
import { type Exports, heapKernels, inPlaceOf } from './simd.ts';

/** `n` rounded up to a multiple of 16 (regions in the module's memory start 16-byte aligned). */
export const align16 = (n: number): number => (n + 15) & ~15;

/**
 * The start of `bytes` bytes of the memory that a call may use (16-byte aligned), the memory grown to hold them: after
 * every family's static data and stack, or in the kernel heap this thread's scratch area.
 *
 * Growing detaches the memory's old ArrayBuffer, and V8 answers the first detach in a thread by giving up an
 * assumption its optimised code relies on: from then on every typed-array loop in that thread re-checks its buffer,
 * and augkit's TypeScript kernels run markedly slower (bench/README.md, "Measurements behind the kernels"). So the
 * thread's memory starts with 64 MB (scripts/build-wasm.sh), more than a batch of 32 images of 256×256×3 needs in any kernel;
 * the pages cost nothing until a kernel touches them.
 */
export function reserve(exports: Exports, bytes: number): number {
  const heap = heapKernels();
  if (heap?.ownsExports(exports)) {
    const at = heap.scratch(bytes);
    if (at < 0) throw new RangeError(`augkit: the kernel heap cannot give a thread ${bytes} bytes of scratch`);
    return at;
  }
  const base = (exports.heapBase + 15) & ~15;
  const have = exports.memory.buffer.byteLength;
  const need = base + bytes;
  if (need > have) exports.memory.grow(Math.ceil((need - have) / 65536));
  return base;
}

/**
 * Regions of the module's memory for one call: `sizes[name]` bytes each, every one starting 16-byte aligned, laid
 * out one after another in an area from {@link reserve} (so the memory grows at most once, before any view is
 * made). Returns each region's address under its name; the regions are the call's until the next call on this
 * thread. A region that will hold an array placed at a shared buffer's alignment (`alignedLike`) needs 8 bytes more.
 * @example const at = allocate(exports, { kx: 4 * kx.length, src: imageBytes + 16 }); // at.kx, at.src
 */
export function allocate<K extends string>(exports: Exports, sizes: Readonly<Record<K, number>>): Record<K, number> {
  let at = reserve(exports, totalBytes(sizes));
  // A copy of `sizes` (same keys, so the same hidden class as the caller's literal) whose values become addresses:
  // several times cheaper than adding the names to an empty object, per kernel call.
  const regions = { ...sizes } as Record<K, number>;
  for (const name in sizes) {
    regions[name] = at;
    at += align16(sizes[name]);
  }
  return regions;
}

/** The bytes {@link allocate} takes for `sizes` (each region rounded up to 16). */
export function totalBytes(sizes: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const name in sizes) total += align16(sizes[name]);
  return total;
}

/** Views over the whole of the module's memory, remade only when the memory grows (which replaces its buffer). */
export interface HeapViews {
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

const views = new WeakMap<Exports, HeapViews>();

/** {@link HeapViews} of the module's current memory: kernels write their arguments through them at byte offsets. */
export function heapViews(exports: Exports): HeapViews {
  const buffer = exports.memory.buffer;
  let v = views.get(exports);
  if (v === undefined || v.u8.buffer !== buffer) {
    v = {
      u8: new Uint8Array(buffer),
      i32: new Int32Array(buffer),
      u32: new Uint32Array(buffer),
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
    };
    views.set(exports, v);
  }
  return v;
}

/** How {@link throughMemory} may run a kernel on arrays that lie in the kernel heap. */
export interface ThroughOptions {
  /** The kernel may write over its input (outBytes ≤ inBytes): one buffer, outAt = inAt, half the memory touched. */
  readonly inPlace?: boolean;
  /**
   * The kernel reads and writes only its units' bytes, and runs faster on them where they lie than on a chunk copied
   * close to the core (by measurement: Grayscale and Resize's halving do; Fliplr, reading rows backwards, does not).
   * When `src` and `out` both lie in the kernel heap whose exports these are (and do not overlap, or are the same
   * array with `inPlace`), it then runs there on all the units in one call, with no copy.
   */
  readonly direct?: boolean;
}

/**
 * Streams `count` units through the module's memory for a kernel that maps each unit of `inBytes` input bytes to
 * `outBytes` output bytes (rows, pixels, row pairs): as many units per call as fit in `chunkBytes` (at least one),
 * copied in, `kernel(inAt, outAt, units)`, copied out. Both buffers get 16 bytes of slack, for kernels that load or
 * store a few bytes past a unit's end. See {@link ThroughOptions} for kernels that work in place or in the heap.
 */
export function throughMemory(
  exports: Exports,
  src: Uint8Array,
  out: Uint8Array,
  count: number,
  inBytes: number,
  outBytes: number,
  chunkBytes: number,
  kernel: (inAt: number, outAt: number, units: number) => void,
  { inPlace = false, direct }: ThroughOptions = {},
): void {
  if (direct && inPlaceOf(exports, src, out, inPlace)) {
    kernel(src.byteOffset, out.byteOffset, count);
    return;
  }
  const unitBytes = inPlace ? inBytes : inBytes + outBytes;
  let per = Math.max(1, Math.min(count, Math.floor(chunkBytes / Math.max(1, unitBytes))));
  // Whole multiples of 8 units per chunk, so that every chunk starts at the first one's alignment (see copy.ts).
  if (per >= 8 && per < count) per &= ~7;
  // 8 bytes more on each side: room to place a chunk at its shared buffer's alignment.
  const at = allocate(exports, { in: per * inBytes + 24, out: inPlace ? 0 : per * outBytes + 24 });
  const inAt = at.in;
  const outAt = inPlace ? inAt : at.out;
  const { u8 } = heapViews(exports);
  for (let first = 0; first < count; first += per) {
    const m = Math.min(per, count - first);
    const from = first * inBytes;
    const to = first * outBytes;
    // In place, one position serves both copies.
    const inHere = inPlace ? alignedLikeEither(inAt, src, from, out, to) : alignedLike(inAt, src, from);
    const outHere = inPlace ? inHere : alignedLike(outAt, out, to);
    copySpan(u8, inHere, src, from, m * inBytes);
    kernel(inHere, outHere, m);
    copySpan(out, to, u8, outHere, m * outBytes);
  }
}
