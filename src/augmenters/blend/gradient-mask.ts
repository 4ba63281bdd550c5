import { fillGradientMask } from '../../kernels/blend-masks.ts';
import { drawNamed } from '../../params/constant.ts';
import type { NumberInput } from '../../params/sugar.ts';
import type { Augmenter, CommonOptions } from '../base/augmenter.ts';
import type { DefinedFactory, ParsedOf } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import type { Branch } from '../meta/branch.ts';
import { type Branches, branchOptions, checkBranches } from './branches.ts';
import { type MaskBlendParams, maskBlendSteps } from './mask-blend.ts';
import { defineMaskGenerator } from './mask-generator.ts';

/** One image's gradient: its end values and where it starts and ends (fractions of the axis). */
export interface GradientMaskParams {
  readonly minValue: number;
  readonly maxValue: number;
  readonly startAt: number;
  readonly endAt: number;
}

/** The options of both gradients, with imgaug's defaults; `along` names the axis in the docs. */
export function gradientOptions(along: 'x' | 'y') {
  const axis = along === 'x' ? 'width (0 is the left)' : 'height (0 is the top)';
  return {
    minValue: numberOption([0, 0.2], { min: 0, max: 1 }, 'The mask before the gradient starts; drawn per image.'),
    maxValue: numberOption([0.8, 1], { min: 0, max: 1 }, 'The mask after the gradient ends; drawn per image.'),
    startAt: numberOption([0, 0.2], { min: 0, max: 1 }, `Where the gradient starts, as a fraction of the ${axis}.`),
    endAt: numberOption(
      [0.8, 1],
      { min: 0, max: 1 },
      `Where it ends, as a fraction of the ${axis}; before startAt inverts the mask.`,
    ),
  };
}

function gradientGenerator(type: string, axis: 'x' | 'y') {
  return defineMaskGenerator({
    type,
    options: gradientOptions(axis),
    draw: ({ minValue, maxValue, startAt, endAt }, random): GradientMaskParams => ({
      minValue: drawNamed(minValue, random, 'minValue'),
      maxValue: drawNamed(maxValue, random, 'maxValue'),
      startAt: drawNamed(startAt, random, 'startAt'),
      endAt: drawNamed(endAt, random, 'endAt'),
    }),
    fill: (_options, params, shape, out) =>
      fillGradientMask({ height: shape.height, width: shape.width, axis, ...params, out }),
  });
}

/**
 * A mask that grows linearly from left to right (imgaug's `HorizontalLinearGradientMaskGen`): `minValue` up to
 * `startAt` of the width, then a linear ramp (numpy's float32 linspace) up to `endAt`, then `maxValue`; with
 * `endAt` before `startAt` the ramp runs from right to left and the mask is inverted (1 − mask).
 * @example iaa.HorizontalLinearGradientMaskGen({ startAt: 0.5, endAt: 1 })
 */
export const HorizontalLinearGradientMaskGen = gradientGenerator('HorizontalLinearGradientMaskGen', 'x');

/**
 * A mask that grows linearly from top to bottom (imgaug's `VerticalLinearGradientMaskGen`), as
 * {@link HorizontalLinearGradientMaskGen} along the height.
 * @example iaa.VerticalLinearGradientMaskGen({ minValue: 0, maxValue: 1 })
 */
export const VerticalLinearGradientMaskGen = gradientGenerator('VerticalLinearGradientMaskGen', 'y');

/** The JSON options of a gradient blend, the branches as in BlendAlpha. */
export interface GradientBlendOptions extends CommonOptions {
  readonly foreground?: Branch;
  readonly background?: Branch;
  readonly minValue?: NumberInput;
  readonly maxValue?: NumberInput;
  readonly startAt?: NumberInput;
  readonly endAt?: NumberInput;
}

/** The factory of a gradient blend: the branches positionally, or everything in one object. */
export type GradientBlendFactory = DefinedFactory<{
  (options?: GradientBlendOptions): Augmenter<MaskBlendParams>;
  (
    foreground?: Branch,
    background?: Branch,
    options?: Omit<GradientBlendOptions, 'foreground' | 'background'>,
  ): Augmenter<MaskBlendParams>;
}>;

/** The definition of BlendAlphaHorizontalLinearGradient ('x') or BlendAlphaVerticalLinearGradient ('y'). */
export function gradientBlendDefinition(type: string, axis: 'x' | 'y') {
  const generator = axis === 'x' ? HorizontalLinearGradientMaskGen : VerticalLinearGradientMaskGen;
  return {
    type,
    kind: 'meta' as const,
    positional: ['foreground', 'background'] as ('foreground' | 'background')[],
    options: { ...branchOptions(), ...gradientOptions(axis) },
    examples: [
      { foreground: { type: 'Multiply', mul: [0.1, 0.5] } },
      { foreground: { type: 'Add', value: 80 }, minValue: 0.2, maxValue: 0.8, startAt: [0, 1], endAt: [0, 1] },
    ],
    validate: (options: Branches) => checkBranches(type, options),
    prepare: ({ foreground, background, minValue, maxValue, startAt, endAt }: ParsedOf<GradientDefs>) => ({
      generator: generator({ minValue, maxValue, startAt, endAt }),
      foreground,
      background,
    }),
    ...maskBlendSteps(type),
  };
}

type GradientDefs = ReturnType<typeof branchOptions> & ReturnType<typeof gradientOptions>;
