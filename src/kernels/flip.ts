import type { Image } from '../core/image.ts';
import { defineKernel } from './table.ts';
import { flipGrayU8Wasm, flipRgbU8Wasm } from './wasm/flip.ts';

// The RGB word kernel reads pixel bytes from word bits, which assumes little-endian words (the gray and RGBA ones
// only move whole words or reverse all four bytes, which works either way).
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reverses the columns of `src` into `out` (a left-right mirror). `out` has the same shape and type and must not
 * be `src`. Rows are independent, so a uniform batch seen as one tall image is flipped image by image.
 */
export const flipHorizontal = defineKernel({
  name: 'flipHorizontal',
  reference: flipColumns,
  // WebAssembly SIMD for gray and RGB uint8 (five RGB pixels per shuffle), past a few rows' worth of pixels.
  wasm: (src: Image, out: Image) =>
    src.channels === 1
      ? flipGrayU8Wasm(src.data as Uint8Array, out.data as Uint8Array, src.height, src.width)
      : flipRgbU8Wasm(src.data as Uint8Array, out.data as Uint8Array, src.height, src.width),
  when: (src, out) =>
    (src.channels === 1 || src.channels === 3) &&
    src.data instanceof Uint8Array &&
    out.data instanceof Uint8Array &&
    src.height * src.width >= 256,
  condition: 'uint8, 1 or 3 channels, at least 256 pixels',
});

function flipColumns(src: Image, out: Image): void {
  const { width: w, height: h, channels: c } = src;
  const s = src.data;
  const d = out.data;
  if (s instanceof Uint8Array && d instanceof Uint8Array && ((s.byteOffset | d.byteOffset) & 3) === 0) {
    // Whole int32 words: four gray pixels, one RGBA pixel, or four RGB pixels in three words at a time.
    const words = (h * w * c) >> 2;
    if ((c === 1 && (w & 3) === 0) || c === 4 || (c === 3 && (w & 3) === 0 && LITTLE_ENDIAN)) {
      const from = new Int32Array(s.buffer, s.byteOffset, words);
      const to = new Int32Array(d.buffer, d.byteOffset, words);
      if (c === 1) flipWordsGray(from, to, h, w >> 2);
      else if (c === 4) flipWordsRgba(from, to, h, w);
      else flipWordsRgb(from, to, h, w >> 2);
      return;
    }
  }
  if (c === 1) {
    for (let y = 0; y < h; y++) {
      const row = y * w;
      const last = row + w - 1;
      for (let x = 0; x < w; x++) d[row + x] = s[last - x];
    }
    return;
  }
  const rowLen = w * c;
  if (c === 3) {
    for (let y = 0; y < h; y++) {
      const row = y * rowLen;
      for (let to = row, from = row + rowLen - 3; from >= row; to += 3, from -= 3) {
        d[to] = s[from];
        d[to + 1] = s[from + 1];
        d[to + 2] = s[from + 2];
      }
    }
    return;
  }
  for (let y = 0; y < h; y++) {
    const row = y * rowLen;
    for (let x = 0; x < w; x++) {
      const to = row + x * c;
      const from = row + (w - 1 - x) * c;
      for (let k = 0; k < c; k++) d[to + k] = s[from + k];
    }
  }
}

/** Gray rows of `q` words: the words in reverse order, each with its four bytes swapped. */
function flipWordsGray(s: Int32Array, d: Int32Array, h: number, q: number): void {
  for (let y = 0, row = 0; y < h; y++, row += q) {
    // From both ends at once: half the iterations, each with two independent swaps.
    let a = row;
    let b = row + q - 1;
    // Each word's bytes reversed in two steps (neighbouring bytes, then halves), written out here: V8 did not
    // always inline a helper function into this loop.
    for (; a < b; a++, b--) {
      const x = s[a];
      const z = s[b];
      const zp = ((z >>> 8) & 0xff00ff) | ((z & 0xff00ff) << 8);
      const xp = ((x >>> 8) & 0xff00ff) | ((x & 0xff00ff) << 8);
      d[a] = (zp >>> 16) | (zp << 16);
      d[b] = (xp >>> 16) | (xp << 16);
    }
    if (a === b) {
      const x = s[a];
      const xp = ((x >>> 8) & 0xff00ff) | ((x & 0xff00ff) << 8);
      d[a] = (xp >>> 16) | (xp << 16);
    }
  }
}

/** RGBA rows of `w` words (one pixel each): the words in reverse order. */
function flipWordsRgba(s: Int32Array, d: Int32Array, h: number, w: number): void {
  for (let y = 0, row = 0; y < h; y++, row += w) {
    let a = row;
    let b = row + w - 1;
    for (; a < b; a++, b--) {
      d[a] = s[b];
      d[b] = s[a];
    }
    if (a === b) d[a] = s[a];
  }
}

/**
 * RGB rows of `g` groups of four pixels in three words: input bytes a0 a1 a2 b0 | b1 b2 c0 c1 | c2 d0 d1 d2 become
 * d0 d1 d2 c0 | c1 c2 b0 b1 | b2 a0 a1 a2 at the mirrored group (little-endian words, byte 0 lowest).
 */
function flipWordsRgb(s: Int32Array, d: Int32Array, h: number, g: number): void {
  const rowWords = 3 * g;
  for (let y = 0, row = 0; y < h; y++, row += rowWords) {
    for (let j = row, i = row + rowWords - 3; i >= row; j += 3, i -= 3) {
      const w0 = s[i];
      const w1 = s[i + 1];
      const w2 = s[i + 2];
      d[j] = (w2 >>> 8) | ((w1 << 8) & 0xff000000);
      d[j + 1] = (w1 >>> 24) | ((w2 & 0xff) << 8) | ((w0 >>> 24) << 16) | (w1 << 24);
      d[j + 2] = ((w1 >>> 8) & 0xff) | (w0 << 8);
    }
  }
}

/** Reverses the rows of `src` into `out` (an up-down mirror). `out` has the same shape and type, not `src`. */
export function flipVertical(src: Image, out: Image): void {
  const rowLen = src.width * src.channels;
  const h = src.height;
  for (let y = 0; y < h; y++) {
    const from = (h - 1 - y) * rowLen;
    out.data.set(src.data.subarray(from, from + rowLen), y * rowLen);
  }
}
