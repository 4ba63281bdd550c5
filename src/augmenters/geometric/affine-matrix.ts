import { argumentError } from '../../core/errors.ts';
import { invertAffineInto } from '../../kernels/warp-affine.ts';

/**
 * A 2×3 affine matrix `[a, b, c, d, e, f]`, row-major, mapping input pixel coordinates to output coordinates:
 * x' = a·x + b·y + c, y' = d·x + e·y + f (pixel centres at integers, y down). `warpAffine` takes it as is.
 */
export type AffineMatrix = readonly [number, number, number, number, number, number];

/** One image's affine parameters, in imgaug's units. */
export interface AffineParams {
  /** Horizontal and vertical scale factors; 1 keeps the size, 2 zooms in. */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Shift right and down in output pixels, or fractions of the width and height when `translateUnit` is 'percent'. */
  readonly translateX: number;
  readonly translateY: number;
  /** 'px' (default, imgaug's translate_px) or 'percent' (translate_percent). */
  readonly translateUnit?: 'px' | 'percent';
  /** Rotation in degrees; positive turns the image clockwise on screen. */
  readonly rotate: number;
  /** Shear in degrees along x (imgaug's scalar `shear`) and along y. */
  readonly shearX: number;
  readonly shearY: number;
}

/**
 * Which parameters imgaug 0.4.0 held as float32 samples. It stores every sampled parameter in a numpy array: Python
 * floats and float ranges become float32, Python ints int32. Rounding the same numbers to float32 here reproduces its
 * matrices bit for bit; the differences are about 1e-7 but move a few pixels by one and can change fitOutput sizes.
 */
export interface Float32Rules {
  /** Scale factors are float32 (Math.fround). Harmless for integer scales. */
  readonly scale: boolean;
  /**
   * rotate, shearX and shearY are all float32 samples, so numpy computes their radians in float32
   * (fround(fround(deg) · fround(π/180))) and `rotate + shearX` as a float32 sum. When any of them is an int,
   * imgaug's radians are double and this must be false.
   */
  readonly angles: boolean;
  /** translate_percent fractions are float32 (the pixel shift is then double(fround(p)) · size). */
  readonly percent: boolean;
}

/** imgaug 0.4.0 with its defaults and ranges (float parameters): every float32 rule applies. */
export const IMGAUG_FLOAT32_RULES: Float32Rules = { scale: true, angles: true, percent: true };

/** No float32 rounding: the matrix of the exact parameters (imgaug with Python ints for the angles, for example). */
export const DOUBLE_RULES: Float32Rules = { scale: false, angles: false, percent: false };

/** imgaug writes the quarter turn of its y-shear as 3.141592 / 2, not π/2. */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: imgaug's literal, kept for identical matrices.
const QUARTER_TURN = 3.141592 / 2;

type M3 = [number, number, number, number, number, number, number, number, number];

/** a · b for row-major 3×3 matrices, summing k = 0, 1, 2 in order as numpy's matmul does for 3×3. */
function mul(a: M3, b: M3): M3 {
  const c = new Array(9) as M3;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
    }
  }
  return c;
}

/** scikit-image 0.19's AffineTransform(scale, rotation, shear, translation) (radians). */
function skimageAffine(
  sx: number,
  sy: number,
  rotation: number,
  rotationPlusShear: number,
  tx: number,
  ty: number,
): M3 {
  return [
    sx * Math.cos(rotation),
    -sy * Math.sin(rotationPlusShear),
    tx,
    sx * Math.sin(rotation),
    sy * Math.cos(rotationPlusShear),
    ty,
    0,
    0,
    1,
  ];
}

/** scikit-image's SimilarityTransform(translation=(tx, ty)); its -sin(0) is -0. */
function translation(tx: number, ty: number): M3 {
  return [1, -0, tx, 0, 1, ty, 0, 0, 1];
}

// The y-shear part depends on the y-shear and the centre only, which a batch of one size with a constant y-shear
// (usually 0) shares: the last one is kept.
let lastShear = { shy: Number.NaN, cx: Number.NaN, cy: Number.NaN, m: [] as unknown as M3 };

/** R(+q) · Shear(shy) · R(−q) · T(−c), evaluated right to left as imgaug does. */
function yShearAboutCentre(shy: number, cx: number, cy: number): M3 {
  const last = lastShear;
  if (Object.is(last.shy, shy) && last.cx === cx && last.cy === cy) return last.m;
  let m = mul(skimageAffine(1, 1, -QUARTER_TURN, -QUARTER_TURN, 0, 0), translation(-cx, -cy));
  m = mul(skimageAffine(1, 1, 0, 0 + shy, 0, 0), m);
  m = mul(skimageAffine(1, 1, QUARTER_TURN, QUARTER_TURN, 0, 0), m);
  lastShear = { shy, cx, cy, m };
  return m;
}

function checkFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw argumentError('affineMatrix', name, 'a finite number', value, typeof value === 'number' ? 'range' : 'type');
  }
}

