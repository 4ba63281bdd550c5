/**
 * warpAffine's uint8 bilinear loops in WebAssembly (wasm/warp.c: warp_linear_u8, warp_linear_u8_each): the same
 * bytes as the TypeScript loops in ../warp/, which stay the reference and the fallback.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { allocate, heapViews } from './arena.ts';
import type { SamplingJob } from './sampling.ts';
import { type Exports, inPlaceOf, wasmFamily } from './simd.ts';
import { WASM } from './warp.wasm.ts';

/** The warp family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('warp', WASM);

interface WarpExports extends Exports {
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

/** The inputs of {@link warpLinearU8Wasm}, prepared by warp/affine.ts exactly as its TypeScript loops use them. */
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

/** Sources of at least this many bytes are warped where they lie in the kernel heap (see warpLinearU8Wasm). */
const DIRECT_WARP_BYTES = 2 << 20;

/**
 * warpAffine's uint8 bilinear loops (interior runs, border taps through the tables, cval runs) for `job.n` images
 * sharing one matrix. Returns false when the WebAssembly kernels are unavailable or a coordinate falls outside the
 * border tables, having written nothing (or, in the kernel heap, part of `job.out`); the TypeScript loops then run
 * and write all of it.
 */
export function warpLinearU8Wasm(job: WarpLinearJob): boolean {
  const exports = family.activeFor(job.src, job.out) as WarpExports | null;
  if (exports === null) return false;
  const { n, sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  // In the kernel heap, sources larger than a core's cache are warped where they lie (the kernel writes only the
  // output's bytes; its reads a few bytes past a tap stay inside the heap, which keeps slack after every array). A
  // smaller source is copied close to the core first, as elsewhere (bench/README.md, "The kernel heap").
  const direct = n * size >= DIRECT_WARP_BYTES && inPlaceOf(exports, job.src, job.out);
  const at = allocate(exports, {
    rowX0: 4 * oh,
    rowY0: 4 * oh,
    ax: 4 * ow,
    ay: 4 * ow,
    tx: 4 * tx.length,
    ty: 4 * ty.length,
    // The source gets 16 bytes of slack: the kernel may read a few bytes past a tap; both get 8 more for placing
    // the pixels at a shared buffer's alignment (see copy.ts).
    src: direct ? 0 : n * size + 24,
    out: direct ? 0 : n * osize + 8,
  });
  const srcAt = direct ? job.src.byteOffset : alignedLike(at.src, job.src);
  const dstAt = direct ? job.out.byteOffset : alignedLike(at.out, job.out);
  const { u8, i32 } = heapViews(exports);
  i32.set(job.rowX0.subarray(0, oh), at.rowX0 >> 2);
  i32.set(job.rowY0.subarray(0, oh), at.rowY0 >> 2);
  i32.set(job.ax.subarray(0, ow), at.ax >> 2);
  i32.set(job.ay.subarray(0, ow), at.ay >> 2);
  i32.set(tx, at.tx >> 2);
  i32.set(ty, at.ty >> 2);
  if (!direct) copySpan(u8, srcAt, job.src, 0, n * size);
  const failed = exports.warp_linear_u8(
    srcAt,
    dstAt,
    n,
    sw,
    sh,
    cn,
    ow,
    oh,
    at.rowX0,
    at.rowY0,
    at.ax,
    at.ay,
    at.tx,
    tx.length,
    job.txOff,
    at.ty,
    ty.length,
    job.tyOff,
    job.cval,
    job.safe ? 1 : 0,
    job.fill ? 1 : 0,
  );
  // Having written part of out where it lies: the TypeScript loops that run instead write all of it.
  if (failed !== 0) return false;
  if (!direct) copySpan(job.out, 0, u8, dstAt, n * osize);
  return true;
}

/**
 * The inputs of {@link warpLinearU8EachWasm}: images of one batch (`src`, `sw·sh·cn` values each; `out`, `ow·oh·cn`
 * each), each warped by its own matrix, with the border tables of their shared mode.
 */
export interface WarpLinearEachJob extends Omit<SamplingJob, 'cval'> {
  /** Which images to warp (indices into the batch), in increasing order. */
  readonly images: Int32Array;
  /** Per listed image, its inverted matrix (six numbers, as warp/affine.ts inverts it) and its saturated cval. */
  readonly inv: Float64Array;
  readonly cvals: Int32Array;
}

/**
 * Images per call of warp_linear_u8_each: chunks that stay in a core's L2 cache between the copy in, the warp and
 * the copy out, since the kernel computes coordinates per image anyway (bench/README.md, "Measurements behind the kernels").
 */
const EACH_CHUNK_BYTES = 512 << 10;

/**
 * warpAffine's uint8 bilinear warp of each listed image by its own matrix, in one call for many images: the per-row
 * and per-column coordinates are computed in the module with the TypeScript kernel's arithmetic, whole-pixel shifts
 * are copied row by row, and the bytes are those of warpAffine image by image. Returns null, having written
 * nothing, when the WebAssembly kernels are unavailable; otherwise the positions in `job.images` of the images it
 * did not warp (a coordinate outside the border tables), which the caller warps in TypeScript.
 */
export function warpLinearU8EachWasm(job: WarpLinearEachJob): number[] | null {
  const exports = family.activeFor(job.src, job.out) as WarpExports | null;
  if (exports === null) return null;
  const { src, out, images, sw, sh, cn, ow, oh, tx, ty } = job;
  const size = sh * sw * cn;
  const osize = oh * ow * cn;
  const total = images.length;
  const perChunk = Math.max(1, Math.min(total, Math.floor(EACH_CHUNK_BYTES / Math.max(1, size + osize))));
  const at = allocate(exports, {
    tx: 4 * tx.length,
    ty: 4 * ty.length,
    // Coordinates (2·ow + 2·oh int32), then an image in a one-pixel frame with 16 bytes of slack.
    scratch: 4 * (2 * ow + 2 * oh) + (sh + 2) * (sw + 2) * cn + 16,
    inv: 48 * perChunk,
    cvals: 4 * perChunk,
    status: 4 * perChunk,
    // The source gets 16 bytes of slack: the kernel may read a few bytes past a tap; both get 8 more for placing a
    // run of images at a shared buffer's alignment (see copy.ts).
    src: perChunk * size + 24,
    out: perChunk * osize + 8,
  });
  const { u8, i32, f64 } = heapViews(exports);
  i32.set(tx, at.tx >> 2);
  i32.set(ty, at.ty >> 2);
  const failed: number[] = [];
  for (let from = 0; from < total; from += perChunk) {
    const m = Math.min(perChunk, total - from);
    const first = images[from];
    // A run of consecutive images travels as one copy each way.
    const run = images[from + m - 1] === first + m - 1;
    const srcAt = run ? alignedLike(at.src, src, first * size) : at.src;
    const dstAt = run ? alignedLike(at.out, out, first * osize) : at.out;
    if (run) copySpan(u8, srcAt, src, first * size, m * size);
    else for (let k = 0; k < m; k++) copySpan(u8, srcAt + k * size, src, images[from + k] * size, size);
    f64.set(m === total ? job.inv : job.inv.subarray(6 * from, 6 * (from + m)), at.inv >> 3);
    i32.set(m === total ? job.cvals : job.cvals.subarray(from, from + m), at.cvals >> 2);
    exports.warp_linear_u8_each(
      srcAt,
      dstAt,
      m,
      at.inv,
      at.cvals,
      sw,
      sh,
      cn,
      ow,
      oh,
      at.tx,
      tx.length,
      job.txOff,
      at.ty,
      ty.length,
      job.tyOff,
      job.constant ? 1 : 0,
      at.scratch,
      at.status,
    );
    const status = at.status >> 2;
    let ok = true;
    for (let k = 0; k < m; k++) {
      if (i32[status + k] !== 0) {
        failed.push(from + k);
        ok = false;
      }
    }
    if (run && ok) copySpan(out, first * osize, u8, dstAt, m * osize);
    else {
      for (let k = 0; k < m; k++) {
        if (i32[status + k] !== 0) continue;
        copySpan(out, images[from + k] * osize, u8, dstAt + k * osize, osize);
      }
    }
  }
  return failed;
}
