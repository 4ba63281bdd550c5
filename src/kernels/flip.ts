import type { Image } from '../core/image.ts';

/**
 * Reverses the columns of `src` into `out` (a left-right mirror). `out` has the same shape and type and must not
 * be `src`.
 */
export function flipHorizontal(src: Image, out: Image): void {
  const { width: w, height: h, channels: c } = src;
  const s = src.data;
  const d = out.data;
  const rowLen = w * c;
  if (c === 1) {
    for (let y = 0; y < h; y++) {
      const row = y * w;
      const last = row + w - 1;
      for (let x = 0; x < w; x++) d[row + x] = s[last - x];
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

/** Reverses the rows of `src` into `out` (an up-down mirror). `out` has the same shape and type, not `src`. */
export function flipVertical(src: Image, out: Image): void {
  const rowLen = src.width * src.channels;
  const h = src.height;
  for (let y = 0; y < h; y++) {
    const from = (h - 1 - y) * rowLen;
    out.data.set(src.data.subarray(from, from + rowLen), y * rowLen);
  }
}
