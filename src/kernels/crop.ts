import type { Image } from '../core/image.ts';

/**
 * Copies the part of `src` that starts `top` rows down and `left` columns in, of `out`'s height and width, into
 * `out` (same channels and dtype): one copy per row. `out` must not be `src`.
 * @example cropImage(image, 1, 2, { data: new Uint8Array(3 * 4), height: 3, width: 4, channels: 1 })
 */
export function cropImage(src: Image, top: number, left: number, out: Image): void {
  const { width: w, channels: cn } = src;
  const rowLen = out.width * cn;
  const s = src.data;
  const d = out.data;
  if (rowLen === w * cn) {
    d.set(s.subarray(top * rowLen, (top + out.height) * rowLen));
    return;
  }
  for (let y = 0; y < out.height; y++) {
    const from = ((top + y) * w + left) * cn;
    d.set(s.subarray(from, from + rowLen), y * rowLen);
  }
}
