import type { Image } from '../core/image.ts';
import { defineKernel } from './table.ts';
import { rotate90U8Wasm } from './wasm/rot90.ts';

/**
 * Turns `src` by `k` quarter turns clockwise into `out` (imgaug's Rot90: `np.rot90(image, -k)`), an index map:
 * for odd `k` `out` is W × H. `k` is taken modulo 4 (negative turns go anticlockwise); `out` must not be `src`.
 * uint8 odd turns run in WebAssembly where available (wasm/rot90.c, the same bytes as the TypeScript loops).
 * @example rotate90(image, 1, { data: new Uint8Array(image.data.length), height: image.width, width: image.height, channels: image.channels })
 */
export function rotate90(src: Image, k: number, out: Image): void {
  const { height: h, width: w, channels: cn } = src;
  const s = src.data;
  const d = out.data;
  const turns = ((k % 4) + 4) % 4;
  if (turns === 0) {
    d.set(s);
    return;
  }
  if (turns === 2) {
    // Both axes reversed: the pixels in reverse order, channels kept.
    const n = h * w;
    for (let p = 0; p < n; p++) {
      const i = p * cn;
      const o = (n - 1 - p) * cn;
      for (let c = 0; c < cn; c++) d[o + c] = s[i + c];
    }
    return;
  }
  turnOdd(src, turns === 1 ? 1 : 3, out);
}

/** An odd quarter turn (k = 1 clockwise, 3 anticlockwise); uint8 images run in WebAssembly where available. */
const turnOdd = defineKernel({
  name: 'rotate90',
  reference: turnOddLoop,
  wasm: (src: Image, k: 1 | 3, out: Image) =>
    rotate90U8Wasm(src.data as Uint8Array, out.data as Uint8Array, src.height, src.width, src.channels, k),
  when: (src) => src.data instanceof Uint8Array,
  condition: 'uint8',
});

function turnOddLoop(src: Image, turns: 1 | 3, out: Image): void {
  const { height: h, width: w, channels: cn } = src;
  const s = src.data;
  const d = out.data;
  // Clockwise (k = 1): output pixel (x', y') reads input (y', H − 1 − x'); anticlockwise (k = 3): (W − 1 − y', x').
  // Input pixel (x, y) goes to output index ((y' · H) + x') with y' = x (or W − 1 − x) and x' = H − 1 − y (or y).
  // Tiles of 32 × 32 pixels keep the strided writes of one tile in the cache.
  const ow = h;
  const down = turns === 1;
  const rowStep = (down ? ow : -ow) * cn;
  for (let ty = 0; ty < h; ty += TILE) {
    const yEnd = Math.min(ty + TILE, h);
    for (let tx = 0; tx < w; tx += TILE) {
      const xEnd = Math.min(tx + TILE, w);
      for (let y = ty; y < yEnd; y++) {
        let i = (y * w + tx) * cn;
        const x2 = down ? h - 1 - y : y;
        let o = ((down ? tx : w - 1 - tx) * ow + x2) * cn;
        if (cn === 3) {
          for (let x = tx; x < xEnd; x++, i += 3, o += rowStep) {
            d[o] = s[i];
            d[o + 1] = s[i + 1];
            d[o + 2] = s[i + 2];
          }
        } else if (cn === 1) {
          for (let x = tx; x < xEnd; x++, i++, o += rowStep) d[o] = s[i];
        } else {
          for (let x = tx; x < xEnd; x++, i += cn, o += rowStep) for (let c = 0; c < cn; c++) d[o + c] = s[i + c];
        }
      }
    }
  }
}

const TILE = 32;
