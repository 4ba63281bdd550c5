// imgaug 0.4.0's frequency noise (iap.FrequencyNoise) before upscaling: a random spectrum weighted by a power of the
// distance from the zero frequency, brought back by an inverse 2-D DFT and normalised to [0, 1].
import { Scratch } from './scratch.ts';

// The spectrum, the row transforms and the twiddles of one call (slots 0–7), reused across calls.
const scratch = new Scratch();

/** One small noise image: the spectrum's uniform draws and the weighting exponent; `out` gets height × width values. */
export interface FrequencyNoiseJob {
  readonly height: number;
  readonly width: number;
  readonly exponent: number;
  /** Uniform draws in [0, 1), one per frequency (row-major): the magnitudes before weighting… */
  readonly radius: Float64Array;
  /** …and the phases. */
  readonly angle: Float64Array;
  readonly out: Float64Array;
}

/**
 * Fills `out` as imgaug does, in double precision: magnitude r = radius · max(h, w)², phase a = angle · 2π, the real
 * part r·cos(a) and the imaginary part r·cos(a)·sin(a) (imgaug's code multiplies the already-turned real part by
 * sin(a)), both weighted by f^exponent with f = √(min(y, h − y)² + min(x, w − x)²) and the zero frequency dropped;
 * then the real part of numpy's `ifft2` (sums over every frequency, divided by h·w) and (v − min) / (max − min).
 * A flat result (max = min, which needs an all-zero spectrum) gives 0.5 everywhere instead of imgaug's NaN.
 */
export function fillFrequencyNoise(job: FrequencyNoiseJob): void {
  const { height: h, width: w, exponent, radius, angle, out } = job;
  const n = h * w;
  const scale = Math.max(h, w) ** 2;
  const re = scratch.f64(0, n);
  const im = scratch.f64(1, n);
  for (let y = 0, i = 0; y < h; y++) {
    const dy = Math.min(y, h - y);
    for (let x = 0; x < w; x++, i++) {
      const dx = Math.min(x, w - x);
      const weight = i === 0 ? 0 : Math.sqrt(dy * dy + dx * dx) ** exponent;
      const r = radius[i] * scale;
      const a = angle[i] * 2 * Math.PI;
      const real = r * Math.cos(a);
      re[i] = real * weight;
      im[i] = real * Math.sin(a) * weight;
    }
  }
  inverseDftReal(re, im, h, w, out);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, out[i]);
    hi = Math.max(hi, out[i]);
  }
  if (!(hi > lo)) {
    out.fill(0.5, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] - lo) / (hi - lo);
}

/** cos and sin of 2π·k/n for k < n, in scratch slots `slot` and `slot + 1`. */
function twiddles(n: number, slot: number): [Float64Array, Float64Array] {
  const cos = scratch.f64(slot, n);
  const sin = scratch.f64(slot + 1, n);
  for (let k = 0; k < n; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  return [cos, sin];
}

/**
 * The real part of the inverse 2-D DFT of (re, im) (h × w, row-major) into `out`, as numpy's `ifft2(...).real`:
 * out[y, x] = Re Σ_k Σ_l (re + i·im)[k, l] · e^{2πi(ky/h + lx/w)} / (h·w). Rows first (complex), then columns (only
 * the real part is kept). Direct sums: the noise images are small (at most sizePxMax per side).
 */
export function inverseDftReal(re: Float64Array, im: Float64Array, h: number, w: number, out: Float64Array): void {
  const [cw, sw] = twiddles(w, 2);
  const [ch, sh] = twiddles(h, 4);
  const rowRe = scratch.f64(6, h * w);
  const rowIm = scratch.f64(7, h * w);
  for (let k = 0; k < h; k++) {
    for (let x = 0; x < w; x++) {
      let sr = 0;
      let si = 0;
      for (let l = 0, t = 0; l < w; l++, t = (t + x) % w) {
        const a = re[k * w + l];
        const b = im[k * w + l];
        sr += a * cw[t] - b * sw[t];
        si += a * sw[t] + b * cw[t];
      }
      rowRe[k * w + x] = sr;
      rowIm[k * w + x] = si;
    }
  }
  const norm = h * w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = 0, t = 0; k < h; k++, t = (t + y) % h) s += rowRe[k * w + x] * ch[t] - rowIm[k * w + x] * sh[t];
      out[y * w + x] = s / norm;
    }
  }
}
