// Moves label coordinates through a Warp the way imgaug 0.4.0 moves keypoints, in continuous coordinates (the pixel
// (0, 0) covers [0, 1)²). Every label kind with coordinates (keypoints, box corners, polygon and line points) goes
// through `movePoints`; coordinates are float32 in and out, transformed in double precision, as imgaug's arrays.
import type { Shape } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { displacementFields } from '../geometry/fields.ts';
import { type Mat2x3, type Warp, channelMean, opacityMean } from '../geometry/warp.ts';

const f = Math.fround;

/**
 * Moves `n` points, x and y interleaved in `xy`, through `warp` in place (`input`: the image's shape before it).
 *
 * - affine: imgaug builds the points' matrix about (W/2, H/2), the pixels' about ((W−1)/2, (H−1)/2): the same
 *   transformation shifted by half a pixel, x' = M(x − ½) + ½ for the pixel matrix M;
 * - perspective: likewise x' = P(x − ½) + ½ (OpenCV's perspectiveTransform arithmetic);
 *
 * Differs from imgaug: with fitOutput imgaug shifts the points' matrix by where the pixel corners of *its* matrix
 * land, and PerspectiveTransform applies the pixel matrix to the coordinates as they are; both leave its labels
 * (A − I)·½ px off its own pixels (half a pixel at 2× zoom). Here labels stay on the pixels, as without fitOutput.
 * - flip: x → W − x (y → H − y);
 * - resize: x → fround(fround(x / W) · W′) (no half-pixel offset);
 * - crop and pad: shifted by the left and top amounts (x − left for a crop, x + left for a pad);
 * - rot90: k quarter turns clockwise, each (x, y) → (H − y, x);
 * - displacement: imgaug's ElasticTransformation rule (see `moveByField`);
 * - chain: each step in turn;
 * - blend: the foreground's or the background's result by imgaug's rule (`pointwise` for keypoints: see
 *   `blendPoints`).
 * Results are rounded to float32 after each step.
 */
export function movePoints(warp: Warp, input: Shape, xy: Float64Array, n: number, pointwise = false): void {
  switch (warp.kind) {
    case 'identity':
      return;
    case 'affine':
      affine(warp.matrix, xy, n);
      return;
    case 'perspective':
      perspective(warp.matrix, xy, n);
      return;
    case 'flip': {
      const at = warp.axis === 'x' ? 0 : 1;
      const size = warp.axis === 'x' ? input.width : input.height;
      for (let i = 0; i < n; i++) xy[2 * i + at] = f(size - f(xy[2 * i + at]));
      return;
    }
    case 'resize': {
      const { width: w, height: h } = input;
      const { width: w2, height: h2 } = warp.output;
      if (w === w2 && h === h2) return;
      for (let i = 0; i < n; i++) {
        xy[2 * i] = f(f(f(xy[2 * i]) / w) * w2);
        xy[2 * i + 1] = f(f(f(xy[2 * i + 1]) / h) * h2);
      }
      return;
    }
    case 'crop':
    case 'pad': {
      const sign = warp.kind === 'crop' ? -1 : 1;
      const dx = sign * warp.sides.left;
      const dy = sign * warp.sides.top;
      for (let i = 0; i < n; i++) {
        xy[2 * i] = f(f(xy[2 * i]) + dx);
        xy[2 * i + 1] = f(f(xy[2 * i + 1]) + dy);
      }
      return;
    }
    case 'rot90': {
      for (let i = 0; i < n; i++) {
        let x = f(xy[2 * i]);
        let y = f(xy[2 * i + 1]);
        let h = input.height;
        let w = input.width;
        for (let t = 0; t < warp.k; t++) {
          [x, y] = [f(h - y), x];
          [w, h] = [h, w];
        }
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
      }
      return;
    }
    case 'displacement':
      moveByField(warp, input, xy, n);
      return;
    case 'chain': {
      let shape = input;
      for (const step of warp.steps) {
        movePoints(step, shape, xy, n, pointwise);
        shape = step.output;
      }
      return;
    }
    case 'blend':
      blendPoints(warp, input, xy, n, pointwise);
      return;
  }
}