/**
 * Builds the matrix that imgaug 0.4.0's Affine warps an image of the given size with: scale, then rotate and
 * x-shear, then translate, all about the centre of the pixel grid, with the y-shear applied first.
 *
 * Exactly imgaug's construction (IMGAUG_CONVENTIONS.md): the centre is (W/2 − 0.5, H/2 − 0.5); the main part is
 * scikit-image's AffineTransform, whose "shear" turns the y axis (so it also shrinks y by cos(shear)); the y-shear is
 * an x-shear between two quarter turns of 3.141592/2; the products are evaluated right to left,
 * `T(+c) · Main · R(+q) · Shear(shearY) · R(−q) · T(−c)`, in double precision after the float32 rounding that
 * `rules` selects (default: imgaug's float parameters). A 'px' translation t becomes (t / W) · W in double, as in
 * imgaug. Units: degrees for angles, output pixels (or fractions) for translation.
 *
 * @example affineMatrix({ scaleX: 2, scaleY: 2, translateX: 0, translateY: 0, rotate: 0, shearX: 0, shearY: 0 },
 *   { height: 28, width: 28 }) // ≈ [2, 0, -13.5, 0, 2, -13.5]
 * @example affineMatrix({ scaleX: 1, scaleY: 1, translateX: 0.1, translateY: 0, translateUnit: 'percent',
 *   rotate: 30, shearX: 0, shearY: 0 }, { height: 64, width: 64 }) // 30° clockwise, 6.4 px right
 */
export function affineMatrix(
  params: AffineParams,
  shape: { readonly height: number; readonly width: number },
  rules: Float32Rules = IMGAUG_FLOAT32_RULES,
): AffineMatrix {
  const unit = params.translateUnit ?? 'px';
  if (unit !== 'px' && unit !== 'percent') {
    throw argumentError('affineMatrix', 'translateUnit', "'px' or 'percent'", unit);
  }
  const { scaleX, scaleY, translateX, translateY, rotate, shearX, shearY } = params;
  return affineMatrixOf(
    scaleX,
    scaleY,
    translateX,
    translateY,
    unit === 'percent',
    rotate,
    shearX,
    shearY,
    shape,
    rules,
  );
}

/**
 * {@link affineMatrix} with the parameters as arguments (what Affine's draws call per image): the same checks and
 * the same arithmetic, in the same order, without the intermediate 3×3 arrays. `percent`: translate is a fraction.
 * `image`: the image whose pixels a 'px' translation counts, when `shape` is a map of another size over it (imgaug
 * translates the map by (t / W) · w).
 */
export function affineMatrixOf(
  scaleX: number,
  scaleY: number,
  translateX: number,
  translateY: number,
  percent: boolean,
  rotate: number,
  shearX: number,
  shearY: number,
  shape: { readonly height: number; readonly width: number },
  rules: Float32Rules,
  image: { readonly height: number; readonly width: number } = shape,
): AffineMatrix {
  // One test for the usual case (a sum of numbers is finite only if each is, barring overflow), then the culprit.
  const numbers =
    typeof scaleX === 'number' &&
    typeof scaleY === 'number' &&
    typeof translateX === 'number' &&
    typeof translateY === 'number' &&
    typeof rotate === 'number' &&
    typeof shearX === 'number' &&
    typeof shearY === 'number';
  if (!numbers || !Number.isFinite(scaleX + scaleY + translateX + translateY + rotate + shearX + shearY)) {
    checkFinite('scaleX', scaleX);
    checkFinite('scaleY', scaleY);
    checkFinite('translateX', translateX);
    checkFinite('translateY', translateY);
    checkFinite('rotate', rotate);
    checkFinite('shearX', shearX);
    checkFinite('shearY', shearY);
  }
  const { height, width } = shape;
  const f = Math.fround;
  const sx = rules.scale ? f(scaleX) : scaleX;
  const sy = rules.scale ? f(scaleY) : scaleY;
  let tx: number;
  let ty: number;
  if (percent) {
    tx = (rules.percent ? f(translateX) : translateX) * width;
    ty = (rules.percent ? f(translateY) : translateY) * height;
  } else {
    tx = (translateX / image.width) * width;
    ty = (translateY / image.height) * height;
  }
  let r: number;
  let shy: number;
  let rPlusShx: number;
  if (rules.angles) {
    // numpy's float32 deg2rad: x · (float)(π/180), rounded to float32.
    const deg2rad = f(Math.PI / 180);
    r = f(f(rotate) * deg2rad);
    const shx = f(f(shearX) * deg2rad);
    shy = f(f(shearY) * deg2rad);
    rPlusShx = f(r + shx);
  } else {
    const deg2rad = Math.PI / 180;
    r = rotate * deg2rad;
    const shx = shearX * deg2rad;
    shy = shearY * deg2rad;
    rPlusShx = r + shx;
  }

  const cx = width / 2 - 0.5;
  const cy = height / 2 - 0.5;
  const y = yShearAboutCentre(shy, cx, cy);
  // Main · Y with Main = skimageAffine(sx, sy, r, rPlusShx, tx, ty), then T(c) · that: mul() written out, each
  // entry summed k = 0, 1, 2 in order as there, so the doubles are the same.
  // cos(±0) = 1 and sin(±0) = ±0 exactly: no calls for the unrotated, unsheared case (translations, scales).
  const a0 = sx * (r === 0 ? 1 : Math.cos(r));
  const a1 = -sy * (rPlusShx === 0 ? rPlusShx : Math.sin(rPlusShx));
  const a3 = sx * (r === 0 ? r : Math.sin(r));
  const a4 = sy * (rPlusShx === 0 ? 1 : Math.cos(rPlusShx));
  const m0 = a0 * y[0] + a1 * y[3] + tx * y[6];
  const m1 = a0 * y[1] + a1 * y[4] + tx * y[7];
  const m2 = a0 * y[2] + a1 * y[5] + tx * y[8];
  const m3 = a3 * y[0] + a4 * y[3] + ty * y[6];
  const m4 = a3 * y[1] + a4 * y[4] + ty * y[7];
  const m5 = a3 * y[2] + a4 * y[5] + ty * y[8];
  const m6 = 0 * y[0] + 0 * y[3] + 1 * y[6];
  const m7 = 0 * y[1] + 0 * y[4] + 1 * y[7];
  const m8 = 0 * y[2] + 0 * y[5] + 1 * y[8];
  // T(c) = [1, -0, cx, 0, 1, cy, 0, 0, 1].
  return [
    1 * m0 + -0 * m3 + cx * m6,
    1 * m1 + -0 * m4 + cx * m7,
    1 * m2 + -0 * m5 + cx * m8,
    0 * m0 + 1 * m3 + cy * m6,
    0 * m1 + 1 * m4 + cy * m7,
    0 * m2 + 1 * m5 + cy * m8,
  ];
}

