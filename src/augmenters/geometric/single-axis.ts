import { argumentError } from '../../core/errors.ts';
import type { Shape } from '../../core/image.ts';
import { checkOutputSize } from '../../core/limits.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type AugmenterFactory, type OptionDef, defineAugmenter } from '../base/define.ts';
import {
  AFFINE_RULES,
  type AffineDraw,
  type AffineSource,
  type Axes,
  affineDrawer,
  applyAffine,
  applyAffineBatch,
  float32Rules,
  isConstant,
  warpOptions,
} from './affine-core.ts';

/** A single numeric option of a one-axis Affine shortcut; `integerTyped` feeds imgaug's float32 rules. */
export interface AxisValue {
  readonly param: Param<number>;
  readonly integerTyped: boolean;
}

/** A numeric option (constant, range or parameter) that remembers whether the user gave an integer constant. */
export function axisOption(
  defaultValue: NumberInput | undefined,
  rules: NumberRules = {},
): OptionDef<NumberInput | undefined, AxisValue | undefined> {
  return {
    default: defaultValue,
    parse(owner, option, value) {
      if (value === undefined || value === null) return undefined;
      const param = numberArg(owner, option, value, rules);
      return { param, integerTyped: value !== defaultValue && param.integer && isConstant(param) };
    },
  };
}

type WarpParsed = {
  readonly order: Param<number>;
  readonly cval: Param<number>;
  readonly mode: AffineSource['mode'];
  readonly fitOutput: boolean;
};

const axes = (axis: 'x' | 'y', v: AxisValue | undefined): Axes | undefined =>
  v ? { [axis]: v.param, isDefault: false, integerTyped: v.integerTyped } : undefined;

/**
 * Builds `Affine` or one of its shortcuts (imgaug's `Rotate`, `ShearX`, `ScaleY`, …): `primary` is the option taken
 * positionally (none for Affine), `toSource` turns the parsed options into Affine's parts once per augmenter; order,
 * cval, mode and fitOutput are shared.
 */
export function defineAffineShortcut<D extends Record<string, OptionDef<unknown, unknown>>>(
  type: string,
  primary: (keyof D & string) | undefined,
  options: D,
  toSource: (
    parsed: { [K in keyof D]: D[K] extends OptionDef<unknown, infer O> ? O : never },
  ) => Omit<AffineSource, keyof WarpParsed>,
  validate?: (parsed: { [K in keyof D]: D[K] extends OptionDef<unknown, infer O> ? O : never }) => void,
): AugmenterFactory<D & typeof warpOptions, AffineDraw> {
  const cache = new WeakMap<object, (random: RandomSource, shape: Shape) => AffineDraw>();
  // The last augmenter's drawer, checked before the map: draws come per image, mostly from one augmenter in turn.
  let lastParsed: object | undefined;
  let lastDrawer: ((random: RandomSource, shape: Shape) => AffineDraw) | undefined;
  const prepared = (parsed: Record<string, unknown>) => {
    if (parsed === lastParsed && lastDrawer !== undefined) return lastDrawer;
    let entry = cache.get(parsed);
    if (!entry) {
      const w = parsed as unknown as WarpParsed;
      const source: AffineSource = {
        ...toSource(parsed as never),
        order: w.order,
        cval: w.cval,
        mode: w.mode,
        fitOutput: w.fitOutput,
      };
      entry = affineDrawer(source, float32Rules(source));
      cache.set(parsed, entry);
    }
    lastParsed = parsed;
    lastDrawer = entry;
    return entry;
  };
  return defineAugmenter({
    type,
    kind: 'geometric',
    primary,
    options: { ...options, ...warpOptions },
    validate: validate as never,
    drawParams(parsed, random, shape): AffineDraw {
      const draw = prepared(parsed as Record<string, unknown>)(random, shape);
      const m = draw.matrix;
      // Every option is bounded, so this is a backstop: a non-finite matrix must not reach the kernel unnamed.
      if (!Number.isFinite(m[0] + m[1] + m[2] + m[3] + m[4] + m[5])) {
        throw Object.assign(new RangeError(`${type}: the drawn transformation is not finite (${m.join(', ')})`), {
          owner: type,
          option: 'options',
        });
      }
      if ((parsed as { fitOutput: boolean }).fitOutput) {
        checkOutputSize(type, 'fitOutput', draw.output.height, draw.output.width);
      }
      return draw;
    },
    outputShape: (_o, _s, params) => params.output,
    apply: (image, params, out) => applyAffine(image, params, out),
    applyBatch: (batch, params, out, size) => applyAffineBatch(batch, params, out, size),
  }) as unknown as AugmenterFactory<D & typeof warpOptions, AffineDraw>;
}

export { axes as axisOf };

/**
 * imgaug's `TranslateX` / `TranslateY`: `percent` (a fraction of the side) or `px` (whole pixels), one of them;
 * with neither, `percent` is `[-0.25, 0.25]` (imgaug's default).
 */
export function defineTranslate(type: 'TranslateX' | 'TranslateY', axis: 'x' | 'y') {
  const fallback = axisOption([-0.25, 0.25]).parse(type, 'percent', [-0.25, 0.25]);
  return defineAffineShortcut(
    type,
    'percent',
    {
      percent: axisOption(undefined, AFFINE_RULES.translatePercent),
      px: axisOption(undefined, AFFINE_RULES.translatePx),
    },
    ({ percent, px }) => (px ? { translatePx: axes(axis, px) } : { translatePercent: axes(axis, percent ?? fallback) }),
    ({ percent, px }) => {
      if (percent && px) throw argumentError(type, 'px', 'not given together with percent (choose one unit)', 'both');
    },
  );
}
