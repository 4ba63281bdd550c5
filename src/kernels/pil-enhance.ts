// Pillow's ImageEnhance: each enhancer blends the image with a "degenerate" version of it (gray, a flat mean, black,
// smoothed) by `Image.blend(degenerate, image, factor)`, whose C loop (Blend.c) is reproduced here in float32.

/**
 * Fills `table` (511 entries) with Blend.c's float32 term for each difference d = value − degenerate in
 * [−255, 255], at index d + 255: fround(fround(factor) · d). The factor is a C float (Pillow parses it with "f").
 */
export function pilBlendTable(factor: number, table: Float32Array): Float32Array {
  const alpha = Math.fround(factor);
  for (let d = -255; d <= 255; d++) table[d + 255] = alpha * d;
  return table;
}

/**
 * One value of `Image.blend(degenerate, image, factor)` from the degenerate value `a`, the image's value `b` and
 * {@link pilBlendTable}'s table: fround(a + term), clipped to [0, 255] and truncated (Blend.c casts to UINT8).
 */
export function pilBlendValue(a: number, b: number, table: Float32Array): number {
  const t = Math.fround(a + table[b - a + 255]);
  return t <= 0 ? 0 : t >= 255 ? 255 : t | 0;
}

/** Blends every value of `image` with the same value of `degenerate` into `out` (which may be either input). */
export function pilBlendU8(degenerate: Uint8Array, image: Uint8Array, table: Float32Array, out: Uint8Array): void {
  for (let i = 0; i < image.length; i++) out[i] = pilBlendValue(degenerate[i], image[i], table);
}

/** Pillow's "L" value of an RGB pixel (Convert.c's rgb2l, ITU-R 601-2 in 16-bit fixed point). */
export function pilLuma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/**
 * `ImageEnhance.Color`: blends each RGB pixel of `src` (3 or 4 channels; a fourth, alpha, is kept) with its gray
 * value ({@link pilLuma}) into `out`, which may be `src`.
 */
export function pilColorU8(src: Uint8Array, channels: number, table: Float32Array, out: Uint8Array): void {
  for (let i = 0; i + channels - 1 < src.length; i += channels) {
    const r = src[i];
    const g = src[i + 1];
    const b = src[i + 2];
    const l = pilLuma(r, g, b);
    out[i] = pilBlendValue(l, r, table);
    out[i + 1] = pilBlendValue(l, g, table);
    out[i + 2] = pilBlendValue(l, b, table);
    if (channels === 4) out[i + 3] = src[i + 3];
  }
}

/**
 * `ImageStat.Stat(image.convert("L")).mean`, rounded as `ImageEnhance.Contrast` rounds it (int(mean + 0.5)): the mean
 * of the values of a 1-channel image, or of the RGB pixels' {@link pilLuma} values (alpha ignored).
 */
export function pilMeanLuma(src: Uint8Array, channels: number): number {
  let sum = 0;
  if (channels === 1) for (let i = 0; i < src.length; i++) sum += src[i];
  else for (let i = 0; i + channels - 1 < src.length; i += channels) sum += pilLuma(src[i], src[i + 1], src[i + 2]);
  const pixels = src.length / channels;
  return Math.floor(sum / pixels + 0.5);
}
