/**
 * GaussianBlur's uint8 kernel in WebAssembly (wasm/blur.c): OpenCV's fixed-point separable blur, the same bytes as
 * convolve.ts's `convolveBatchU8`, which stays the reference and the fallback.
 */
import { alignedLike, copySpan } from '../copy.ts';
import { allocate, heapViews } from './arena.ts';
import { WASM } from './blur.wasm.ts';
import { type Exports, inPlaceOf, wasmFamily } from './simd.ts';

/** The blur family of WebAssembly kernels (scripts/build-wasm.sh), which this file's kernels are in. */
const family = wasmFamily('blur', WASM);

interface BlurExports extends Exports {
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
}

/** Images per call are capped so that the module's memory stays near this many bytes. */
const CHUNK_BYTES = 8 << 20;

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
  const exports = family.activeFor(src, out) as BlurExports | null;
  if (exports === null) return false;
  const imageSize = height * width * channels;
  const perChunk = Math.max(1, Math.min(count, Math.floor(CHUNK_BYTES / Math.max(1, 2 * imageSize))));
  // The kernel writes whole groups of 8 values, up to 7 bytes past the last image: 16 bytes of slack, and 8 more for
  // placing a chunk at a shared buffer's alignment (see copy.ts).
  const at = allocate(exports, {
    kx: 4 * kx.length,
    ky: 4 * ky.length,
    scratch: exports.blur_u8_scratch(width, channels, kx.length, ky.length),
    src: perChunk * imageSize + 24,
    out: perChunk * imageSize + 24,
  });
  const { u8, i32 } = heapViews(exports);
  i32.set(kx, at.kx >> 2);
  i32.set(ky, at.ky >> 2);
  let start = first;
  // In the kernel heap, all but the last image where they lie: the kernel's stores past an image's end land in the
  // next image's memory of `out`, which it writes afterwards; the last image goes through the module's memory.
  if (count > 1 && inPlaceOf(exports, src, out)) {
    const from = first * imageSize;
    exports.blur_u8(
      src.byteOffset + from,
      out.byteOffset + from,
      count - 1,
      height,
      width,
      channels,
      at.kx,
      kx.length,
      at.ky,
      ky.length,
      at.scratch,
    );
    start = first + count - 1;
  }
  for (let img = start; img < first + count; img += perChunk) {
    const m = Math.min(perChunk, first + count - img);
    const from = img * imageSize;
    const srcAt = alignedLike(at.src, src, from);
    const dstAt = alignedLike(at.out, out, from);
    copySpan(u8, srcAt, src, from, m * imageSize);
    exports.blur_u8(srcAt, dstAt, m, height, width, channels, at.kx, kx.length, at.ky, ky.length, at.scratch);
    copySpan(out, from, u8, dstAt, m * imageSize);
  }
  return true;
}
