import { argumentError } from '../../core/errors.ts';
import type { Image } from '../../core/image.ts';
import { FLOAT32_MAX } from '../../core/limits.ts';
import { applyLut, mapFloat } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import { type AugmenterDefinition, type OptionDef, defineAugmenter } from '../base/define.ts';
import { optionalNumberOption, probabilityOption } from '../base/options.ts';

// The per-channel tables (uint8) and flags (float32) of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();

/** One image's draws: which channels are inverted (one flag, or one per channel), and the threshold rule. */
export interface InvertParams {
  readonly invert: readonly boolean[];
  /** Invert only values ≥ threshold (`above`) or < threshold; undefined inverts every value. */
  readonly threshold: number | undefined;
  readonly above: boolean;
}

/** An optional plain number (not drawn): `min` and `max`, whose default is the dtype's range. */
function boundOption(doc: string): OptionDef<number | undefined, number | undefined> {
  return {
    default: undefined,
    meta: { type: 'number', range: "within the dtype's range (uint8: [0, 255])", doc },
    parse(owner, option, value) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw argumentError(owner, option, 'a finite number', value, typeof value === 'number' ? 'range' : 'type');
      }
      return value;
    },
  };
}

/** The inverse of uint8 value v in [lo, hi] as imgaug 0.4.0's table has it: hi − |v − lo|, clipped, truncated. */
function invertUint8(v: number, lo: number, hi: number): number {
  if (lo === 0 && hi === 255) return 255 - v;
  return Math.trunc(Math.min(hi, Math.max(lo, hi - Math.abs(v - lo))));
}

/** uint8: one 256-entry table per channel (the identity where a channel is kept). */
function invertUint8Image(
  type: string,
  image: Image,
  params: InvertParams,
  out: Image,
  min?: number,
  max?: number,
): void {
  const lo = min ?? 0;
  const hi = max ?? 255;
  if (lo < 0 || hi > 255) {
    const [option, value] = lo < 0 ? ['min', lo] : ['max', hi];
    throw argumentError(type, option, 'a value in [0, 255] for uint8 images', value);
  }
  // imgaug slices its table at int(threshold): values below it are kept (or, below the threshold, inverted).
  const cut = params.threshold === undefined ? undefined : Math.trunc(params.threshold);
  const tables = params.invert.map((flag, c) => {
    const table = scratch.u8(c, 256);
    for (let v = 0; v < 256; v++) {
      const inverted = flag && (cut === undefined || v >= cut === params.above);
      table[v] = inverted ? invertUint8(v, lo, hi) : v;
    }
    return table;
  });
  applyLut(image.data as Uint8Array, tables, image.channels, out.data as Uint8Array);
}

/**
 * float32: −x when the range is symmetric (the default ±3.4e38), else hi − |clip(x) − lo| clipped to [lo, hi]
 * (imgaug's `_invert_float`); the threshold compares the unclipped value, and kept values pass unchanged.
 */
function invertFloatImage(image: Image, params: InvertParams, out: Image, min?: number, max?: number): void {
  const lo = min ?? -FLOAT32_MAX;
  const hi = max ?? FLOAT32_MAX;
  const symmetric = Math.abs(hi + lo) <= 1e-8;
  const { threshold, above } = params;
  const invertValue = (x: number) =>
    symmetric ? -x : Math.min(hi, Math.max(lo, hi - Math.abs(Math.min(hi, Math.max(lo, x)) - lo)));
  const values = new Float64Array(scratch.buffer(0, 8 * params.invert.length), 0, params.invert.length);
  for (let c = 0; c < values.length; c++) values[c] = params.invert[c] ? 1 : 0;
  mapFloat(
    image.data,
    values,
    image.channels,
    (x, flag) => (flag === 1 && (threshold === undefined || x >= threshold === above) ? invertValue(x) : x),
    out.data,
  );
}

/** Invert's threshold option: absent by default (every value is inverted), or Solarize's range. */
export type ThresholdOption = OptionDef<NumberInput | undefined, Param<number> | undefined>;

