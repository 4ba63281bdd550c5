// What Affine and its shortcuts (imgaug's Rotate, ShearX, ScaleY, TranslateX, …) share: each is its own definition
// whose `prepare` turns its options into Affine's parts (`prepareAffine`), and whose steps are Affine's
// (`affineSteps`).
import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import { applyWarpBatch, sharesWarpWork } from '../../geometry/apply.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg, rangeText } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { OptionDef } from '../base/define.ts';
import { NUMBER_FORMS } from '../base/options.ts';
import {
  AFFINE_RULES,
  type AffineDraw,
  type AffineSource,
  type Axes,
  affineDrawer,
  applyAffine,
  axesOption,
  float32Rules,
  isConstant,
} from './affine-core.ts';

/** A single numeric option of a one-axis Affine shortcut; `integerTyped` feeds imgaug's float32 rules. */
export interface AxisValue {
  readonly param: Param<number>;
  readonly integerTyped: boolean;
}

/** A numeric option (constant, range or parameter) that remembers whether the user gave an integer constant. */
export function axisOption(
  defaultValue: NumberInput | undefined,
  rules: NumberRules,
  doc: string,
): OptionDef<NumberInput | undefined, AxisValue | undefined> {
  return {
    default: defaultValue,
    meta: { type: NUMBER_FORMS, range: rangeText(rules), doc },
    parse(owner, option, value) {
      if (value === undefined || value === null) return undefined;
      const param = numberArg(owner, option, value, rules);
      return { param, integerTyped: value !== defaultValue && param.integer && isConstant(param) };
    },
  };
}

/** The options every Affine-like augmenter shares, parsed. */
interface WarpParsed {
  readonly order: Param<number>;
  readonly cval: Param<number>;
  readonly mode: AffineSource['mode'];
  readonly fitOutput: boolean;
}

/** A drawer of one image's transformation: what an Affine-like augmenter's `prepare` makes. */
export type AffineDrawer = (random: RandomSource, shape: Shape) => AffineDraw;

/** The drawer of an Affine-like augmenter, from its transformation's parts and the shared warp options. */
export function prepareAffine(
  type: string,
  parts: Omit<AffineSource, keyof WarpParsed>,
  warp: WarpParsed,
): AffineDrawer {
  const source: AffineSource = {
    ...parts,
    order: warp.order,
    cval: warp.cval,
    mode: warp.mode,
    fitOutput: warp.fitOutput,
  };
  return affineDrawer(type, source, float32Rules(source));
}

/** Affine's steps, given its drawer as the prepared value. */
export const affineSteps = {
  drawParams: (draw: AffineDrawer, random: RandomSource, shape: Shape): AffineDraw => draw(random, shape),
  outputShape: (_draw: AffineDrawer, _shape: Shape, params: AffineDraw): Shape => params.warp.output,
  apply: applyAffine,
  applyBatch: (batch: Image, params: readonly AffineDraw[], out: Image, size: number) =>
    applyWarpBatch(batch, params, out, size),
  sharesBatchWork: (params: readonly AffineDraw[]) => sharesWarpWork(params),
};

/** One axis of a per-axis option, as Affine's parsed form. */
export function axisOf(axis: 'x' | 'y', v: AxisValue | undefined): Axes | undefined {
  return v ? { [axis]: v.param, isDefault: false, integerTyped: v.integerTyped } : undefined;
}

/** The scale, translation and rotation options of `Affine` and `pillike.Affine` (imgaug's defaults and units). */
export const affineTransformOptions = {
  scale: axesOption(1, AFFINE_RULES.scale, 'both', 'The zoom factor (2 zooms in), or { x, y }.'),
  translatePx: axesOption(
    undefined,
    AFFINE_RULES.translatePx,
    'both',
    'The shift in whole pixels (+x right, +y down), or { x, y }.',
  ),
  translatePercent: axesOption(
    undefined,
    AFFINE_RULES.translatePercent,
    'both',
    'The shift as a fraction of the width (x) and height (y), or { x, y }.',
  ),
  rotate: axisOption(0, AFFINE_RULES.rotate, 'Degrees, clockwise on screen for positive values.'),
};

/** The options of `TranslateX` / `TranslateY`. */
export const translateOptions = {
  percent: axisOption(
    undefined,
    AFFINE_RULES.translatePercent,
    'The shift as a fraction of the side; default [-0.25, 0.25] when px is not given.',
  ),
  px: axisOption(undefined, AFFINE_RULES.translatePx, 'The shift in whole pixels (instead of percent).'),
};

const fallbackPercent = translateOptions.percent.parse('TranslateX', 'percent', [-0.25, 0.25]);

/**
 * imgaug's `TranslateX` / `TranslateY`: `percent` (a fraction of the side) or `px` (whole pixels), one of them;
 * with neither, `percent` is `[-0.25, 0.25]` (imgaug's default).
 */
export function translateParts(
  axis: 'x' | 'y',
  { percent, px }: { percent: AxisValue | undefined; px: AxisValue | undefined },
): Omit<AffineSource, keyof WarpParsed> {
  return px ? { translatePx: axisOf(axis, px) } : { translatePercent: axisOf(axis, percent ?? fallbackPercent) };
}

/** Rejects `percent` and `px` given together. */
export function validateTranslate(type: string, { percent, px }: { percent?: unknown; px?: unknown }): void {
  if (percent && px) throw argumentError(type, 'px', 'not given together with percent (choose one unit)', 'both');
}
