/**
 * Resize's exact halving of a uint8 image in WebAssembly (wasm/resize.c): OpenCV's 2×2 area average, the same bytes
 * as resize.ts's TypeScript loops, which stay the reference. Rows go through the module's memory in chunks of row
 * pairs, so a large image needs no more than about CHUNK_BYTES of it.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { allocate, heapViews, throughMemory } from './arena.ts';
import { WASM } from './resize.wasm.ts';
import { type Exports, wasmFamily } from './simd.ts';

/** The resize family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('resize', WASM);

interface ResizeExports extends Exports {
  halve_u8(src: number, dst: number, count: number, sw: number, sh: number, cn: number): void;
}

const CHUNK_BYTES = 512 << 10;

/**
 * Halves `src` (sh × sw × cn, both sides even) into `out` (sh/2 × sw/2 × cn). Returns false, having written
 * nothing, when the WebAssembly kernels are unavailable.
 */
export function halveU8Wasm(src: Uint8Array, out: Uint8Array, sw: number, sh: number, cn: number): boolean {
  const exports = family.activeFor(src, out) as ResizeExports | null;
  if (exports === null) return false;
  // Units of two source rows, which give one output row.
  const stride = sw * cn;
  const outStride = (sw / 2) * cn;
  // Exact: the kernel touches only its rows' bytes.
  throughMemory(
    exports,
    src,
    out,
    sh / 2,
    2 * stride,
    outStride,
    CHUNK_BYTES,
    (inAt, outAt, pairs) => exports.halve_u8(inAt, outAt, 1, sw, 2 * pairs, cn),
    { direct: true },
  );
  return true;
}

interface LinearExports extends ResizeExports {
  resize_linear_u8(
    src: number,
    stride: number,
    sbase: number,
    dst: number,
    rowLen: number,
    y0: number,
    y1: number,
    i0: number,
    i1: number,
    w0: number,
    w1: number,
    ys0: number,
    ys1: number,
    b0: number,
    b1: number,
    r0: number,
    r1: number,
    cn: number,
  ): void;
}

/** One axis of resize.ts's bilinear positions: source pixels (the first and the second) and their 11-bit weights. */
export interface LinearAxis {
  readonly ofs: Int32Array;
  readonly ofs1: Int32Array;
  readonly w0: Int32Array;
  readonly w1: Int32Array;
}

/**
 * Resize's bilinear path for a uint8 image (`src` sh × sw × cn into `out` of dh × dw × cn, positions and weights
 * `ax`, `ay` from resize.ts) in WebAssembly: the bytes of the TypeScript loops. Output rows go through the module's
 * memory in chunks with the source rows they read. Returns false, having written nothing, when the WebAssembly
 * kernels are unavailable.
 */
export function resizeLinearU8Wasm(
  src: Uint8Array,
  out: Uint8Array,
  sw: number,
  sh: number,
  cn: number,
  ax: LinearAxis,
  ay: LinearAxis,
): boolean {
  const exports = family.activeFor(src, out) as LinearExports | null;
  if (exports === null) return false;
  const dw = ax.ofs.length;
  const dh = ay.ofs.length;
  const rowLen = dw * cn;
  const stride = sw * cn;
  const ys0 = ay.ofs;
  const chunk = Math.max(CHUNK_BYTES, 2 * stride + rowLen);
  // Per-value tables (source index and weight of a pixel and the next), per-row tables (source rows and weights),
  // two scratch rows, then the chunk's source rows and output rows (with 16 bytes more for placing them at a shared
  // buffer's alignment, see copy.ts, and slack).
  const at = allocate(exports, {
    i0: 4 * rowLen,
    i1: 4 * rowLen,
    w0: 4 * rowLen,
    w1: 4 * rowLen,
    y0: 4 * dh,
    y1: 4 * dh,
    b0: 4 * dh,
    b1: 4 * dh,
    r0: 4 * rowLen,
    r1: 4 * rowLen,
    chunk: chunk + 80,
  });
  const { i32, u8 } = heapViews(exports);
  const tI0 = at.i0 >> 2;
  const tI1 = at.i1 >> 2;
  const tW0 = at.w0 >> 2;
  const tW1 = at.w1 >> 2;
  for (let x = 0, k = 0; x < dw; x++) {
    const i = ax.ofs[x] * cn;
    // As the TypeScript loop: weight 0 on the next pixel reads one pixel (`s · 2048`); the last column has no next.
    const one = ax.w1[x] === 0;
    const next = ax.ofs[x] < sw - 1 ? cn : 0;
    for (let c = 0; c < cn; c++, k++) {
      i32[tI0 + k] = i + c;
      i32[tI1 + k] = one ? i + c : i + next + c;
      i32[tW0 + k] = one ? 2048 : ax.w0[x];
      i32[tW1 + k] = one ? 0 : ax.w1[x];
    }
  }
  i32.set(ys0, at.y0 >> 2);
  const tY1 = at.y1 >> 2;
  i32.set(ay.ofs1, tY1);
  i32.set(ay.w0, at.b0 >> 2);
  i32.set(ay.w1, at.b1 >> 2);
  for (let y0 = 0; y0 < dh; ) {
    // The longest run of output rows whose source rows and output fit the chunk (at least one row).
    let y1 = y0 + 1;
    while (y1 < dh && (i32[tY1 + y1] - ys0[y0] + 1) * stride + (y1 + 1 - y0) * rowLen <= chunk) y1++;
    const first = ys0[y0];
    const last = i32[tY1 + y1 - 1];
    const srcBytes = (last - first + 1) * stride;
    const srcAt = alignedLike(at.chunk, src, first * stride);
    const dstAt = alignedLike(srcAt + srcBytes, out, y0 * rowLen);
    copySpan(u8, srcAt, src, first * stride, srcBytes);
    exports.resize_linear_u8(
      srcAt,
      stride,
      first,
      dstAt,
      rowLen,
      y0,
      y1,
      at.i0,
      at.i1,
      at.w0,
      at.w1,
      at.y0,
      at.y1,
      at.b0,
      at.b1,
      at.r0,
      at.r1,
      cn,
    );
    copySpan(out, y0 * rowLen, u8, dstAt, (y1 - y0) * rowLen);
    y0 = y1;
  }
  return true;
}

