// Copies between typed arrays that stay fast when one side lives in a SharedArrayBuffer (worker threads read their
// batches from one). V8 copies to or from shared memory with a race-safe loop that moves whole 8-byte words only
// when the two addresses agree modulo 8; otherwise it moves one byte at a time, about 3–10× slower than a plain
// copy. The helpers here keep such copies on the word path.
import type { PixelArray } from '../core/image.ts';

const Shared = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;

/** Whether `a` is a view on a SharedArrayBuffer. */
export function isShared(a: ArrayBufferView): boolean {
  return Shared !== undefined && a.buffer instanceof Shared;
}

/** Bytes staged at a time: a misaligned shared copy goes through a plain buffer in pieces of this size. */
const STAGE_BYTES = 256 << 10;
let staging = new Uint8Array(0);

/**
 * `d[to … to + len) = s[from … from + len)` (elements; `d` and `s` of the same element size). A copy between a
 * SharedArrayBuffer and other memory whose two ends are not 8-byte aligned alike goes through a plain buffer placed
 * at the source's alignment, in pieces of at most 256 KB: two word-wise copies instead of a byte-wise one.
 */
export function copySpan(d: PixelArray, to: number, s: PixelArray, from: number, len: number): void {
  const bpe = s.BYTES_PER_ELEMENT;
  const sAt = s.byteOffset + from * bpe;
  const dAt = d.byteOffset + to * bpe;
  const bytes = len * bpe;
  if (((sAt - dAt) & 7) === 0 || bytes < 256 || !(isShared(s) || isShared(d))) {
    d.set(s.subarray(from, from + len), to);
    return;
  }
  const piece = Math.min(bytes, STAGE_BYTES);
  if (staging.length < piece + 8) staging = new Uint8Array(piece + 8);
  const k = (sAt - staging.byteOffset) & 7;
  for (let done = 0; done < bytes; done += piece) {
    const m = Math.min(piece, bytes - done);
    staging.set(new Uint8Array(s.buffer, sAt + done, m), k);
    new Uint8Array(d.buffer, dAt + done, m).set(staging.subarray(k, k + m));
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
