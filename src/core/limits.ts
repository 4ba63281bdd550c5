// augkit's documented limits (README, Concepts): what no option may exceed, so that no input takes minutes or
// gigabytes or reaches a typed-array RangeError inside a kernel. One place for each number.

/**
 * The most pixels (height × width) an augmenter may produce for one image: 8192 × 8192, 64 MiB per uint8 channel.
 * Resize, Affine's and PerspectiveTransform's `fitOutput` and PerspectiveTransform's `keepSize: false` refuse a
 * larger output before allocating it.
 */
export const MAX_OUTPUT_PIXELS = 8192 * 8192;

/** The largest finite float32 value: float32 results that would overflow saturate here instead of reaching ±Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The most pixels of one side of an output image (Resize's `{ height, width }`). */
export const MAX_OUTPUT_SIDE = 65535;

/**
 * The largest Gaussian sigma (GaussianBlur's and ElasticTransformation's `sigma`): a kernel of at most 261 taps
 * (imgaug's size rule, 2.6 · sigma made odd), so a blur costs at most 261 multiply-adds per value and pass.
 */
export const MAX_SIGMA = 100;

/**
 * Throws the template error, naming `owner` and `option`, when an output of `height` × `width` exceeds
 * {@link MAX_OUTPUT_PIXELS} (or is not a finite size): called where an augmenter draws its output shape, before
 * anything is allocated.
 */
export function checkOutputSize(owner: string, option: string, height: number, width: number): void {
  if (Number.isFinite(height) && Number.isFinite(width) && height * width <= MAX_OUTPUT_PIXELS) return;
  const detail = `gives a ${height} × ${width} output, over augkit's limit of ${MAX_OUTPUT_PIXELS} pixels (8192 × 8192) per image`;
  // The shape of `argumentError`'s errors, so that a JSON pipeline reports the option's path.
  throw Object.assign(new RangeError(`${owner}: ${option} ${detail}`), { owner, option, detail });
}