interface AreaExports extends Exports {
  area_u8(
    src: number,
    dst: number,
    sw: number,
    cn: number,
    dw: number,
    xsi: number,
    xdi: number,
    xal: number,
    xn: number,
    ysi: number,
    ydi: number,
    yal: number,
    yn: number,
    buf: number,
    sum: number,
  ): void;
}

/** resize-area.ts's table of one axis: per entry the source pixel, the destination pixel and the float32 weight. */
export interface AreaTable {
  readonly si: Int32Array;
  readonly di: Int32Array;
  readonly alpha: Float32Array;
  readonly n: number;
}

/** Images up to this many bytes (input and output together) go through the module's memory whole. */
const AREA_BYTES = 32 << 20;

/**
 * Resize's weighted area shrink of a uint8 image (`src` sh × sw × cn into `out` dh × dw × cn, tables `xt` and `yt`
 * from resize-area.ts) in WebAssembly (wasm/resize.c, area_u8): OpenCV's float32 arithmetic, the bytes of the
 * TypeScript loops. The image goes through the module's memory whole. Returns false, having written nothing, when
 * the WebAssembly kernels are unavailable or the image is larger than AREA_BYTES.
 */
export function areaU8Wasm(
  src: Uint8Array,
  out: Uint8Array,
  sw: number,
  cn: number,
  dw: number,
  xt: AreaTable,
  yt: AreaTable,
): boolean {
  if (src.length + out.length > AREA_BYTES) return false;
  const exports = family.activeFor(src, out) as AreaExports | null;
  if (exports === null) return false;
  const rowLen = dw * cn;
  const at = allocate(exports, {
    xsi: 4 * xt.n,
    xdi: 4 * xt.n,
    xal: 4 * xt.n,
    ysi: 4 * yt.n,
    ydi: 4 * yt.n,
    yal: 4 * yt.n,
    buf: 4 * rowLen,
    sum: 4 * rowLen,
    src: src.length,
    dst: out.length,
  });
  const { i32, u8, f32 } = heapViews(exports);
  i32.set(xt.si.subarray(0, xt.n), at.xsi >> 2);
  i32.set(xt.di.subarray(0, xt.n), at.xdi >> 2);
  f32.set(xt.alpha.subarray(0, xt.n), at.xal >> 2);
  i32.set(yt.si.subarray(0, yt.n), at.ysi >> 2);
  i32.set(yt.di.subarray(0, yt.n), at.ydi >> 2);
  f32.set(yt.alpha.subarray(0, yt.n), at.yal >> 2);
  copySpan(u8, at.src, src, 0, src.length);
  exports.area_u8(
    at.src,
    at.dst,
    sw,
    cn,
    dw,
    at.xsi,
    at.xdi,
    at.xal,
    xt.n,
    at.ysi,
    at.ydi,
    at.yal,
    yt.n,
    at.buf,
    at.sum,
  );
  copySpan(out, 0, u8, at.dst, out.length);
  return true;
}
