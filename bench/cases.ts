// The benchmark cases: the case ids of ../shared/peers/opencv_bench.py that augkit implements, each built with the
// exact parameters `opencv_bench.py --list` prints. Shared by bench/run.ts and its worker threads (bench/worker.ts).
import * as iaa from '../src/index.ts';

/** A case id of opencv_bench.py, the augkit augmenter for it, and the OpenCV parameters it mirrors. */
export interface BenchCase {
  readonly id: string;
  readonly make: () => iaa.Augmenter;
  /** The workloads opencv_bench.py runs this case on (default both). */
  readonly workloads?: readonly string[];
  /** false for augkit's reference rows, which opencv_bench.py does not have. */
  readonly peer?: false;
}

/** Every case augkit implements, in opencv_bench.py's order. Each runs on both workloads (fmnist, rgb256). */
export const CASES: readonly BenchCase[] = [
  { id: 'affine_scale2', make: () => iaa.Affine({ scale: 2 }) },
  { id: 'affine_translate_px', make: () => iaa.Affine({ translatePx: { x: 10, y: 2 } }) },
  { id: 'affine_rotate30', make: () => iaa.Affine({ rotate: 30 }) },
  { id: 'affine_shear30', make: () => iaa.Affine({ shear: 30 }) },
  { id: 'affine_rotate_fit_output', make: () => iaa.Affine({ rotate: [-45, 45], fitOutput: true }) },
  { id: 'affine_rotate30_reflect', make: () => iaa.Affine({ rotate: 30, mode: 'reflect' }) },
  { id: 'affine_translate_x_rand', make: () => iaa.Affine({ translatePx: { x: [-10, 10] }, mode: 'constant' }) },
  { id: 'multiply', make: () => iaa.Multiply(0.5) },
  { id: 'linear_contrast', make: () => iaa.LinearContrast(0.5) },
  { id: 'gaussian_blur', make: () => iaa.GaussianBlur(1) },
  { id: 'dropout', make: () => iaa.Dropout(0.2) },
  { id: 'salt_and_pepper', make: () => iaa.SaltAndPepper(0.2) },
  {
    id: 'sequential_random_order',
    make: () => iaa.Sequential([iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })], { randomOrder: true }),
  },
  { id: 'fliplr', make: () => iaa.Fliplr(1) },
  {
    id: 'resize_128_linear',
    make: () => iaa.Resize({ height: 128, width: 128 }, { interpolation: 'linear' }),
    workloads: ['rgb256'],
  },
  { id: 'grayscale', make: () => iaa.Grayscale(1), workloads: ['rgb256'] },
  { id: 'additive_gaussian_noise', make: () => iaa.AdditiveGaussianNoise({ scale: 0.1 * 255 }) },
  // imgaug's steps: one warp onto the quadrilateral's own size, then a resize back (the OpenCV row warps once, straight
  // to W × H).
  { id: 'perspective', make: () => iaa.PerspectiveTransform([0.01, 0.1]) },
  // imgaug's recipe: noise padded by the kernel size (13 at sigma 5), a 13×13 blur, maps rounded to 1/32 pixel; the
  // OpenCV row blurs 17×17 without padding and remaps with float maps.
  { id: 'elastic', make: () => iaa.ElasticTransformation(50, { sigma: 5 }), workloads: ['rgb256'] },
  { id: 'average_blur_5', make: () => iaa.AverageBlur(5) },
  { id: 'median_blur_5', make: () => iaa.MedianBlur(5) },
  {
    id: 'bilateral_blur_d5',
    make: () => iaa.BilateralBlur(5, { sigmaColor: 75, sigmaSpace: 75 }),
    workloads: ['rgb256'],
  },
  { id: 'motion_blur_k7', make: () => iaa.MotionBlur(7) },
  { id: 'sharpen', make: () => iaa.Sharpen(1, { lightness: 1 }) },
  { id: 'emboss', make: () => iaa.Emboss(1, { strength: 1 }) },
  { id: 'sigmoid_contrast', make: () => iaa.SigmoidContrast(10, { cutoff: 0.5 }) },
  { id: 'invert', make: () => iaa.Invert(1) },
  { id: 'solarize_128', make: () => iaa.Solarize(1, { threshold: 128 }) },
  { id: 'clahe', make: () => iaa.CLAHE(2, { tileGridSizePx: 8 }) },
  { id: 'histogram_equalization', make: () => iaa.HistogramEqualization() },
  // imgaug's steps: RGB → HSV, one table per channel (hue + 14 mod 180, saturation + 20), HSV → RGB.
  { id: 'add_to_hue_and_saturation', make: () => iaa.AddToHueAndSaturation(20), workloads: ['rgb256'] },
  // imgaug's steps: RGB → HSV, hue 0–180 → 0–255 → 0–180 (a table), saturation × 1.5 rounded and clipped, HSV → RGB.
  { id: 'multiply_saturation_1.5', make: () => iaa.MultiplySaturation(1.5), workloads: ['rgb256'] },
  // imgaug's steps: each channel times its multiplier at 4000 K (255, 209, 163)/255, rounded (one table per channel).
  { id: 'change_color_temperature_4000', make: () => iaa.ChangeColorTemperature(4000), workloads: ['rgb256'] },
  // imgaug's steps: quality 31, a baseline JPEG (4:2:0 for RGB) saved and read back; the OpenCV row's imencode and
  // imdecode (libjpeg-turbo, SIMD) give the same bytes.
  { id: 'jpeg_compression_70', make: () => iaa.JpegCompression(70) },
  { id: 'crop_px_4', make: () => iaa.Crop({ px: 4, keepSize: false }) },
  { id: 'pad_px_4_constant', make: () => iaa.Pad({ px: 4, padMode: 'constant', padCval: 0, keepSize: false }) },
  { id: 'pad_px_4_reflect', make: () => iaa.Pad({ px: 4, padMode: 'reflect', keepSize: false }) },
  { id: 'crop_and_pad_keep_size', make: () => iaa.CropAndPad({ percent: [-0.1, 0.1] }) },
  { id: 'rot90_k1', make: () => iaa.Rot90(1) },
  { id: 'resize_0.5_area', make: () => iaa.Resize(0.5, { interpolation: 'area' }) },
  // augkit's row: a linear upscale, which opencv_bench.py does not have (bench/README gives OpenCV's figure).
  {
    id: 'resize_512_linear',
    make: () => iaa.Resize({ height: 512, width: 512 }, { interpolation: 'linear' }),
    workloads: ['rgb256'],
    peer: false,
  },
  // iaa.pillike rows (no OpenCV peer: Pillow's float32 filters and nearest transform); compare with the sharpen
  // (filter2D) and affine_rotate30 rows of the same run.
  { id: 'pillike_filter_smooth_more', make: () => iaa.pillike.FilterSmoothMore(), peer: false },
  { id: 'pillike_filter_detail', make: () => iaa.pillike.FilterDetail(), peer: false },
  { id: 'pillike_enhance_sharpness', make: () => iaa.pillike.EnhanceSharpness(1.5), peer: false },
  { id: 'pillike_affine_rotate30', make: () => iaa.pillike.Affine({ rotate: 30 }), peer: false },
  // A reference row, not an augmentation: each batch copied and nothing computed. What 2 workers gain on it is what
  // the bench's workers (shared memory, messages) leave of a second thread for a case that only streams pixels;
  // `npm run bench:scaling` gives the machine's own figure beside it.
  { id: 'copy', make: () => iaa.Identity(), peer: false },
];

