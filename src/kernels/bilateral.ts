/**
 * The bilateral filter with OpenCV 4.6's uint8 arithmetic (`cv2.bilateralFilter`), for 1 and 3 channels.
 */

import { reflect101 } from './convolve.ts';
import { Scratch } from './scratch.ts';
import { cvRound } from './warp/tables.ts';

const f32 = Math.fround;

// Weights, offsets and the per-row sums of one call (kernels run synchronously).
const scratch = new Scratch();

/** OpenCV's window: radius d / 2 (at least 1), the taps within that distance, row by row, and their weights. */
function spaceTaps(d: number, sigmaSpace: number) {
  const radius = Math.max(d >> 1, 1);
  const coeff = -0.5 / (sigmaSpace * sigmaSpace);
  const size = (2 * radius + 1) ** 2;
  const weights = scratch.f32(0, size);
  const dy = scratch.i32(1, size);
  const dx = scratch.i32(2, size);
  let n = 0;
  for (let i = -radius; i <= radius; i++) {
    for (let j = -radius; j <= radius; j++) {
      const r = Math.sqrt(i * i + j * j);
      if (r > radius) continue;
      weights[n] = Math.exp(r * r * coeff);
      dy[n] = i;
      dx[n] = j;
      n++;
    }
  }
  return { radius, n, weights, dy, dx };
}

/**
 * Filters a uint8 image of 1 or 3 channels as `cv2.bilateralFilter(src, d, sigmaColor, sigmaSpace)` does: each
 * output is Σ w·v / Σ w over the taps within distance d / 2 (borders BORDER_REFLECT_101), with
 * w = space weight · colour weight(|Δ|, summed over the channels), both tables float32 from double exps; the sums
 * are float32 in OpenCV's order (fused multiply-adds for Σ w·v), and the result is rounded half to even.
 * `out` must not be `src`.
 */
export function bilateralFilterU8(
  src: Uint8Array,
  shape: { readonly height: number; readonly width: number; readonly channels: number },
  d: number,
  sigmaColor: number,
  sigmaSpace: number,
  out: Uint8Array,
): void {
  const { height, width, channels } = shape;
  if (channels !== 1 && channels !== 3) throw new RangeError('bilateralFilterU8: images of 1 or 3 channels');
  if (src.length !== height * width * channels || out.length !== src.length || src === out) {
    throw new RangeError('bilateralFilterU8: src and out must be separate buffers of height × width × channels');
  }
  const sc = sigmaColor <= 0 ? 1 : sigmaColor;
  const ss = sigmaSpace <= 0 ? 1 : sigmaSpace;
  const colorCoeff = -0.5 / (sc * sc);
  const colorWeights = scratch.f32(3, 256 * channels);
  for (let i = 0; i < 256 * channels; i++) colorWeights[i] = Math.exp(i * i * colorCoeff);
  const taps = spaceTaps(d, ss);
  const { radius, n, weights, dy, dx } = taps;
  const cols = scratch.i32(4, width + 2 * radius);
  for (let x = 0; x < width + 2 * radius; x++) cols[x] = reflect101(x - radius, width) * channels;
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + x * channels;
      if (channels === 1) {
        const v0 = src[at];
        let sum = 0;
        let wsum = 0;
        for (let k = 0; k < n; k++) {
          const v = src[reflect101(y + dy[k], height) * stride + cols[x + radius + dx[k]]];
          const w = f32(weights[k] * colorWeights[Math.abs(v - v0)]);
          wsum = f32(wsum + w);
          sum = f32(v * w + sum);
        }
        out[at] = Math.min(255, Math.max(0, cvRound(f32(sum / wsum))));
      } else {
        const r0 = src[at];
        const g0 = src[at + 1];
        const b0 = src[at + 2];
        let sr = 0;
        let sg = 0;
        let sb = 0;
        let wsum = 0;
        for (let k = 0; k < n; k++) {
          const p = reflect101(y + dy[k], height) * stride + cols[x + radius + dx[k]];
          const r = src[p];
          const g = src[p + 1];
          const b = src[p + 2];
          const w = f32(weights[k] * colorWeights[Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0)]);
          wsum = f32(wsum + w);
          sr = f32(r * w + sr);
          sg = f32(g * w + sg);
          sb = f32(b * w + sb);
        }
        const inv = f32(1 / wsum);
        out[at] = Math.min(255, Math.max(0, cvRound(f32(sr * inv))));
        out[at + 1] = Math.min(255, Math.max(0, cvRound(f32(sg * inv))));
        out[at + 2] = Math.min(255, Math.max(0, cvRound(f32(sb * inv))));
      }
    }
  }
}

/**
 * The float32 form of {@link bilateralFilterU8} for any channel count: the same window and space weights, colour
 * weights exp(−Δ² / (2 · sigmaColor²)) with Δ the sum of the channels' absolute differences in the image's units,
 * computed in double (OpenCV's float path interpolates a table instead); not clipped. `out` must not be `src`.
 */
export function bilateralFilterF32(
  src: Float32Array,
  shape: { readonly height: number; readonly width: number; readonly channels: number },
  d: number,
  sigmaColor: number,
  sigmaSpace: number,
  out: Float32Array,
): void {
  const { height, width, channels } = shape;
  if (src.length !== height * width * channels || out.length !== src.length || src === out) {
    throw new RangeError('bilateralFilterF32: src and out must be separate buffers of height × width × channels');
  }
  const sc = sigmaColor <= 0 ? 1 : sigmaColor;
  const colorCoeff = -0.5 / (sc * sc);
  const { radius, n, weights, dy, dx } = spaceTaps(d, sigmaSpace <= 0 ? 1 : sigmaSpace);
  const stride = width * channels;
  const sums = scratch.f64(5, channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + x * channels;
      sums.fill(0);
      let wsum = 0;
      for (let k = 0; k < n; k++) {
        const p = reflect101(y + dy[k], height) * stride + reflect101(x + dx[k], width) * channels;
        let delta = 0;
        for (let c = 0; c < channels; c++) delta += Math.abs(src[p + c] - src[at + c]);
        const w = weights[k] * Math.exp(delta * delta * colorCoeff);
        wsum += w;
        for (let c = 0; c < channels; c++) sums[c] += w * src[p + c];
      }
      for (let c = 0; c < channels; c++) out[at + c] = sums[c] / wsum;
    }
  }
}
