// The masks of BlendAlphaSimplexNoise and BlendAlphaFrequencyNoise: imgaug's StochasticParameterMaskGen around a
// noise parameter, with the noise images rendered by the noise kernels from what the parameter drew.
import type { Shape } from '../../core/image.ts';
import { fillFrequencyNoise } from '../../kernels/frequency-noise.ts';
import { combineNoise, divideNoise, sigmoidNoise, upscaleNoise } from '../../kernels/noise-field.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { fillSimplexNoise } from '../../kernels/simplex-noise.ts';
import { choice } from '../../params/choice.ts';
import { drawNamed } from '../../params/constant.ts';
import {
  AGGREGATION_METHODS,
  type AggregationMethod,
  type NoiseField,
  type NoiseParam,
  UPSCALE_METHODS,
  type UpscaleMethod,
  frequencyNoise,
  iterativeNoiseAggregator,
  sigmoid,
  simplexNoise,
} from '../../params/noise.ts';
import { normal } from '../../params/normal.ts';
import type { Param } from '../../params/param.ts';
import type { EnumInput, NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import { RandomSource } from '../../random/stream.ts';
import type { CommonOptions } from '../base/augmenter.ts';
import { enumOption, numberOption, probabilityOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import { MaskGenerator, type MaskGeneratorDefinition } from './mask-generator.ts';

// The noise images' buffers, reused across calls (apply runs synchronously). Slots: 0 a simplex grid, 1–3 a frequency
// spectrum's draws and image, 4 one channel's mask, 10 + depth an aggregation's next image at that nesting depth. Each
// is at least the mask's size, so that buffers stop growing once an image size has been seen.
const scratch = new Scratch();

/**
 * Writes the noise image `field` (values in [0, 1]) at height × width into `out`. A frequency field's spectrum is drawn
 * from its seed (a stream of its own). `depth` is the nesting depth of aggregations (for their buffers).
 */
export function renderNoise(field: NoiseField, height: number, width: number, out: Float32Array, depth = 0): void {
  const size = height * width;
  switch (field.kind) {
    case 'simplex': {
      const n = field.height * field.width;
      const small = scratch.f32(0, Math.max(n, size)).subarray(0, n);
      fillSimplexNoise(field.seed, field.height, field.width, small);
      upscaleNoise(small, field.height, field.width, out, height, width, field.upscale);
      return;
    }
    case 'frequency': {
      const n = field.height * field.width;
      const room = Math.max(n, size);
      const radius = scratch.f64(1, room).subarray(0, n);
      const angle = scratch.f64(2, room).subarray(0, n);
      const small = scratch.f64(3, room).subarray(0, n);
      const rng = RandomSource.root(field.seed, 0, 0).stream('spectrum');
      for (let i = 0; i < n; i++) radius[i] = rng.random();
      for (let i = 0; i < n; i++) angle[i] = rng.random();
      fillFrequencyNoise({ ...field, radius, angle, out: small });
      upscaleNoise(small, field.height, field.width, out, height, width, field.upscale);
      return;
    }
    case 'aggregate': {
      const [first, ...rest] = field.fields;
      renderNoise(first, height, width, out, depth + 1);
      const next = scratch.f32(10 + depth, size);
      for (const f of rest) {
        renderNoise(f, height, width, next, depth + 1);
        combineNoise(out, next, field.method);
      }
      if (field.method === 'avg') divideNoise(out, field.fields.length);
      return;
    }
    case 'sigmoid':
      renderNoise(field.field, height, width, out, depth);
      sigmoidNoise(out, field.mul, field.add, field.threshold);
      return;
  }
}

/** One image's noise mask: one noise image, or one per channel. */
export interface NoiseMaskParams {
  readonly fields: readonly NoiseField[];
}

interface NoiseMaskOptions {
  readonly noise: NoiseParam;
  readonly perChannel: Param<number>;
}

const definition: MaskGeneratorDefinition<Record<string, never>, NoiseMaskParams> = {
  type: 'NoiseMaskGen',
  options: {},
  draw(options, random: RandomSource, shape: Shape): NoiseMaskParams {
    const { noise, perChannel } = options as unknown as NoiseMaskOptions;
    const n = drawNamed(perChannel, random, 'perChannel') > 0.5 ? shape.channels : 1;
    const rng = random.stream('noise');
    return { fields: Array.from({ length: n }, () => noise.drawField(rng, shape.height, shape.width)) };
  },
  channelsOf: (_options, params) => params.fields.length,
  fill(_options, { fields }, shape, out) {
    const { height, width } = shape;
    if (fields.length === 1) {
      renderNoise(fields[0], height, width, out);
      return;
    }
    const one = scratch.f32(4, height * width);
    fields.forEach((field, c) => {
      renderNoise(field, height, width, one);
      for (let i = 0; i < one.length; i++) out[i * fields.length + c] = one[i];
    });
  },
};

/** A mask generator drawing each image's mask (per pixel, or per value with `perChannel`) from `noise`. */
export function noiseMaskGenerator(noise: NoiseParam, perChannel: Param<number>): MaskGenerator<NoiseMaskParams> {
  return new MaskGenerator('NoiseMaskGen', {}, definition as never, { noise, perChannel });
}

/** What BlendAlphaSimplexNoise and BlendAlphaFrequencyNoise take (`exponent`: frequency noise only). */
export interface NoiseBlendInputs extends CommonOptions {
  readonly foreground?: Branch;
  readonly background?: Branch;
  readonly perChannel?: ProbabilityInput;
  readonly sizePxMax?: NumberInput;
  readonly upscaleMethod?: EnumInput<UpscaleMethod>;
  readonly iterations?: NumberInput;
  readonly aggregationMethod?: EnumInput<AggregationMethod>;
  readonly sigmoid?: ProbabilityInput;
  readonly sigmoidThresh?: NumberInput;
}

/**
 * The noise options of the two augmenters, with imgaug's defaults where they share them (`sizePxMax`,
 * `aggregationMethod` and `sigmoid` differ and are given).
 */
export function noiseBlendOptions(
  sizePxMax: NumberInput,
  aggregationMethod: EnumInput<AggregationMethod>,
  sigmoid: ProbabilityInput,
) {
  return {
    perChannel: probabilityOption(false, 'Whether each channel draws its own mask (or the probability that it does).'),
    sizePxMax: numberOption(
      sizePxMax,
      { integer: true, min: 1, max: 10000 },
      'The noise is made at this many pixels along the longer side, then enlarged: drawn per image and channel.',
    ),
    upscaleMethod: enumOption<UpscaleMethod>(
      choice(['nearest', 'linear', 'cubic'], [0.05, 0.6, 0.35]),
      UPSCALE_METHODS,
      'How the small noise image is enlarged (cv2.resize), drawn per noise image.',
    ),
    iterations: numberOption(
      [1, 3],
      { integer: true, min: 1, max: 10000 },
      'How many noise images are combined per mask, drawn per image.',
    ),
    aggregationMethod: enumOption<AggregationMethod>(
      aggregationMethod,
      AGGREGATION_METHODS,
      'How the noise images are combined (elementwise), drawn per image.',
    ),
    sigmoid: probabilityOption(
      sigmoid,
      'Whether the noise goes through a sigmoid that pushes it towards 0 and 1 (or the probability that it does).',
    ),
    sigmoidThresh: numberOption(
      normal(0, 5),
      {},
      "The sigmoid's threshold, drawn per image: higher values give more background.",
    ),
  };
}

/** The noise options BlendAlphaSimplexNoise and BlendAlphaFrequencyNoise share, parsed. */
export interface NoiseBlendOptions {
  readonly sizePxMax: Param<number>;
  readonly upscaleMethod: Param<string>;
  readonly iterations: Param<number>;
  readonly aggregationMethod: Param<string>;
  readonly sigmoid: Param<number>;
  readonly sigmoidThresh: Param<number>;
  /** Frequency noise only. */
  readonly exponent?: Param<number>;
}

/**
 * The noise of imgaug's BlendAlphaSimplexNoise / BlendAlphaFrequencyNoise constructors: the noise parameter, in an
 * IterativeNoiseAggregator, in a Sigmoid with mul 20 and add −10 unless `sigmoid` is false or a probability below
 * 0.01 (imgaug's `use_sigmoid`). (imgaug leaves the aggregator out when `iterations` is exactly 1, which gives the
 * same noise.)
 */
export function blendNoise(kind: 'simplex' | 'frequency', o: NoiseBlendOptions): NoiseParam {
  const upscale = o.upscaleMethod as Param<'nearest' | 'linear' | 'area' | 'cubic'>;
  const base =
    kind === 'simplex' ? simplexNoise(o.sizePxMax, upscale) : frequencyNoise(o.exponent, o.sizePxMax, upscale);
  const aggregated = iterativeNoiseAggregator(base, o.iterations, o.aggregationMethod as Param<'min' | 'max' | 'avg'>);
  const [, hi] = o.sigmoid.bounds;
  // A fixed probability below 0.01 (false included) turns the sigmoid off, as imgaug's `use_sigmoid` does.
  const off = o.sigmoid.bounds[0] === hi && hi < 0.01;
  return off ? aggregated : sigmoid(aggregated, o.sigmoidThresh, o.sigmoid, 20, -10);
}
