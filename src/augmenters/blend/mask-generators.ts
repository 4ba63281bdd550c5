// The mask generators a JSON pipeline can name, InvertMaskGen (which holds another), and the option that takes one.
import { argumentError } from '../../core/errors.ts';
import { drawNamed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import type { RandomStream } from '../../random/stream.ts';
import { type OptionDef, isOptionsObject } from '../base/define.ts';
import { numberOption, probabilityOption } from '../base/options.ts';
import { HorizontalLinearGradientMaskGen, VerticalLinearGradientMaskGen } from './gradient-mask.ts';
import { CheckerboardMaskGen, RegularGridMaskGen } from './grid-mask.ts';
import {
  MaskGenerator,
  type MaskGeneratorFactory,
  type MaskGeneratorSpec,
  defineMaskGenerator,
  maskGeneratorFromSpec,
} from './mask-generator.ts';

/** One image's element-wise mask: whether it has a value per channel, and the stream its values come from. */
export interface ElementwiseMaskParams {
  readonly perChannel: boolean;
  readonly values: RandomStream;
}

/**
 * A mask whose every pixel (or, with `perChannel`, every value) is drawn from `parameter` (imgaug's
 * `StochasticParameterMaskGen`, what BlendAlphaElementwise uses). The draws come from augkit's streams: the same
 * distribution as imgaug's, other values.
 * @example iaa.StochasticParameterMaskGen({ parameter: iaa.iap.uniform(0, 1), perChannel: 0.5 })
 */
export const StochasticParameterMaskGen = defineMaskGenerator({
  type: 'StochasticParameterMaskGen',
  positional: ['parameter', 'perChannel'],
  options: {
    parameter: numberOption([0, 1], { min: 0, max: 1 }, "Each value's opacity, drawn per pixel (or per value)."),
    perChannel: probabilityOption(false, 'Whether each channel draws its own mask (or the probability that it does).'),
  },
  draw: ({ perChannel }, random): ElementwiseMaskParams => ({
    perChannel: drawNamed(perChannel, random, 'perChannel') > 0.5,
    values: random.stream('parameter'),
  }),
  channelsOf: (_options, params, shape) => (params.perChannel ? shape.channels : 1),
  fill: ({ parameter }, params, _shape, out) => (parameter as Param<number>).drawMany(params.values.restart(), out),
});

/** The names of {@link GENERATORS}, for docs and errors (a test keeps them in step). */
export const GENERATOR_NAMES =
  'StochasticParameterMaskGen, HorizontalLinearGradientMaskGen, VerticalLinearGradientMaskGen, RegularGridMaskGen, CheckerboardMaskGen, InvertMaskGen';

/** One image's inverted mask: the other generator's params, and whether this image's mask is inverted. */
export interface InvertMaskParams {
  readonly child: unknown;
  readonly invert: boolean;
}

/**
 * Another generator's mask, inverted (1 − mask) with probability `p` per image (imgaug's `InvertMaskGen`). The
 * other generator draws at its own address (`child`).
 * @example iaa.InvertMaskGen(0.5, iaa.VerticalLinearGradientMaskGen())
 */
export const InvertMaskGen = defineMaskGenerator({
  type: 'InvertMaskGen',
  positional: ['p', 'child'],
  options: {
    p: probabilityOption(0.5, 'The probability that an image’s mask is inverted.'),
    child: maskGeneratorOption(undefined, 'The generator whose masks are inverted.'),
  },
  draw: ({ p, child }, random, shape): InvertMaskParams => ({
    child: (child as MaskGenerator).draw(random.child('child'), shape),
    invert: drawNamed(p, random, 'p') > 0.5,
  }),
  channelsOf: ({ child }, params, shape) => (child as MaskGenerator).channelsOf(params.child, shape),
  fill({ child }, params, shape, out) {
    (child as MaskGenerator).fill(params.child, shape, out);
    if (params.invert) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i];
  },
});

/** Every generator a JSON pipeline may name, by type (InvertMaskGen's option reads the names before the table is made). */
export const GENERATORS: Readonly<Record<string, MaskGeneratorFactory<never, unknown>>> = {
  StochasticParameterMaskGen,
  HorizontalLinearGradientMaskGen,
  VerticalLinearGradientMaskGen,
  RegularGridMaskGen,
  CheckerboardMaskGen,
  InvertMaskGen,
} as never;

/** True for a generator's JSON form (`{ type: 'VerticalLinearGradientMaskGen', … }`), which the option also takes. */
export function isMaskGeneratorSpec(value: unknown): boolean {
  return isOptionsObject(value) && typeof value.type === 'string' && GENERATOR_NAMES.split(', ').includes(value.type);
}

/**
 * An option holding a mask generator: one made by a factory (`iaa.VerticalLinearGradientMaskGen()`) or its JSON form
 * `{ "type": …, options }`, which is also what the option's JSON holds. Required when `defaultValue` is undefined.
 */
export function maskGeneratorOption(
  defaultValue: MaskGenerator | undefined,
  doc: string,
): OptionDef<MaskGenerator | MaskGeneratorSpec | undefined, MaskGenerator> {
  const asGenerator = (value: unknown, path: string) =>
    value instanceof MaskGenerator ? value : maskGeneratorFromSpec(GENERATORS as never, value, path);
  return {
    default: defaultValue,
    meta: { type: 'mask generator', range: GENERATOR_NAMES, doc },
    parse(owner, option, value) {
      if (value instanceof MaskGenerator) return value;
      if (isMaskGeneratorSpec(value)) return asGenerator(value, option);
      throw argumentError(owner, option, `a mask generator (${GENERATOR_NAMES})`, value, 'type');
    },
    toJSON: (value) => (value === undefined ? undefined : asGenerator(value, 'maskGenerator').toJSON()),
    fromJSON: (value, path) => asGenerator(value, path),
  };
}
