/**
 * augkit's WebAssembly SIMD kernels (built from `wasm/*.c`), with the plumbing to run them on typed arrays: one
 * module instance per thread, its memory grown on demand, inputs copied in and outputs copied out.
 *
 * Every kernel here computes the same bytes as its TypeScript twin, which stays the reference and the fallback:
 * where WebAssembly SIMD is missing (old browsers) or the module cannot be compiled synchronously, the callers'
 * TypeScript path runs and only the speed differs.
 */
import { sharesMemory } from '../../core/image.ts';
import { alignedLike, alignedLikeEither, copySpan } from '../copy.ts';
import { KERNELS_WASM } from './kernels.wasm.ts';

/** The module's exports (each kernel file's wrapper may declare the entries it calls on a type extending this). */
export interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  /** `n` bytes from `src` to `dst` (not overlapping) in SIMD (wasm/copy.c). */
  copy_u8(dst: number, src: number, n: number): void;
  blur_u8_scratch(width: number, channels: number, kxn: number, kyn: number): number;
  blur_u8(
    src: number,
    dst: number,
    count: number,
    height: number,
    width: number,
    channels: number,
    kx: number,
    kxn: number,
    ky: number,
    kyn: number,
    scratch: number,
  ): void;
  warp_linear_u8(
    src: number,
    dst: number,
    n: number,
    sw: number,
    sh: number,
    cn: number,
    ow: number,
    oh: number,
    rowX0: number,
    rowY0: number,
    ax: number,
    ay: number,
    tx: number,
    txn: number,
    txoff: number,
    ty: number,
    tyn: number,
    tyoff: number,
    cval: number,
    safe: number,
    fill: number,
  ): number;
  flip_gray_u8(src: number, dst: number, rows: number, width: number): void;
  flip_rgb_u8(src: number, dst: number, rows: number, width: number): void;
  warp_linear_u8_each(
    src: number,
    dst: number,
    count: number,
    inv: number,
    cvals: number,
    sw: number,
    sh: number,
    cn: number,
    ow: number,
    oh: number,
    tx: number,
    txn: number,
    txoff: number,
    ty: number,
    tyn: number,
    tyoff: number,
    constant: number,
    scratch: number,
    status: number,
  ): void;
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

/**
 * Bytes between the module's static data and the end of memory that a call may use, grown to at least `bytes`.
 *
 * Growing detaches the memory's old ArrayBuffer, and V8 answers the first detach in a thread by giving up an
 * assumption its optimised code relies on: from then on every typed-array loop in that thread re-checks its buffer,
 * and augkit's TypeScript kernels run about 20% slower (LinearContrast on 32×256×256×3: 1.40 → 1.70 ms; after a
 * run through the WebAssembly kernels that grew the memory, 2.38 ms). So the module starts with 64 MB
 * (scripts/build-wasm.sh), more than a batch of 32 images of 256×256×3 needs in any kernel; the pages cost nothing
 * until a kernel touches them.
 */
export function arena(exports: Exports, bytes: number): number {
  if (heap !== undefined && exports === heap.exports) {
    const at = heap.scratch(bytes);
    if (at < 0) throw new RangeError(`augkit: the kernel heap cannot give a thread ${bytes} bytes of scratch`);
    return at;
  }
  const base = ((exports.__heap_base.value as number) + 15) & ~15;
  const have = exports.memory.buffer.byteLength;
  const need = base + bytes;
  if (need > have) exports.memory.grow(Math.ceil((need - have) / 65536));
  return base;
}

/** Views over the whole of the module's memory, remade only when the memory grows (which replaces its buffer). */
export interface HeapViews {
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
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
      f64: new Float64Array(buffer),
    };
    views.set(exports, v);
  }
  return v;
}