/** The case ids among `ids` that run on `workload`. */
export function casesFor(ids: readonly string[], workload: string): string[] {
  return ids.filter((id) => {
    const c = CASES.find((k) => k.id === id);
    return c !== undefined && (c.workloads === undefined || c.workloads.includes(workload));
  });
}

/** The case ids among `ids` that opencv_bench.py also runs on `workload`. */
export function peerCasesFor(ids: readonly string[], workload: string): string[] {
  return casesFor(ids, workload).filter((id) => CASES.find((c) => c.id === id)?.peer !== false);
}

/** opencv_bench.py's cases that augkit has no augmenter for yet: listed in the output, not measured. */
export const MISSING: Readonly<Record<string, string>> = {};

/** The walkthrough's own experiment: 32 Fashion-MNIST images, a horizontal shift of −10…10 pixels. */
export function walkthroughAugmenter(): iaa.Augmenter {
  return iaa.Affine({ translatePx: { x: [-10, 10] } });
}

/** The seed every bench augmenter is made with (the same in the worker threads). */
export const BENCH_SEED = 1234;

/** The augmenter of case `id`, made under {@link BENCH_SEED}. */
export function makeCase(id: string): iaa.Augmenter {
  const found = CASES.find((c) => c.id === id);
  if (!found) throw new Error(`bench: unknown case ${id}; known: ${CASES.map((c) => c.id).join(', ')}`);
  iaa.seed(BENCH_SEED);
  return found.make();
}