/**
 * imgaug 0.4.0's `BlendAlphaMask._blend_coordinates`: both branches move the points; with `pointwise` (keypoints)
 * each point takes the foreground's result where the mask's mean over channels at its input position rounded half
 * to even is above 0.5, else the background's, and a point whose rounded position is outside the mask becomes that
 * rounded position (imgaug's rule, unmoved by either branch); otherwise (box corners, polygon and line points) all
 * take the foreground's when the whole mask's mean is above 0.5, else the background's.
 */
function blendPoints(
  warp: Extract<Warp, { kind: 'blend' }>,
  input: Shape,
  xy: Float64Array,
  n: number,
  pointwise: boolean,
): void {
  if (!pointwise) {
    movePoints(opacityMean(warp.mask) > 0.5 ? warp.fg : warp.bg, input, xy, n, pointwise);
    return;
  }
  const fg = xy.slice(0, 2 * n);
  const bg = xy.slice(0, 2 * n);
  movePoints(warp.fg, input, fg, n, pointwise);
  movePoints(warp.bg, input, bg, n, pointwise);
  const { height, width } = warp.mask;
  for (let i = 0; i < n; i++) {
    const x = roundHalfEven(f(xy[2 * i]));
    const y = roundHalfEven(f(xy[2 * i + 1]));
    if (x < 0 || x >= width || y < 0 || y >= height) {
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
      continue;
    }
    const from = channelMean(warp.mask, y * width + x) > 0.5 ? fg : bg;
    xy[2 * i] = from[2 * i];
    xy[2 * i + 1] = from[2 * i + 1];
  }
}

/** x' = M(x − ½) + ½ for each point: the pixel matrix about the points' centre. */
function affine(m: Mat2x3, xy: Float64Array, n: number): void {
  // M(x − ½) + ½ = M x + (½ − a·½ − b·½, ½ − d·½ − e·½): the shift folded into the translation once.
  const c = m[2] + (0.5 - m[0] * 0.5 - m[1] * 0.5);
  const g = m[5] + (0.5 - m[3] * 0.5 - m[4] * 0.5);
  for (let i = 0; i < n; i++) {
    const x = f(xy[2 * i]);
    const y = f(xy[2 * i + 1]);
    xy[2 * i] = f(m[0] * x + m[1] * y + c);
    xy[2 * i + 1] = f(m[3] * x + m[4] * y + g);
  }
}

/**
 * x' = P(x − ½) + ½ with OpenCV's perspectiveTransform arithmetic: w below FLT_EPSILON in magnitude sends the point
 * to the pixel grid's origin.
 */
function perspective(m: ArrayLike<number>, xy: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = f(xy[2 * i]) - 0.5;
    const y = f(xy[2 * i + 1]) - 0.5;
    let w = m[6] * x + m[7] * y + m[8];
    w = Math.abs(w) > 1.1920928955078125e-7 ? 1 / w : 0;
    xy[2 * i] = f((m[0] * x + m[1] * y + m[2]) * w + 0.5);
    xy[2 * i + 1] = f((m[3] * x + m[4] * y + m[5]) * w + 0.5);
  }
}

/** imgaug moves no points when the strength or the smoothness is this low (the field is noise then). */
const ALPHA_MIN = 0.05;
const SIGMA_MIN = 1.0;

// The fields of the last image whose points moved: one image's keypoints, boxes, polygons… reuse them.
let fieldX = new Float32Array(0);
let fieldY = new Float32Array(0);
let lastField: unknown;

/**
 * imgaug 0.4.0's ElasticTransformation for points: a point inside the image takes the 25 points within 3 unit steps
 * (Manhattan) of it, rounds them to pixels (half to even), keeps those inside, moves each by the field at its pixel
 * (`x + dx`, in float32) and goes to their geometric median. Points outside the image, and every point when alpha ≤
 * 0.05 or sigma ≤ 1, stay. (So a point lands on a pixel's corner grid, not its centre: imgaug's rule, up to half a
 * pixel off the moved pixels.)
 */