/** `n` rounded up to a multiple of 16 (buffers in the module's memory start 16-byte aligned). */
export const align16 = (n: number): number => (n + 15) & ~15;

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
  const inSize = align16(per * inBytes) + 24;
  const inAt = arena(exports, inSize + (inPlace ? 0 : align16(per * outBytes) + 24));
  const outAt = inPlace ? inAt : inAt + inSize;
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

/** The inputs of {@link warpLinearU8Wasm}, prepared by warp-affine.ts exactly as its TypeScript loops use them. */
export interface WarpLinearJob {
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  /** Images sharing the matrix, `sh·sw·cn` (`oh·ow·cn`) values apart in src (out). */
  readonly n: number;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  readonly ow: number;
  readonly oh: number;
  /** Per output row: cvRound((ib·y + ic)·1024) + delta, and the same for the y coordinate. */
  readonly rowX0: Int32Array;
  readonly rowY0: Int32Array;
  /** Per output column: cvRound(ia·x·1024), cvRound(id·x·1024) (at least `ow` entries). */
  readonly ax: Int32Array;
  readonly ay: Int32Array;
  /** Border tables: element offsets read at coordinates −off…n−1−off, or −1 for cval. */
  readonly tx: Int32Array;
  readonly txOff: number;
  readonly ty: Int32Array;
  readonly tyOff: number;
  readonly cval: number;
  readonly safe: boolean;
  readonly fill: boolean;
}

/**
 * warpAffine's uint8 bilinear loops (interior runs, border taps through the tables, cval runs) for `job.n` images
 * sharing one matrix. Returns false when the WebAssembly kernels are unavailable or a coordinate falls outside the
 * border tables, having written nothing (or, in the kernel heap, part of `job.out`); the TypeScript loops then run
 * and write all of it.
 */
