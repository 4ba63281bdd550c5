// Copies between typed arrays that stay fast when one side lives in a SharedArrayBuffer (worker threads read their
// batches from one). V8 copies to or from shared memory with a race-safe loop that moves whole 8-byte words only
// when the two addresses agree modulo 8; otherwise it moves one byte at a time, several times slower than a plain
// copy (bench/README.md, "Measurements behind the kernels"). The helpers here keep such copies on the word path.
import type { PixelArray } from '../core/image.ts';

const Shared = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;

/** Whether `a` is a view on a SharedArrayBuffer. */
export function isShared(a: ArrayBufferView): boolean {
  return Shared !== undefined && a.buffer instanceof Shared;
}

/**
 * A copy between two byte ranges of shared memory by other means (the kernel heap's SIMD copy, registered by
 * kernels/wasm/shared-heap.ts): returns false, having done nothing, where it does not apply.
 */
export type HeapCopy = (d: PixelArray, dAt: number, s: PixelArray, sAt: number, bytes: number) => boolean;

let heapCopy: HeapCopy | undefined;

/** Registers the kernel heap's copy, which {@link copySpan} tries first when both sides are shared. */
export function setHeapCopy(copy: HeapCopy | undefined): void {
  heapCopy = copy;
}

/** Bytes staged at a time: a misaligned shared copy goes through a plain buffer in pieces of this size. */
const STAGE_BYTES = 256 << 10;
let staging = new Uint8Array(0);

/**
 * Where copySpan stages a piece of `piece` bytes from byte address `sAt` to `dAt` (modulo 8 is what matters; the
 * staging buffer's own address is a multiple of 8): place A at `a` takes the source at its alignment, place B at `b`
 * gives the destination at its alignment, after A without overlap; `size` is the room both need.
 */
export function stagingPlaces(sAt: number, dAt: number, piece: number): { a: number; b: number; size: number } {
  const a = sAt & 7;
  const base = (a + piece + 7) & ~7;
  const b = base + (dAt & 7);
  return { a, b, size: b + piece };
}

/**
 * `d[to … to + len) = s[from … from + len)` (elements; `d` and `s` of the same element size). A copy between a
 * SharedArrayBuffer and other memory whose two ends are not 8-byte aligned alike goes through plain memory, in pieces
 * of at most 256 KB, so that every copy that touches shared memory is aligned: staged at the shared side's alignment
 * when one side is shared (two copies), and through two staging places, one at each side's alignment, when both are
 * (three copies; the middle one, plain to plain, is fast at any alignment). Within the kernel heap (both sides in
 * it, not overlapping) the heap's SIMD copy moves them at any alignment.
 */
export function copySpan(d: PixelArray, to: number, s: PixelArray, from: number, len: number): void {
  const bpe = s.BYTES_PER_ELEMENT;
  const sAt = s.byteOffset + from * bpe;
  const dAt = d.byteOffset + to * bpe;
  const bytes = len * bpe;
  const sShared = isShared(s);
  const dShared = isShared(d);
  if (sShared && dShared && bytes >= 64 && heapCopy?.(d, dAt, s, sAt, bytes)) return;
  if (((sAt - dAt) & 7) === 0 || bytes < 256 || !(sShared || dShared)) {
    d.set(s.subarray(from, from + len), to);
    return;
  }
  const piece = Math.min(bytes, STAGE_BYTES);
  const { a, b, size } = stagingPlaces(sAt, dAt, piece);
  if (staging.length < size) staging = new Uint8Array(size);
  for (let done = 0; done < bytes; done += piece) {
    const m = Math.min(piece, bytes - done);
    // In at the source's place when it is shared, out at the destination's when it is; a move between the two
    // (plain to plain) only when both are.
    const inAt = sShared ? a : b;
    const outAt = dShared ? b : inAt;
    staging.set(new Uint8Array(s.buffer, sAt + done, m), inAt);
    if (outAt !== inAt) staging.copyWithin(outAt, inAt, inAt + m);
    new Uint8Array(d.buffer, dAt + done, m).set(staging.subarray(outAt, outAt + m));
  }
}

/**
 * Where to put a copy of `a`'s elements from `from` on in a buffer with room at `at` (a byte offset into a plain
 * buffer, such as a WebAssembly module's memory) so that {@link copySpan} copies it word by word: the first byte at
 * or after `at` with the same address modulo 8, when `a` is shared; `at` itself otherwise. The caller leaves 7
 * bytes of room for the shift.
 */
export function alignedLike(at: number, a: ArrayBufferView, from = 0): number {
  if (!isShared(a)) return at;
  const bpe = (a as PixelArray).BYTES_PER_ELEMENT ?? 1;
  return at + ((a.byteOffset + from * bpe - at) & 7);
}

/**
 * {@link alignedLike} for one place that takes `src`'s elements from `from` and then gives `out`'s from `to` (a
 * kernel working in place): the shared side's alignment, `src`'s when both are shared.
 */
export function alignedLikeEither(at: number, src: ArrayBufferView, from: number, out: ArrayBufferView, to: number) {
  return isShared(src) ? alignedLike(at, src, from) : alignedLike(at, out, to);
}