function moveByField(warp: Extract<Warp, { kind: 'displacement' }>, input: Shape, xy: Float64Array, n: number): void {
  const { height: h, width: w } = input;
  const { field } = warp;
  if (n === 0 || h * w === 0 || field.alpha <= ALPHA_MIN || field.sigma <= SIGMA_MIN) return;
  if (lastField !== field || fieldX.length !== h * w) {
    if (fieldX.length !== h * w) {
      fieldX = new Float32Array(h * w);
      fieldY = new Float32Array(h * w);
    }
    displacementFields(warp, h, w, fieldX, fieldY);
    lastField = field;
  }
  moveAlongFields(fieldX, fieldY, h, w, xy, n);
}

/** imgaug's point rule (see `moveByField`) given the displacement fields `dx`, `dy` of an h × w image. */
export function moveAlongFields(
  dx: Float32Array,
  dy: Float32Array,
  h: number,
  w: number,
  xy: Float64Array,
  n: number,
): void {
  const px = new Float64Array(25);
  const py = new Float64Array(25);
  for (let i = 0; i < n; i++) {
    const x = f(xy[2 * i]);
    const y = f(xy[2 * i + 1]);
    if (!(x >= 0 && x < w && y >= 0 && y < h)) continue;
    let m = 0;
    for (let oy = -3; oy <= 3; oy++) {
      const reach = 3 - Math.abs(oy);
      for (let ox = -reach; ox <= reach; ox++) {
        const xi = roundHalfEven(f(x + ox));
        const yi = roundHalfEven(f(y + oy));
        if (xi < 0 || xi >= w || yi < 0 || yi >= h) continue;
        px[m] = f(xi + dx[yi * w + xi]);
        py[m] = f(yi + dy[yi * w + xi]);
        m++;
      }
    }
    const [mx, my] = geometricMedian(px, py, m);
    xy[2 * i] = f(mx);
    xy[2 * i + 1] = f(my);
  }
}

/**
 * imgaug's `compute_geometric_median` (Weiszfeld's iteration with Vardi and Zhang's rule for a point on a data
 * point), from the float32 mean, until a step is shorter than 1e-5.
 */
export function geometricMedian(px: ArrayLike<number>, py: ArrayLike<number>, m: number): [number, number] {
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < m; k++) {
    sx += px[k];
    sy += py[k];
  }
  // numpy's mean of a float32 array is float32.
  let yx = f(sx / m);
  let yy = f(sy / m);
  for (let iteration = 0; iteration < 10000; iteration++) {
    let inv = 0;
    let tx = 0;
    let ty = 0;
    let zeros = 0;
    for (let k = 0; k < m; k++) {
      const d = Math.hypot(px[k] - yx, py[k] - yy);
      if (d === 0) {
        zeros++;
        continue;
      }
      inv += 1 / d;
    }
    if (zeros === m) return [yx, yy];
    for (let k = 0; k < m; k++) {
      const d = Math.hypot(px[k] - yx, py[k] - yy);
      if (d === 0) continue;
      tx += (1 / d / inv) * px[k];
      ty += (1 / d / inv) * py[k];
    }
    let nx = tx;
    let ny = ty;
    if (zeros > 0) {
      const rx = (tx - yx) * inv;
      const ry = (ty - yy) * inv;
      const r = Math.hypot(rx, ry);
      const rinv = r === 0 ? 0 : zeros / r;
      nx = Math.max(0, 1 - rinv) * tx + Math.min(1, rinv) * yx;
      ny = Math.max(0, 1 - rinv) * ty + Math.min(1, rinv) * yy;
    }
    const step = Math.hypot(yx - nx, yy - ny);
    yx = nx;
    yy = ny;
    if (step < 1e-5) return [yx, yy];
  }
  return [yx, yy];
}