export function warpLinearU8Wasm(job: WarpLinearJob): boolean {
  const exports = activeFor(job.src, job.out);
  if (exports === null) return false;
  const { n, sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  const rowBytes = align16(4 * oh);
  const colBytes = align16(4 * ow);
  // In the kernel heap, sources larger than a core's cache are warped where they lie (the kernel writes only the
  // output's bytes; its reads a few bytes past a tap stay inside the heap, which keeps slack after every array):
  // 32 rgb256 images sharing a matrix ran 6–10% faster so on two threads. A smaller source is copied close to the
  // core first, as elsewhere: one rgb256 image per call (fitOutput's rotations) ran its workers row 25% slower in
  // place (3.6k against 4.7–4.9k img/s).
  const direct = n * size >= DIRECT_WARP_BYTES && inPlaceOf(exports, job.src, job.out);
  // The source gets 16 bytes of slack: the kernel may read a few bytes past a tap.
  // 8 more bytes each for placing the pixels at a shared buffer's alignment (see copy.ts).
  const srcBytes = direct ? 0 : align16(n * size) + 24;
  const dstBytes = direct ? 0 : align16(n * osize) + 8;
  const total = 2 * rowBytes + 2 * colBytes + align16(4 * tx.length) + align16(4 * ty.length) + srcBytes + dstBytes;
  const base = arena(exports, total);
  const rx = base;
  const ry = rx + rowBytes;
  const cx = ry + rowBytes;
  const cy = cx + colBytes;
  const txAt = cy + colBytes;
  const tyAt = txAt + align16(4 * tx.length);
  const srcAt = direct ? job.src.byteOffset : alignedLike(tyAt + align16(4 * ty.length), job.src);
  const dstAt = direct ? job.out.byteOffset : alignedLike(tyAt + align16(4 * ty.length) + srcBytes, job.out);
  const heap = exports.memory.buffer;
  new Int32Array(heap, rx, oh).set(job.rowX0.subarray(0, oh));
  new Int32Array(heap, ry, oh).set(job.rowY0.subarray(0, oh));
  new Int32Array(heap, cx, ow).set(job.ax.subarray(0, ow));
  new Int32Array(heap, cy, ow).set(job.ay.subarray(0, ow));
  new Int32Array(heap, txAt, tx.length).set(tx);
  new Int32Array(heap, tyAt, ty.length).set(ty);
  const bytes = new Uint8Array(heap);
  if (!direct) copySpan(bytes, srcAt, job.src, 0, n * size);
  const failed = exports.warp_linear_u8(
    srcAt,
    dstAt,
    n,
    sw,
    sh,
    cn,
    ow,
    oh,
    rx,
    ry,
    cx,
    cy,
    txAt,
    tx.length,
    job.txOff,
    tyAt,
    ty.length,
    job.tyOff,
    job.cval,
    job.safe ? 1 : 0,
    job.fill ? 1 : 0,
  );
  // Having written part of out where it lies: the TypeScript loops that run instead write all of it.
  if (failed !== 0) return false;
  if (!direct) copySpan(job.out, 0, bytes, dstAt, n * osize);
  return true;
}

/** Sources of at least this many bytes are warped where they lie in the kernel heap (see warpLinearU8Wasm). */
const DIRECT_WARP_BYTES = 2 << 20;

/** The inputs of {@link warpLinearU8EachWasm}: images of one batch, each warped by its own matrix. */
export interface WarpLinearEachJob {
  /** The whole batch (`sh·sw·cn` values per image) and the output batch (`oh·ow·cn` per image). */
  readonly src: Uint8Array;
  readonly out: Uint8Array;
  /** Which images to warp (indices into the batch), in increasing order. */
  readonly images: Int32Array;
  /** Per listed image, its inverted matrix (six numbers, as warp-affine.ts inverts it) and its saturated cval. */
  readonly inv: Float64Array;
  readonly cvals: Int32Array;
  readonly sw: number;
  readonly sh: number;
  readonly cn: number;
  readonly ow: number;
  readonly oh: number;
  /** The border tables of the images' shared mode (element offsets at coordinates −off…, or −1 for cval). */
  readonly tx: Int32Array;
  readonly txOff: number;
  readonly ty: Int32Array;
  readonly tyOff: number;
  /** Whether that mode is 'constant'. */
  readonly constant: boolean;
}

/**
 * warpAffine's uint8 bilinear warp of each listed image by its own matrix, in one call for many images: the per-row
 * and per-column coordinates are computed in the module with the TypeScript kernel's arithmetic, whole-pixel shifts
 * are copied row by row, and the bytes are those of warpAffine image by image. Returns null, having written
 * nothing, when the WebAssembly kernels are unavailable; otherwise the positions in `job.images` of the images it
 * did not warp (a coordinate outside the border tables), which the caller warps in TypeScript.
 */
export function warpLinearU8EachWasm(job: WarpLinearEachJob): number[] | null {
  const exports = activeFor(job.src, job.out);
  if (exports === null) return null;
  const { src, out, images, sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  const total = images.length;
  const perChunk = Math.max(1, Math.min(total, Math.floor(EACH_CHUNK_BYTES / Math.max(1, size + osize))));
  const tablesBytes = align16(4 * tx.length) + align16(4 * ty.length);
  // Coordinates (2·ow + 2·oh int32), then an image in a one-pixel frame with 16 bytes of slack.
  const scratchBytes = align16(4 * (2 * ow + 2 * oh)) + align16((sh + 2) * (sw + 2) * cn + 16);
  const perImageBytes = align16(48 * perChunk) + 2 * align16(4 * perChunk);
  // The source gets 16 bytes of slack: the kernel may read a few bytes past a tap; both get 8 more for placing a
  // run of images at a shared buffer's alignment (see copy.ts).
  const srcBytes = align16(perChunk * size) + 24;
  const dstBytes = align16(perChunk * osize) + 8;
  const base = arena(exports, tablesBytes + scratchBytes + perImageBytes + srcBytes + dstBytes);
  const txAt = base;
  const tyAt = txAt + align16(4 * tx.length);
  const scratchAt = base + tablesBytes;
  const invAt = scratchAt + scratchBytes;
  const cvalAt = invAt + align16(48 * perChunk);
  const statusAt = cvalAt + align16(4 * perChunk);
  const srcAt0 = statusAt + align16(4 * perChunk);
  const dstAt0 = srcAt0 + srcBytes;
  const { u8, i32, f64 } = heapViews(exports);
  i32.set(tx, txAt >> 2);
  i32.set(ty, tyAt >> 2);
  const failed: number[] = [];
  for (let from = 0; from < total; from += perChunk) {
    const m = Math.min(perChunk, total - from);
    const first = images[from];
    // A run of consecutive images travels as one copy each way.
    const run = images[from + m - 1] === first + m - 1;
    const srcAt = run ? alignedLike(srcAt0, src, first * size) : srcAt0;
    const dstAt = run ? alignedLike(dstAt0, out, first * osize) : dstAt0;
    if (run) copySpan(u8, srcAt, src, first * size, m * size);
    else for (let k = 0; k < m; k++) copySpan(u8, srcAt + k * size, src, images[from + k] * size, size);
    f64.set(m === total ? job.inv : job.inv.subarray(6 * from, 6 * (from + m)), invAt >> 3);
    i32.set(m === total ? job.cvals : job.cvals.subarray(from, from + m), cvalAt >> 2);
    exports.warp_linear_u8_each(
      srcAt,
      dstAt,
      m,
      invAt,
      cvalAt,
      sw,
      sh,
      cn,
      ow,
      oh,
      txAt,
      tx.length,
      job.txOff,
      tyAt,
      ty.length,
      job.tyOff,
      job.constant ? 1 : 0,
      scratchAt,
      statusAt,
    );
    let ok = true;
    for (let k = 0; k < m; k++) {
      if (i32[(statusAt >> 2) + k] !== 0) {
        failed.push(from + k);
        ok = false;
      }
    }
    if (run && ok) copySpan(out, first * osize, u8, dstAt, m * osize);
    else {
      for (let k = 0; k < m; k++) {
        if (i32[(statusAt >> 2) + k] !== 0) continue;
        const at = images[from + k] * osize;
        copySpan(out, at, u8, dstAt + k * osize, osize);
      }
    }
  }
  return failed;
}

/**
 * Left-right flip of `rows` one-channel uint8 rows of `width` pixels (a batch seen as one tall image), the same
 * bytes as flip.ts's loops. `out` must not overlap `src`. Returns false, having done nothing, when the WebAssembly
 * kernels are unavailable.
 */
export function flipGrayU8Wasm(src: Uint8Array, out: Uint8Array, rows: number, width: number): boolean {
  const exports = activeFor(src, out);
  if (exports === null) return false;
  // Rows are flipped in chunks, so the module's memory stays near CHUNK_BYTES.
  throughMemory(exports, src, out, rows, width, width, CHUNK_BYTES, (inAt, outAt, m) =>
    exports.flip_gray_u8(inAt, outAt, m, width),
  );
  return true;
}

/**
 * flipHorizontal for three-channel uint8 rows in WebAssembly (wasm/flip.c, five pixels per shuffle, whose loads and
 * stores may pass a row's end by a byte): the same bytes as the TypeScript loops. Returns false, having written
 * nothing, when the WebAssembly kernels are unavailable.
 */
export function flipRgbU8Wasm(src: Uint8Array, out: Uint8Array, rows: number, width: number): boolean {
  const exports = activeFor(src, out);
  if (exports === null) return false;
  // Rows in chunks that stay in L2, also in the kernel heap: reading rows backwards straight from memory there ran
  // the rgb256 workers row at 22–23k img/s, copying each chunk forwards first (the heap's SIMD copy) at 52–56k.
  throughMemory(exports, src, out, rows, 3 * width, 3 * width, FLIP_CHUNK_BYTES, (inAt, outAt, m) =>
    exports.flip_rgb_u8(inAt, outAt, m, width),
  );
  return true;
}

const FLIP_CHUNK_BYTES = 512 << 10;

/** Images per call are capped so that the module's memory stays near this many bytes. */
const CHUNK_BYTES = 8 << 20;

/**
 * The same cap for warps of images with their own matrices, which compute coordinates per image anyway: chunks
 * that stay in a core's L2 cache (2 MB here) between the copy in, the warp and the copy out. Measured on 32
 * 256×256×3 whole-pixel shifts: 56–60 µs per image with 8 MB chunks, 33–34 µs with 512 KB.
 */
const EACH_CHUNK_BYTES = 512 << 10;

/**
 * OpenCV's fixed-point separable Gaussian blur of images `first … first + count − 1` of an N×H×W×C uint8 buffer
 * (see `convolveBatchU8`, whose bytes it reproduces): `kx` along rows, `ky` along columns, integer taps ≥ 0 summing
 * to 256, at most 64 of them. `out` may be `src`. Returns false, having done nothing, when the WebAssembly kernels are
 * unavailable or a kernel is longer.
 */
export function blurBatchU8Wasm(
  src: Uint8Array,
  height: number,
  width: number,
  channels: number,
  first: number,
  count: number,
  kx: Int32Array,
  ky: Int32Array,
  out: Uint8Array,
): boolean {
  // The C kernel keeps up to 64 taps in registers and stack; longer kernels (sigma above about 24) run in TypeScript.
  if (kx.length > 64 || ky.length > 64) return false;
  const exports = activeFor(src, out);
  if (exports === null) return false;
  const imageSize = height * width * channels;
  const perChunk = Math.max(1, Math.min(count, Math.floor(CHUNK_BYTES / Math.max(1, 2 * imageSize))));
  const kernelBytes = align16(4 * kx.length) + align16(4 * ky.length);
  const scratchBytes = align16(exports.blur_u8_scratch(width, channels, kx.length, ky.length));
  // The kernel writes whole groups of 8 values, up to 7 bytes past the last image: 16 bytes of slack.
  // And 8 more for placing a chunk at a shared buffer's alignment (see copy.ts).
  const ioBytes = align16(perChunk * imageSize) + 24;
  const base = arena(exports, kernelBytes + scratchBytes + 2 * ioBytes);
  const kxAt = base;
  const kyAt = kxAt + align16(4 * kx.length);
  const scratchAt = base + kernelBytes;
  const srcAt0 = scratchAt + scratchBytes;
  const dstAt0 = srcAt0 + ioBytes;
  // Views after the last grow: growing detaches earlier ones.
  const heap = exports.memory.buffer;
  new Int32Array(heap, kxAt, kx.length).set(kx);
  new Int32Array(heap, kyAt, ky.length).set(ky);
  const bytes = new Uint8Array(heap);
  let start = first;
  // In the kernel heap, all but the last image where they lie: the kernel's stores past an image's end land in the
  // next image's memory of `out`, which it writes afterwards; the last image goes through the module's memory.
  if (count > 1 && inPlaceOf(exports, src, out)) {
    const at = first * imageSize;
    exports.blur_u8(
      src.byteOffset + at,
      out.byteOffset + at,
      count - 1,
      height,
      width,
      channels,
      kxAt,
      kx.length,
      kyAt,
      ky.length,
      scratchAt,
    );
    start = first + count - 1;
  }
  for (let img = start; img < first + count; img += perChunk) {
    const m = Math.min(perChunk, first + count - img);
    const from = img * imageSize;
    const srcAt = alignedLike(srcAt0, src, from);
    const dstAt = alignedLike(dstAt0, out, from);
    copySpan(bytes, srcAt, src, from, m * imageSize);
    exports.blur_u8(srcAt, dstAt, m, height, width, channels, kxAt, kx.length, kyAt, ky.length, scratchAt);
    copySpan(out, from, bytes, dstAt, m * imageSize);
  }
  return true;
}