/** The option definitions Invert and Solarize share. */
export type InvertOptions = {
  p: OptionDef<ProbabilityInput, Param<number>>;
  perChannel: OptionDef<ProbabilityInput, Param<number>>;
  min: OptionDef<number | undefined, number | undefined>;
  max: OptionDef<number | undefined, number | undefined>;
  threshold: ThresholdOption;
  invertAboveThreshold: OptionDef<ProbabilityInput, Param<number>>;
};

/**
 * The definition Invert and Solarize share (imgaug's Solarize is Invert with other defaults): `type` names the
 * augmenter in errors, `threshold` and `above` give the two defaults that differ.
 */
export function invertDefinition(
  type: string,
  threshold: ThresholdOption,
  above: ProbabilityInput,
  examples: readonly Record<string, unknown>[],
): AugmenterDefinition<InvertOptions, InvertParams, InvertOptionsParsed, 'p'> {
  return {
    type,
    kind: 'pixel',
    primary: 'p',
    options: {
      p: probabilityOption(1, 'The probability of inverting an image, or each channel with perChannel.'),
      perChannel: probabilityOption(
        false,
        'Whether each channel is decided on its own (or the probability that it is).',
      ),
      min: boundOption("The lowest value of the images' range (default: the dtype's)."),
      max: boundOption("The highest value of the images' range (default: the dtype's)."),
      threshold,
      invertAboveThreshold: probabilityOption(
        above,
        'Whether values at or above the threshold are inverted (else those below it); drawn per image.',
      ),
    },
    examples,
    validate({ min, max }) {
      if (min !== undefined && max !== undefined && min >= max) {
        throw argumentError(type, 'max', `a number above min (${min})`, max);
      }
    },
    drawParams({ p, perChannel, threshold, invertAboveThreshold }, random, shape): InvertParams {
      const channels = perChannel.draw(random.stream('perChannel')) > 0.5 ? shape.channels : 1;
      const coins = random.stream('p');
      const invert: boolean[] = new Array(channels);
      for (let c = 0; c < channels; c++) invert[c] = p.draw(coins) > 0.5;
      if (threshold === undefined) return { invert, threshold: undefined, above: true };
      return {
        invert,
        threshold: threshold.draw(random.stream('threshold')),
        above: invertAboveThreshold.draw(random.stream('invertAboveThreshold')) > 0.5,
      };
    },
    apply(image, params, out, { min, max }) {
      if (image.data instanceof Uint8Array) invertUint8Image(type, image, params, out, min, max);
      else invertFloatImage(image, params, out, min, max);
    },
  };
}

/** Invert's and Solarize's parsed options (`ParsedOf<InvertOptions>`, spelled out). */
export interface InvertOptionsParsed {
  p: Param<number>;
  perChannel: Param<number>;
  min: number | undefined;
  max: number | undefined;
  threshold: Param<number> | undefined;
  invertAboveThreshold: Param<number>;
}

/**
 * Inverts the values of each image with probability `p`, or of each channel with `perChannel`: 0 becomes 255 and
 * 10 becomes 245 in a uint8 image (imgaug's `Invert`).
 *
 * With `min` and `max` (default: the dtype's range, 0–255 for uint8 and ±3.4e38 for float32) a value v becomes
 * max − |v − min|, clipped to [min, max]; a float32 image with the symmetric default range is negated. With a
 * `threshold` drawn per image, only values ≥ threshold are inverted, or only values below it when the image's
 * `invertAboveThreshold` draw says no (imgaug's default 0.5 decides per image).
 *
 * Differs from imgaug: a negative uint8 threshold keeps every value (imgaug's table slice wraps around).
 *
 * @param p The probability of inverting an image (or, with `perChannel`, each channel). Default 1.
 * @example iaa.Invert(0.5)                                       // invert half of the images
 * @example iaa.Invert(1, { threshold: 128, invertAboveThreshold: true }) // solarize: invert values ≥ 128
 */
export const Invert = defineAugmenter(
  invertDefinition(
    'Invert',
    optionalNumberOption(
      { min: -1e38, max: 1e38 },
      'Invert only values at or above it (or below it, see invertAboveThreshold); drawn per image.',
    ),
    0.5,
    [{ p: 0.5, perChannel: 0.5 }, { threshold: [64, 192] }, { min: 10, max: 200, p: 0.7 }],
  ),
);
