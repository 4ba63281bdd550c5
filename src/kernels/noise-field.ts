// The steps imgaug's noise parameters share after making a small noise image: enlarging it to the image's size,
// combining several (IterativeNoiseAggregator) and the sigmoid (iap.Sigmoid).
import { type ResizeInterpolation, resizeImage } from './resize.ts';
import { Scratch } from './scratch.ts';

const f32 = Math.fround;
// The small and the enlarged uint8 noise of one call (slots 0 and 1), reused across calls.
const scratch = new Scratch();

/**
 * Enlarges a small noise image (`small`, sh × sw values in [0, 1]) to h × w into `out`, as imgaug does: the same size
 * is copied (as float32); otherwise the values become uint8 by `(v · 255)` truncated (the product in float32 for a
 * float32 image, in double for a float64 one, as numpy computes it), are resized with cv2.resize's bytes for
 * `interpolation` (resize.ts) and come back as float32(u / 255).
 */
export function upscaleNoise(
  small: Float32Array | Float64Array,
  sh: number,
  sw: number,
  out: Float32Array,
  h: number,
  w: number,
  interpolation: ResizeInterpolation,
): void {
  if (sh === h && sw === w) {
    for (let i = 0; i < h * w; i++) out[i] = small[i];
    return;
  }
  const single = small instanceof Float32Array;
  const bytes = scratch.u8(0, sh * sw);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.trunc(single ? f32(small[i] * 255) : small[i] * 255);
  const large = scratch.u8(1, h * w);
  resizeImage(
    { data: bytes, height: sh, width: sw, channels: 1 },
    { data: large, height: h, width: w, channels: 1 },
    interpolation,
  );
  for (let i = 0; i < large.length; i++) out[i] = f32(large[i] / 255);
}

/**
 * Folds noise image `next` into `acc` (same length) as IterativeNoiseAggregator does: elementwise 'min' or 'max', or
 * for 'avg' a float32 sum (divide by the count with {@link divideNoise} at the end).
 */
export function combineNoise(acc: Float32Array, next: Float32Array, method: 'min' | 'max' | 'avg'): void {
  const n = acc.length;
  if (method === 'avg') for (let i = 0; i < n; i++) acc[i] = f32(acc[i] + next[i]);
  else if (method === 'min') for (let i = 0; i < n; i++) acc[i] = Math.min(acc[i], next[i]);
  else for (let i = 0; i < n; i++) acc[i] = Math.max(acc[i], next[i]);
}

/** `values[i] / count` in float32 (the mean of an 'avg' aggregation). */
export function divideNoise(values: Float32Array, count: number): void {
  for (let i = 0; i < values.length; i++) values[i] = f32(values[i] / count);
}

/**
 * imgaug's iap.Sigmoid on float32 noise, in place: 1 / (1 + exp(−(v · mul + add − threshold))), each step rounded to
 * float32 as numpy computes on a float32 array with Python scalars.
 */
export function sigmoidNoise(values: Float32Array, mul: number, add: number, threshold: number): void {
  for (let i = 0; i < values.length; i++) {
    const x = f32(f32(f32(values[i] * mul) + add) - threshold);
    values[i] = f32(1 / f32(1 + f32(Math.exp(-x))));
  }
}