/**
 * True when imgaug would skip warping the image for this matrix: the mean absolute difference between the 3×3
 * matrix and the identity is at most 1e-4 (imgaug's `_is_identity_matrix`), so the image is returned unchanged.
 *
 * @example isIdentityMatrix([1, 0, 0.0002, 0, 1, 0]) // true: imgaug leaves the pixels alone
 */
export function isIdentityMatrix(matrix: AffineMatrix): boolean {
  // The third row of the 3×3 matrix is exactly (0, 0, 1), so it adds nothing to the sum but counts in the mean.
  // Indexed rather than destructured: this runs per image.
  const sum =
    Math.abs(1 - matrix[0]) +
    Math.abs(matrix[1]) +
    Math.abs(matrix[2]) +
    Math.abs(matrix[3]) +
    Math.abs(1 - matrix[4]) +
    Math.abs(matrix[5]);
  return sum / 9 <= 1e-4;
}

/**
 * Enlarges (or shrinks) the output canvas so that the whole warped image is visible, as imgaug's fit_output does:
 * returns the matrix shifted so the warped image starts at (0, 0) and the output height and width.
 *
 * The four corner pixel centres (0, 0), (0, H−1), (W−1, H−1), (W−1, 0) are mapped through `matrix`; the output is
 * ceil(max − min + 1) along each axis and the matrix is moved by (−min x, −min y). So translation has no effect, and
 * a 28×28 image scaled by 2 gives 55×55.
 *
 * @example fitOutput(affineMatrix({ scaleX: 2, scaleY: 2, translateX: 0, translateY: 0, rotate: 0, shearX: 0,
 *   shearY: 0 }, { height: 28, width: 28 }), { height: 28, width: 28 }) // { height: 55, width: 55, matrix }
 */
export function fitOutput(
  matrix: AffineMatrix,
  shape: { readonly height: number; readonly width: number },
): { readonly matrix: AffineMatrix; readonly height: number; readonly width: number } {
  const { height, width } = shape;
  const [a, b, c, d, e, f] = matrix;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of [
    [0, 0],
    [0, height - 1],
    [width - 1, height - 1],
    [width - 1, 0],
  ]) {
    // Summed in numpy's order: x·a + y·b + 1·c.
    const px = x * a + y * b + c;
    const py = x * d + y * e + f;
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
  }
  const outHeight = Math.ceil(maxY - minY + 1);
  const outWidth = Math.ceil(maxX - minX + 1);
  return { matrix: [a, b, c + -minX, d, e, f + -minY], height: outHeight, width: outWidth };
}

/**
 * Inverts an affine matrix in double precision (the output → input map), as OpenCV's warpAffine does before
 * sampling; a singular matrix gives all zeros in its linear part, as in OpenCV.
 *
 * @example invertAffine([2, 0, -13.5, 0, 2, -13.5]) // [0.5, 0, 6.75, 0, 0.5, 6.75]
 */
export function invertAffine(matrix: AffineMatrix): AffineMatrix {
  const out = [0, 0, 0, 0, 0, 0];
  invertAffineInto(matrix, out, 0);
  return out as unknown as AffineMatrix;
}
