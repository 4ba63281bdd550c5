import { roundHalfEven } from '../core/round.ts';
/**
 * The Gaussian kernels `cv2.GaussianBlur` builds (getGaussianKernel): their size for a sigma, and their taps as
 * OpenCV's fixed-point uint8 path and its float path use them.
 */

/**
 * imgaug's Gaussian kernel size for `sigma`: `int(max(f·sigma, 5))` with f = 3.3 below sigma 3, 2.9 below sigma 5
 * and 2.6 from 5 on, made odd by adding 1. Sigma 0.5 and 1 give 5, sigma 3 gives 9 (2.9·3 = 8.7 → 8 → 9).
 * @example gaussianKernelSize(3) // 9
 */
export function gaussianKernelSize(sigma: number): number {
  const f = sigma < 3 ? 3.3 : sigma < 5 ? 2.9 : 2.6;
  const k = Math.trunc(Math.max(f * sigma, 5));
  return k % 2 === 0 ? k + 1 : k;
}

/**
 * The normalised 1-D Gaussian `exp(-d²/(2σ²))` of `size` taps (odd), in double, computed in the order of OpenCV's
 * `getGaussianKernelBitExact` (x runs over 1−n, 3−n, … so that x² · (−0.125/σ²) = −d²/(2σ²); the centre is 1/sum).
 */
function gaussianWeights(sigma: number, size: number): Float64Array {
  const half = (size - 1) >> 1;
  const scale = -0.125 / (sigma * sigma);
  const values = new Float64Array(half);
  let sum = 0;
  for (let i = 0, x = 1 - size; i < half; i++, x += 2) {
    const t = Math.exp(x * x * scale);
    values[i] = t;
    sum += t;
  }
  sum = sum * 2 + 1;
  const mul = 1 / sum;
  const out = new Float64Array(size);
  for (let i = 0; i < half; i++) out[i] = out[size - 1 - i] = values[i] * mul;
  out[half] = mul;
  return out;
}

function checkKernelArgs(sigma: number, size: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianKernel: sigma must be > 0; got ${sigma}`);
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`gaussianKernel: size must be an odd positive integer; got ${size}`);
  }
}

/**
 * OpenCV's fixed-point Gaussian kernel for uint8 images, in 1/256 steps, summing to exactly 256.
 *
 * The double kernel is turned into integers with error diffusion (OpenCV's `getGaussianKernelFixedPoint_ED`):
 * from the outer taps inwards, each tap is rounded (half to even) with the carried error, and the centre takes
 * what is left. `size` defaults to imgaug's rule ({@link gaussianKernelSize}).
 *
 * @example gaussianKernelU8(1)   // Int32Array [14, 62, 104, 62, 14]
 * @example gaussianKernelU8(0.5) // Int32Array [0, 27, 202, 27, 0]
 */
export function gaussianKernelU8(sigma: number, size = gaussianKernelSize(sigma)): Int32Array {
  checkKernelArgs(sigma, size);
  const weights = gaussianWeights(sigma, size);
  const half = (size - 1) >> 1;
  const out = new Int32Array(size);
  let err = 0;
  let sum = 0;
  for (let i = 0; i < half; i++) {
    const adjusted = weights[i] * 256 + err;
    const v = roundHalfEven(adjusted);
    err = adjusted - v;
    out[i] = out[size - 1 - i] = v;
    sum += v;
  }
  out[half] = 256 - 2 * sum;
  return out;
}

/**
 * OpenCV's float Gaussian kernel (`getGaussianKernel(size, sigma, CV_32F)`): the double kernel rounded to float32.
 * `size` defaults to imgaug's rule ({@link gaussianKernelSize}).
 * @example gaussianKernelF32(1) // Float32Array of 5 taps summing to 1 (within float32 rounding)
 */
export function gaussianKernelF32(sigma: number, size = gaussianKernelSize(sigma)): Float32Array {
  checkKernelArgs(sigma, size);
  return Float32Array.from(gaussianWeights(sigma, size));
}
