/**
 * Resize's uint8 kernels in WebAssembly (wasm/resize.c): the exact halving (OpenCV's 2×2 area average), the bilinear
 * path (OpenCV's fixed-point scheme) and the weighted area shrink (OpenCV's float32 sums), each the bytes of the
 * TypeScript loops in resize.ts and resize-area.ts, which stay the reference. The halving and the bilinear path move
 * rows through the module's memory in chunks, so a large image needs no more than about CHUNK_BYTES of it.
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
    dw: number,
    y0: number,
    y1: number,
    xo: number,
    xw: number,
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
  // Per-pixel tables (the first source pixel's byte offset, the two weights as an int16 pair), per-row tables
  // (source rows and weights), two scratch rows (16 bytes more: SIMD stores run past a row's end), then the chunk's
  // source rows and output rows (with 16 bytes more for placing them at a shared buffer's alignment, see copy.ts,
  // and slack).
  const at = allocate(exports, {
    xo: 4 * dw,
    xw: 4 * dw,
    y0: 4 * dh,
    y1: 4 * dh,
    b0: 4 * dh,
    b1: 4 * dh,
    r0: 4 * rowLen + 16,
    r1: 4 * rowLen + 16,
    chunk: chunk + 80 + cn,
  });
  const { i32, u8 } = heapViews(exports);
  const tXo = at.xo >> 2;
  const tXw = at.xw >> 2;
  for (let x = 0; x < dw; x++) {
    i32[tXo + x] = ax.ofs[x] * cn;
    // Weight 0 on the next pixel where there is none (the last column), as the TypeScript loop reads one pixel.
    i32[tXw + x] = ax.w0[x] | (ax.w1[x] << 16);
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
    // The kernel's reads past the last source pixel (up to 8 bytes from its start, weighed by 0) land on the output
    // rows or the region's slack.
    const dstAt = alignedLike(srcAt + srcBytes, out, y0 * rowLen);
    copySpan(u8, srcAt, src, first * stride, srcBytes);
    exports.resize_linear_u8(
      srcAt,
      stride,
      first,
      dstAt,
      dw,
      y0,
      y1,
      at.xo,
      at.xw,
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
    kx: number,
    xsi: number,
    xal: number,
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
  // The x table per destination pixel: kx entries each, the most one pixel has (xt lists each pixel's entries
  // together, in order), padded with weight 0.
  let kx = 1;
  for (let k = 1, run = 1; k < xt.n; k++) {
    run = xt.di[k] === xt.di[k - 1] ? run + 1 : 1;
    if (run > kx) kx = run;
  }
  const at = allocate(exports, {
    xsi: 4 * dw * kx,
    xal: 4 * dw * kx,
    ysi: 4 * yt.n,
    ydi: 4 * yt.n,
    yal: 4 * yt.n,
    buf: 4 * rowLen + 16,
    sum: 4 * rowLen,
    src: src.length + 16,
    dst: out.length,
  });
  const { i32, u8, f32 } = heapViews(exports);
  const tSi = at.xsi >> 2;
  const tAl = at.xal >> 2;
  // Every slot reads pixel 0 with weight 0 until one of the pixel's entries fills it.
  i32.fill(0, tSi, tSi + dw * kx);
  f32.fill(0, tAl, tAl + dw * kx);
  for (let k = 0, j = 0; k < xt.n; k++) {
    j = k > 0 && xt.di[k] === xt.di[k - 1] ? j + 1 : 0;
    i32[tSi + xt.di[k] * kx + j] = xt.si[k];
    f32[tAl + xt.di[k] * kx + j] = xt.alpha[k];
  }
  i32.set(yt.si.subarray(0, yt.n), at.ysi >> 2);
  i32.set(yt.di.subarray(0, yt.n), at.ydi >> 2);
  f32.set(yt.alpha.subarray(0, yt.n), at.yal >> 2);
  copySpan(u8, at.src, src, 0, src.length);
  exports.area_u8(at.src, at.dst, sw, cn, dw, kx, at.xsi, at.xal, at.ysi, at.ydi, at.yal, yt.n, at.buf, at.sum);
  copySpan(out, 0, u8, at.dst, out.length);
  return true;
}
