import type { Image } from '../../core/image.ts';
import { MAX_SIGMA } from '../../core/limits.ts';
import {
  convolveBatchU8,
  convolveSeparableF32,
  convolveSeparableU8,
  gaussianKernelF32,
  gaussianKernelU8,
} from '../../kernels/convolve.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';

/** The drawn sigma of one image. */
export interface GaussianBlurParams {
  readonly sigma: number;
}

/** imgaug leaves the image unchanged for sigma ≤ 0.001 (its `eps`). */
const MIN_SIGMA = 0.001;

/**
 * Blurs each image with a Gaussian kernel whose sigma is drawn once per image.
 *
 * Larger sigmas blur more: sigma 1 mixes a pixel with its neighbours about two pixels away, sigma 3 about six;
 * sigma ≤ 0.001 returns an unchanged copy. The kernel size follows imgaug 0.4.0 (`int(max(f · sigma, 5))`, made
 * odd, with f = 3.3, 2.9 or 2.6 below sigma 3, below 5 and above), and borders are mirrored without repeating the
 * edge pixel (OpenCV's BORDER_REFLECT_101, imgaug's "reflect"). uint8 images are blurred with OpenCV's fixed-point
 * kernel and integer arithmetic, so the bytes equal `cv2.GaussianBlur`'s, and therefore imgaug's, exactly (sigma 1
 * uses the kernel [14, 62, 104, 62, 14] / 256). float32 images use the float kernel with the same border and are
 * not clipped; they agree with OpenCV to within float32 rounding. Any channel count works; channels are blurred
 * independently.
 *
 * @param sigma The standard deviation in pixels: a number in [0, 100] (augkit's limit: a kernel of at most 261
 *   taps), a `[min, max]` range sampled per image, or an `iap` parameter (an unbounded one, such as a normal, is
 *   clipped to [0, 100]). Default `[0, 3]`.
 * @example iaa.GaussianBlur(1)           // a light blur on every image
 * @example iaa.GaussianBlur([0, 3])      // from none to strong, drawn per image
 * @example iaa.GaussianBlur({ sigma: iaa.iap.choice([0, 2]) }) // either sharp or blurred
 */
export const GaussianBlur = defineAugmenter({
  type: 'GaussianBlur',
  kind: 'pixel',
  primary: 'sigma',
  options: {
    sigma: numberOption(
      [0, 3],
      { min: 0, max: MAX_SIGMA },
      'The standard deviation of the Gaussian kernel, in pixels.',
    ),
  },
  examples: [{ sigma: [0, 2] }],
  drawParams: ({ sigma }, random): GaussianBlurParams => ({ sigma: sigma.draw(random.stream('sigma')) }),
  apply: (image, { sigma }, out) => blurImage(image, sigma, out),
  applyBatch: (batch, params, out, size) => blurBatch(batch, params, out, size),
  // Two passes (rows, then columns) over each image.
  batchInPieces: () => true,
});

/** A uniform batch: each run of consecutive uint8 images with one sigma is blurred in one kernel call. */
function blurBatch(batch: Image, params: readonly GaussianBlurParams[], out: Image, size: number): void {
  const n = params.length;
  const shape = { height: batch.height / n, width: batch.width, channels: batch.channels };
  let start = 0;
  while (start < n) {
    const sigma = params[start].sigma;
    let end = start + 1;
    while (end < n && params[end].sigma === sigma) end++;
    if (batch.data instanceof Uint8Array && sigma > MIN_SIGMA) {
      const k = cachedKernelU8(sigma);
      convolveBatchU8(batch.data, shape, start, end - start, k, k, out.data as Uint8Array);
    } else {
      for (let i = start; i < end; i++) {
        const from = i * size;
        const to = from + size;
        blurImage({ ...shape, data: batch.data.subarray(from, to) }, sigma, {
          ...shape,
          data: out.data.subarray(from, to),
        });
      }
    }
    start = end;
  }
}

function blurImage(image: Image, sigma: number, out: Image): void {
  if (!(sigma > MIN_SIGMA)) {
    out.data.set(image.data);
    return;
  }
  if (image.data instanceof Uint8Array) {
    const k = cachedKernelU8(sigma);
    convolveSeparableU8(image.data, image, k, k, out.data as Uint8Array);
  } else {
    const k = gaussianKernelF32(sigma);
    convolveSeparableF32(image.data, image, k, k, out.data as Float32Array);
  }
}

// Constant sigmas (the common case) build their kernel once, not once per image.
const kernelCache = new Map<number, Int32Array>();

function cachedKernelU8(sigma: number): Int32Array {
  let k = kernelCache.get(sigma);
  if (!k) {
    k = gaussianKernelU8(sigma);
    if (kernelCache.size >= 64) kernelCache.clear();
    kernelCache.set(sigma, k);
  }
  return k;
}
