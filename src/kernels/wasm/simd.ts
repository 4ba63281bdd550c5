/**
 * augkit's WebAssembly SIMD kernels (built from `wasm/*.c`), with the plumbing to run them on typed arrays: one
 * module instance per thread, its memory grown on demand, inputs copied in and outputs copied out.
 *
 * Every kernel here computes the same bytes as its TypeScript twin, which stays the reference and the fallback:
 * where WebAssembly SIMD is missing (old browsers) or the module cannot be compiled synchronously, the callers'
 * TypeScript path runs and only the speed differs.
 */
import { KERNELS_WASM } from './kernels.wasm.ts';

interface Exports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
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

/** `undefined`: not tried yet; `null`: unavailable here (the TypeScript kernels run). */
let instance: Exports | null | undefined;
let disabled = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function load(): Exports | null {
  if (instance !== undefined) return instance;
  try {
    // The module is under 4 KB, which browsers allow to compile synchronously on the main thread.
    const module = new WebAssembly.Module(decode(KERNELS_WASM));
    instance = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  } catch {
    instance = null;
  }
  return instance;
}

/**
 * Whether the WebAssembly SIMD kernels run in this thread (false where WebAssembly SIMD is unavailable, or after
 * `useWasmKernels(false)`).
 */
export function wasmKernelsAvailable(): boolean {
  return !disabled && load() !== null;
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

/** Bytes between the module's static data and the end of memory that a call may use, grown to at least `bytes`. */
function arena(exports: Exports, bytes: number): number {
  const base = ((exports.__heap_base.value as number) + 15) & ~15;
  const have = exports.memory.buffer.byteLength;
  const need = base + bytes;
  if (need > have) exports.memory.grow(Math.ceil((need - have) / 65536));
  return base;
}

const align16 = (n: number) => (n + 15) & ~15;

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
  if (disabled || kx.length > 64 || ky.length > 64) return false;
  const exports = load();
  if (exports === null) return false;
  const imageSize = height * width * channels;
  const perChunk = Math.max(1, Math.min(count, Math.floor(CHUNK_BYTES / Math.max(1, 2 * imageSize))));
  const kernelBytes = align16(4 * kx.length) + align16(4 * ky.length);
  const scratchBytes = align16(exports.blur_u8_scratch(width, channels, kx.length, ky.length));
  // The kernel writes whole groups of 8 values, up to 7 bytes past the last image: 16 bytes of slack.
  const ioBytes = align16(perChunk * imageSize) + 16;
  const base = arena(exports, kernelBytes + scratchBytes + 2 * ioBytes);
  const kxAt = base;
  const kyAt = kxAt + align16(4 * kx.length);
  const scratchAt = base + kernelBytes;
  const srcAt = scratchAt + scratchBytes;
  const dstAt = srcAt + ioBytes;
  // Views after the last grow: growing detaches earlier ones.
  const heap = exports.memory.buffer;
  new Int32Array(heap, kxAt, kx.length).set(kx);
  new Int32Array(heap, kyAt, ky.length).set(ky);
  const bytes = new Uint8Array(heap);
  for (let img = first; img < first + count; img += perChunk) {
    const m = Math.min(perChunk, first + count - img);
    const from = img * imageSize;
    bytes.set(src.subarray(from, from + m * imageSize), srcAt);
    exports.blur_u8(srcAt, dstAt, m, height, width, channels, kxAt, kx.length, kyAt, ky.length, scratchAt);
    out.set(bytes.subarray(dstAt, dstAt + m * imageSize), from);
  }
  return true;
}
