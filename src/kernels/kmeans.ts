// k-means colour quantization (imgaug's quantize_kmeans on cv2.kmeans): Lloyd's iterations from given centres,
// OpenCV's stopping rule and its repair of empty clusters; each pixel becomes its cluster's centre, truncated to uint8.
import { Scratch } from './scratch.ts';

// The centres' previous values and the counts per cluster (slots 0–1), reused across calls.
const scratch = new Scratch();

/** One quantization: `n` pixels of `dims` uint8 values in `pixels`; `out` gets the quantized pixels (may be `pixels`). */
export interface KMeansJob {
  readonly pixels: Uint8Array;
  readonly n: number;
  readonly dims: number;
  readonly k: number;
  /** k · dims starting centres (OpenCV's KMEANS_RANDOM_CENTERS draws them in the pixels' bounding box). */
  readonly centers: Float64Array;
  /** Iterations at most (imgaug: 10) and the centre shift below which iterating stops (imgaug: 1). */
  readonly maxIter: number;
  readonly eps: number;
  /** Each pixel's cluster (n values), written. */
  readonly labels: Int32Array;
  readonly out: Uint8Array;
  /** If given, receives the objective (the sum of squared distances to the assigned centres) after each assignment. */
  readonly trace?: number[];
}

/**
 * Clusters the pixels with k-means as cv2.kmeans does for imgaug (criteria MAX_ITER + EPS, one attempt): assign each
 * pixel to its nearest centre (squared distance, the lower index on ties), move each centre to its pixels' mean, an
 * empty cluster taking the pixel farthest from its centre in the largest cluster; stop after `maxIter` updates or when
 * no centre moved more than `eps`. Then writes each pixel's centre, truncated to uint8 (numpy's float-to-uint8 cast)
 * into `out`. The objective never increases from one assignment to the next. `centers` is updated in place. Pixels
 * with at most `k` distinct colours are written unchanged (each colour its own cluster; `centers` is then not used).
 */
export function quantizeKMeans(job: KMeansJob): void {
  const { pixels, n, dims, k, centers, maxIter, eps, labels, out, trace } = job;
  if (fewColours(pixels, n, dims, k, labels)) {
    // The optimum (objective 0): each colour its own cluster. Lloyd's iterations from random centres can stop short
    // of it (a cluster holding two colours while another duplicates a third), so it is taken directly.
    trace?.push(0);
    if (out !== pixels) out.set(pixels.subarray(0, n * dims));
    return;
  }
  const previous = scratch.f64(0, k * dims);
  const counts = scratch.f64(1, k);
  const epsSquared = eps * eps;
  for (let iter = 0; ; iter++) {
    const objective = assign(pixels, n, dims, k, centers, labels);
    trace?.push(objective);
    if (iter === Math.max(maxIter, 2)) break;
    previous.set(centers);
    updateCenters(pixels, n, dims, k, centers, labels, counts);
    let shift = 0;
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let j = 0; j < dims; j++) d += (centers[c * dims + j] - previous[c * dims + j]) ** 2;
      shift = Math.max(shift, d);
    }
    if (shift <= epsSquared) {
      trace?.push(assign(pixels, n, dims, k, centers, labels));
      break;
    }
  }
  for (let i = 0; i < n; i++) {
    const c = labels[i] * dims;
    // OpenCV keeps centres in float32; numpy's cast to uint8 truncates (centres lie within 0–255).
    for (let j = 0; j < dims; j++) out[i * dims + j] = Math.trunc(Math.fround(centers[c + j]));
  }
}

/** Whether the pixels have at most `k` distinct colours (then labelled by colour, in order of appearance). */
function fewColours(pixels: Uint8Array, n: number, dims: number, k: number, labels: Int32Array): boolean {
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let j = 0; j < dims; j++) key = key * 256 + pixels[i * dims + j];
    let label = seen.get(key);
    if (label === undefined) {
      if (seen.size === k) return false;
      label = seen.size;
      seen.set(key, label);
    }
    labels[i] = label;
  }
  return true;
}

/** Labels each pixel with its nearest centre; returns the sum of squared distances. */
function assign(
  pixels: Uint8Array,
  n: number,
  dims: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const d = distanceTo(pixels, i, dims, centers, c);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    total += bestD;
  }
  return total;
}

/** Each centre to its pixels' mean; an empty cluster takes the farthest pixel of the largest one (OpenCV's repair). */
function updateCenters(
  pixels: Uint8Array,
  n: number,
  dims: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  counts: Float64Array,
): void {
  const mean = () => {
    centers.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      counts[c]++;
      for (let j = 0; j < dims; j++) centers[c * dims + j] += pixels[i * dims + j];
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) for (let j = 0; j < dims; j++) centers[c * dims + j] /= counts[c];
    }
  };
  mean();
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] > 0) continue;
    let largest = 0;
    for (let c = 1; c < k; c++) if (counts[c] > counts[largest]) largest = c;
    if (counts[largest] <= 1) break;
    let far = -1;
    let farDistance = -1;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== largest) continue;
      const d = distanceTo(pixels, i, dims, centers, largest);
      if (d > farDistance) {
        farDistance = d;
        far = i;
      }
    }
    labels[far] = empty;
    mean();
  }
}

/** The squared distance of pixel `i` to centre `c`. */
function distanceTo(pixels: Uint8Array, i: number, dims: number, centers: Float64Array, c: number): number {
  let d = 0;
  for (let j = 0; j < dims; j++) d += (pixels[i * dims + j] - centers[c * dims + j]) ** 2;
  return d;
}
