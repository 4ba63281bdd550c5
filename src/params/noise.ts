// Noise parameters (imgaug's iap.SimplexNoise, iap.FrequencyNoise, iap.IterativeNoiseAggregator and iap.Sigmoid):
// they draw a whole noise image's randomness for a height × width, as data (a `NoiseField`), which the blend
// augmenters render with the noise kernels (this layer computes no pixels).
import { argumentError } from '../core/errors.ts';
import type { RandomStream } from '../random/stream.ts';
import type { Param, ParamSpec } from './param.ts';
import {
  type EnumInput,
  type NumberInput,
  type ProbabilityInput,
  enumArg,
  numberArg,
  probabilityArg,
} from './sugar.ts';

/** How a small noise image is enlarged to the image's size: OpenCV's resize interpolations (cv2.resize). */
export const UPSCALE_METHODS = ['nearest', 'linear', 'area', 'cubic'] as const;
export type UpscaleMethod = (typeof UPSCALE_METHODS)[number];
/** How IterativeNoiseAggregator combines its noise images: elementwise minimum, maximum or mean. */
export const AGGREGATION_METHODS = ['min', 'max', 'avg'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/**
 * One noise image's draws. `simplex` and `frequency` are made at `height` × `width` and enlarged to the image's size
 * with `upscale`; `aggregate` combines several; `sigmoid` maps values v to 1 / (1 + exp(−(v · mul + add − threshold))).
 */
export type NoiseField =
  | {
      readonly kind: 'simplex';
      readonly seed: number;
      readonly height: number;
      readonly width: number;
      readonly upscale: UpscaleMethod;
    }
  | {
      readonly kind: 'frequency';
      readonly height: number;
      readonly width: number;
      readonly upscale: UpscaleMethod;
      readonly exponent: number;
      /** The seed of the random spectrum's draws (two uniform values per frequency). */
      readonly seed: number;
    }
  | { readonly kind: 'aggregate'; readonly method: AggregationMethod; readonly fields: readonly NoiseField[] }
  | {
      readonly kind: 'sigmoid';
      readonly field: NoiseField;
      readonly mul: number;
      readonly add: number;
      readonly threshold: number;
    };

/** A parameter that draws noise images with values in [0, 1] (not a `Param`: a draw is an image, not a number). */
export interface NoiseParam {
  readonly spec: ParamSpec;
  /** Every random choice of one `height` × `width` noise image, in a fixed order from `rng`. */
  drawField(rng: RandomStream, height: number, width: number): NoiseField;
}

/** True for a {@link NoiseParam}. */
export function isNoiseParam(value: unknown): value is NoiseParam {
  return value !== null && typeof value === 'object' && typeof (value as NoiseParam).drawField === 'function';
}

const SIZE_PX_MAX = { integer: true, min: 1, max: 10000 };
const ITERATIONS = { integer: true, min: 1, max: 10000 };

/**
 * The small image's size, as imgaug computes it: the longer side shrunk to `sizePxMax` (sides truncated) when it is
 * longer, each side at least `least`.
 */
export function noiseSize(height: number, width: number, sizePxMax: number, least: number): [number, number] {
  const maxlen = Math.max(height, width);
  let h = height;
  let w = width;
  if (maxlen > sizePxMax) {
    const factor = sizePxMax / maxlen;
    h = Math.trunc(height * factor);
    w = Math.trunc(width * factor);
  }
  return [Math.max(h, least), Math.max(w, least)];
}

function upscaleArg(owner: string, value: unknown): Param<UpscaleMethod> {
  return enumArg(owner, 'upscaleMethod', value, UPSCALE_METHODS);
}

/**
 * OpenSimplex noise (imgaug's `iap.SimplexNoise`): the `opensimplex` package's 2-D noise sampled at the integer
 * points of an image whose longer side is `sizePxMax` (drawn per image, default 2–16), mapped to [0, 1] and enlarged
 * to the image's size with `upscaleMethod` (drawn per image). The generator's seed is drawn in [0, 2^31), as imgaug's.
 * @example iap.simplexNoise([4, 8], 'linear')
 */
export function simplexNoise(
  sizePxMax: NumberInput = [2, 16],
  upscaleMethod: EnumInput<UpscaleMethod> = ['linear', 'nearest'],
): NoiseParam {
  const owner = 'iap.simplexNoise';
  const size = numberArg(owner, 'sizePxMax', sizePxMax, SIZE_PX_MAX);
  const upscale = upscaleArg(owner, upscaleMethod);
  return {
    spec: { simplexNoise: { sizePxMax: size.spec, upscaleMethod: upscale.spec } },
    drawField(rng, height, width) {
      const method = upscale.draw(rng);
      const seed = rng.integer(0, 2 ** 31 - 2);
      const [h, w] = noiseSize(height, width, size.draw(rng), 1);
      return { kind: 'simplex', seed, height: h, width: w, upscale: method };
    },
  };
}

/**
 * Frequency noise (imgaug's `iap.FrequencyNoise`): an inverse FFT of a random spectrum whose magnitudes are weighted
 * by (distance from the zero frequency)^`exponent` (drawn per image, default −4 to 4: negative exponents give large
 * blobs, positive ones fine grain), made at a longer side of `sizePxMax` (at least 4 per side), normalised to [0, 1]
 * and enlarged with `upscaleMethod`.
 * @example iap.frequencyNoise(-2, [8, 16], 'linear')
 */
export function frequencyNoise(
  exponent: NumberInput = [-4, 4],
  sizePxMax: NumberInput = [4, 32],
  upscaleMethod: EnumInput<UpscaleMethod> = ['linear', 'nearest'],
): NoiseParam {
  const owner = 'iap.frequencyNoise';
  const power = numberArg(owner, 'exponent', exponent);
  const size = numberArg(owner, 'sizePxMax', sizePxMax, SIZE_PX_MAX);
  const upscale = upscaleArg(owner, upscaleMethod);
  return {
    spec: { frequencyNoise: { exponent: power.spec, sizePxMax: size.spec, upscaleMethod: upscale.spec } },
    drawField(rng, height, width) {
      const [h, w] = noiseSize(height, width, size.draw(rng), 4);
      const seed = rng.integer(0, 2 ** 31 - 2);
      return { kind: 'frequency', height: h, width: w, exponent: power.draw(rng), upscale: upscale.draw(rng), seed };
    },
  };
}

function noiseArg(owner: string, value: unknown): NoiseParam {
  if (!isNoiseParam(value)) {
    throw argumentError(
      owner,
      'other',
      'a noise parameter (iap.simplexNoise(), iap.frequencyNoise(), …)',
      value,
      'type',
    );
  }
  return value;
}

/**
 * Draws `iterations` noise images from `other` (drawn per image, 1–10000, default 1–3) and combines them elementwise
 * with `aggregationMethod` ('min', 'max' or 'avg', drawn per image) — imgaug's `iap.IterativeNoiseAggregator`.
 * @example iap.iterativeNoiseAggregator(iap.simplexNoise(), [1, 3], 'max')
 */
export function iterativeNoiseAggregator(
  other: NoiseParam,
  iterations: NumberInput = [1, 3],
  aggregationMethod: EnumInput<AggregationMethod> = ['max', 'avg'],
): NoiseParam {
  const owner = 'iap.iterativeNoiseAggregator';
  const inner = noiseArg(owner, other);
  const count = numberArg(owner, 'iterations', iterations, ITERATIONS);
  const method = enumArg(owner, 'aggregationMethod', aggregationMethod, AGGREGATION_METHODS);
  return {
    spec: { iterativeNoiseAggregator: { other: inner.spec, iterations: count.spec, aggregationMethod: method.spec } },
    drawField(rng, height, width) {
      const m = method.draw(rng);
      const n = count.draw(rng);
      const fields = Array.from({ length: n }, () => inner.drawField(rng, height, width));
      return { kind: 'aggregate', method: m, fields };
    },
  };
}

/**
 * Maps `other`'s values v through the sigmoid 1 / (1 + exp(−(v · mul + add − threshold))) when `activated` (drawn per
 * image, a probability), which pushes noise towards 0 and 1; `threshold` is drawn per image (default −10 to 10).
 * imgaug's `iap.Sigmoid`; its `create_for_noise` is `mul` 20, `add` −10, which the blend augmenters use.
 * @example iap.sigmoid(iap.simplexNoise(), iap.normal(0, 5), true, 20, -10)
 */
export function sigmoid(
  other: NoiseParam,
  threshold: NumberInput = [-10, 10],
  activated: ProbabilityInput = true,
  mul = 1,
  add = 0,
): NoiseParam {
  const owner = 'iap.sigmoid';
  const inner = noiseArg(owner, other);
  const shift = numberArg(owner, 'threshold', threshold);
  const on = probabilityArg(owner, 'activated', activated);
  if (typeof mul !== 'number' || !(mul > 0) || !Number.isFinite(mul)) {
    throw argumentError(owner, 'mul', 'a finite number > 0', mul, typeof mul === 'number' ? 'range' : 'type');
  }
  if (typeof add !== 'number' || !Number.isFinite(add)) {
    throw argumentError(owner, 'add', 'a finite number', add, typeof add === 'number' ? 'range' : 'type');
  }
  return {
    spec: { sigmoid: { other: inner.spec, threshold: shift.spec, activated: on.spec, mul, add } },
    drawField(rng, height, width) {
      const field = inner.drawField(rng, height, width);
      const active = on.draw(rng) > 0.5;
      const t = shift.draw(rng);
      return active ? { kind: 'sigmoid', field, mul, add, threshold: t } : field;
    },
  };
}
