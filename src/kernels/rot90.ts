import type { Image } from '../core/image.ts';

/**
 * Turns `src` by `k` quarter turns clockwise into `out` (imgaug's Rot90: `np.rot90(image, -k)`), an index map:
 * for odd `k` `out` is W × H. `k` is taken modulo 4 (negative turns go anticlockwise); `out` must not be `src`.
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
  // Clockwise (k = 1): output pixel (x', y') reads input (y', H − 1 − x'); anticlockwise (k = 3): (W − 1 − y', x').
  // The loops walk the input row by row and write down an output column.
  const ow = h;
  for (let y = 0; y < h; y++) {
    let i = y * w * cn;
    const x2 = turns === 1 ? h - 1 - y : y;
    for (let x = 0; x < w; x++, i += cn) {
      const y2 = turns === 1 ? x : w - 1 - x;
      const o = (y2 * ow + x2) * cn;
      for (let c = 0; c < cn; c++) d[o + c] = s[i + c];
    }
  }
}
