// What the convolution augmenters (Convolve, Sharpen, Emboss, EdgeDetect, DirectedEdgeDetect, MotionBlur) share:
// imgaug's float32 blend of an effect matrix with the identity, numpy's float32 sum, and the filter2D call.
import type { Image } from '../../core/image.ts';
import { type Filter2DKernel, filter2D } from '../../kernels/filter2d.ts';

const f32 = Math.fround;

/**
 * imgaug's `(1 - alpha) · identity + alpha · effect` for a 3 × 3 effect (row-major), in its types: alpha is a
 * float32 sample, `1 - alpha` a double cast to float32 for the product, every product and the sum float32.
 */
export function blendWithIdentity(alpha: number, effect: ArrayLike<number>): Filter2DKernel {
  const a = f32(alpha);
  const keep = f32(1 - a);
  const data = new Float32Array(9);
  for (let i = 0; i < 9; i++) data[i] = f32((i === 4 ? keep : 0) + f32(a * f32(effect[i])));
  return { height: 3, width: 3, data };
}

/**
 * numpy's `np.sum` of a float32 array: pairwise summation in float32 (eight partial sums for up to 128 values,
 * halves above), the order that decides its last bit.
 */
export function pairwiseSumF32(values: ArrayLike<number>, from = 0, n = values.length): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = f32(s + values[from + i]);
    return s;
  }
  if (n <= 128) {
    const r = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < 8; j++) r[j] = values[from + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f32(r[j] + values[from + i + j]);
    let s = f32(f32(f32(r[0] + r[1]) + f32(r[2] + r[3])) + f32(f32(r[4] + r[5]) + f32(r[6] + r[7])));
    for (; i < n; i++) s = f32(s + values[from + i]);
    return s;
  }
  let half = n >> 1;
  half -= half % 8;
  return f32(pairwiseSumF32(values, from, half) + pairwiseSumF32(values, from + half, n - half));
}

/** Filters `image` into `out` with one kernel for every channel, or one per channel (`cv2.filter2D`'s arithmetic). */
export function filterImage(image: Image, kernels: readonly Filter2DKernel[], out: Image): void {
  filter2D(image.data, image, kernels, out.data);
}
