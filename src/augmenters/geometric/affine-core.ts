import { argumentError } from '../../core/errors.ts';
import type { Image, Shape } from '../../core/image.ts';
import { checkOutputSize } from '../../core/limits.ts';
import { type SampledWarp, type Sampling, applyWarp } from '../../geometry/apply.ts';
import type { MapWarpHook, Warp } from '../../geometry/warp.ts';
import { BORDER_MODES, type BorderMode } from '../../kernels/border.ts';
import type { WarpOrder } from '../../kernels/warp-affine.ts';
import { constant, fixedValue, isFixed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type NumberRules, numberArg, rangeText } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { type OptionDef, isOptionsObject } from '../base/define.ts';
import { NUMBER_FORMS, booleanOption, enumOption, numberOption, numberSetOption } from '../base/options.ts';
import { type Float32Rules, affineMatrixOf, fitOutput, isIdentityMatrix } from './affine-matrix.ts';

/** A per-axis option: one value for both axes (or, for `shear`, the x axis), or `{ x, y }`. */
export type AxesInput = NumberInput | { readonly x?: NumberInput; readonly y?: NumberInput };

/** A parsed per-axis option: `both` is drawn once and used for x and y; otherwise x and y are drawn apart. */
export interface Axes {
  readonly both?: Param<number>;
  readonly x?: Param<number>;
  readonly y?: Param<number>;
  /** True when the user left the option at its default (imgaug's defaults are floats). */
  readonly isDefault: boolean;
  /** Whether any given value is integer-typed (decides imgaug's float32 rules, see `float32Rules`). */
  readonly integerTyped: boolean;
}

const AXES_ACCEPTED = 'a number, a [min, max] range, an iap parameter or { x, y } of such';

/**
 * A per-axis option. `scalar: 'both'` means a plain value applies to both axes (scale, translate); `'x'` means to the
 * x axis only (imgaug's `shear=s`).
 */
export function axesOption(
  defaultValue: AxesInput | undefined,
  rules: NumberRules,
  scalar: 'both' | 'x',
  doc: string,
): OptionDef<AxesInput | undefined, Axes | undefined> {
  return {
    default: defaultValue,
    meta: { type: `${NUMBER_FORMS} | { x, y } of such`, range: rangeText(rules), doc },
    parse(owner, option, value): Axes | undefined {
      if (value === undefined || value === null) return undefined;
      const isDefault = value === defaultValue;
      if (isOptionsObject(value)) {
        // An empty object names no axis (its JSON, {}, would not build again): rejected like an unknown axis.
        const keys = Object.keys(value);
        const unknown = keys.find((key) => key !== 'x' && key !== 'y');
        if (keys.length === 0 || unknown !== undefined) {
          const why = unknown === undefined ? 'give x, y or both' : `unknown axis "${unknown}"`;
          throw argumentError(owner, option, AXES_ACCEPTED, value, 'type', why);
        }
        const x = value.x === undefined ? undefined : numberArg(owner, `${option}.x`, value.x, rules);
        const y = value.y === undefined ? undefined : numberArg(owner, `${option}.y`, value.y, rules);
        return {
          x,
          y,
          isDefault,
          integerTyped: !isDefault && [x, y].some((p) => p?.integer === true && isConstant(p)),
        };
      }
      const p = numberArg(owner, option, value, rules);
      const integerTyped = !isDefault && p.integer && isConstant(p);
      return scalar === 'both' ? { both: p, isDefault, integerTyped } : { x: p, isDefault, integerTyped };
    },
  };
}

/** True for a constant parameter (a plain number given by the user). */
export function isConstant(p: Param<number>): boolean {
  return typeof p.spec === 'number';
}

/**
 * The ranges of the transformation's options, shared by Affine and its shortcuts: imgaug sets none, but wider values
 * mean nothing for an image (more than ten turns, a million pixels, a thousand image sizes) and overflow the
 * matrix or the warp's coordinates.
 */
export const AFFINE_RULES = {
  scale: { min: 0, minExclusive: true, max: 1000 },
  translatePx: { integer: true, min: -1e6, max: 1e6 },
  translatePercent: { min: -1000, max: 1000 },
  rotate: { min: -3600, max: 3600 },
  shear: { min: -360, max: 360 },
} as const satisfies Record<string, NumberRules>;

/** The interpolation, border and canvas options every Affine-like augmenter shares (imgaug's defaults). */
export const warpOptions = {
  order: numberSetOption(
    1,
    [0, 1, 3],
    'The interpolation: 0 nearest, 1 bilinear, 3 bicubic; a list chooses per image.',
  ),
  cval: numberOption(0, { min: -1e38, max: 1e38 }, "The fill value under mode 'constant' (uint8 truncates it)."),
  mode: enumOption<BorderMode>('constant', BORDER_MODES, "How pixels outside the image are filled (imgaug's names)."),
  fitOutput: booleanOption(false, 'Resize the canvas so the whole transformed image is visible.'),
};

/** What one Affine-like augmenter needs drawn: parameters per axis plus the shared warp options. */
export interface AffineSource {
  readonly scale?: Axes;
  readonly translatePx?: Axes;
  readonly translatePercent?: Axes;
  readonly rotate?: Param<number>;
  readonly rotateIntegerTyped?: boolean;
  readonly shear?: Axes;
  readonly order: Param<number>;
  readonly cval: Param<number>;
  readonly mode: Param<BorderMode>;
  readonly fitOutput: boolean;
}

/**
 * Everything drawn for one image: the warp (the final matrix after fitOutput, or the identity where imgaug skips
 * the warp because the matrix is nearly the identity and the canvas unchanged) and how it samples.
 */
export interface AffineDraw extends SampledWarp {
  readonly warp: Extract<Warp, { kind: 'affine' | 'identity' }>;
}

/**
 * imgaug 0.4.0 keeps sampled parameters in numpy arrays: float values (its defaults and every range) become float32,
 * Python ints int32. A JS number cannot say whether it was written 90 or 90.0, so an integer constant given by the
 * user is read as a Python int (double-precision radians), and everything else as imgaug's floats.
 */
export function float32Rules(source: AffineSource): Float32Rules {
  const anglesInteger = source.rotateIntegerTyped === true || source.shear?.integerTyped === true;
  return {
    scale: true,
    angles: !anglesInteger,
    percent: true,
  };
}

/** One image's drawn values, by name: what `affineMatrixOf` and the warp take. */
interface AffineValues {
  scaleX: number;
  scaleY: number;
  translateX: number;
  translateY: number;
  rotate: number;
  shearX: number;
  shearY: number;
  order: number;
  mode: BorderMode;
  cval: number;
}

/** A parameter that varies per image: drawn from stream `name` into every field of `fields`. */
interface PlannedDraw {
  readonly param: Param<number | string>;
  readonly name: string;
  readonly fields: readonly (keyof AffineValues)[];
}

/**
 * Draws one image's affine transformation: the returned function is made once per augmenter (in `prepare`) and
 * called per image. Parameters with one possible value are resolved here, once, and read no stream (as `drawNamed`
 * does per draw); every other parameter is drawn from its own named stream, so the draws are those of drawing each
 * option in turn. A per-axis option given as one value (`both`, stream `scale`) is one draw used for x and y;
 * otherwise x and y draw from `scaleX` and `scaleY` (likewise `translate…` and `shear…`).
 */
export function affineDrawer(
  owner: string,
  source: AffineSource,
  rules: Float32Rules,
): (random: RandomSource, shape: Shape) => AffineDraw {
  const v: AffineValues = {
    scaleX: 1,
    scaleY: 1,
    translateX: 0,
    translateY: 0,
    rotate: 0,
    shearX: 0,
    shearY: 0,
    order: 1,
    mode: 'constant',
    cval: 0,
  };
  const fixed = v as unknown as Record<keyof AffineValues, number | string>;
  const draws: PlannedDraw[] = [];
  const plan = (param: Param<number | string>, name: string, fields: (keyof AffineValues)[]) => {
    if (isFixed(param)) for (const field of fields) fixed[field] = fixedValue(param);
    else draws.push({ param, name, fields });
  };
  const axes = (option: 'scale' | 'translate' | 'shear', axes: Axes | undefined, fallback: number) => {
    const [x, y] = [`${option}X`, `${option}Y`] as const;
    if (axes?.both) return plan(axes.both, option, [x, y]);
    plan(axes?.x ?? constant(fallback), x, [x]);
    plan(axes?.y ?? constant(fallback), y, [y]);
  };
  const percent = source.translatePercent !== undefined;
  axes('scale', source.scale, 1);
  axes('translate', percent ? source.translatePercent : source.translatePx, 0);
  plan(source.rotate ?? constant(0), 'rotate', ['rotate']);
  axes('shear', source.shear, 0);
  plan(source.order, 'order', ['order']);
  plan(source.mode as Param<string>, 'mode', ['mode']);
  plan(source.cval, 'cval', ['cval']);
  const fitCanvas = source.fitOutput;
  // imgaug hands OpenCV int(cval) for integer images: a float cval is truncated, then saturated by the kernel.
  const drawsSampling = draws.some((d) => d.fields.some((f) => f === 'order' || f === 'mode' || f === 'cval'));
  const fixedSampling: Sampling = { order: v.order as WarpOrder, mode: v.mode, cval: v.cval, truncateCval: true };
  // The fixed fields never change, and every call overwrites the drawn ones, so one object serves every call (a
  // draw runs to its end before the next begins).
  return (random, shape) => {
    for (let i = 0; i < draws.length; i++) {
      const { param, name, fields } = draws[i];
      const value = param.draw(random.stream(name));
      for (let j = 0; j < fields.length; j++) fixed[fields[j]] = value;
    }
    const { scaleX, scaleY, translateX, translateY, rotate, shearX, shearY } = v;
    let matrix = affineMatrixOf(scaleX, scaleY, translateX, translateY, percent, rotate, shearX, shearY, shape, rules);
    let output: Shape = shape;
    if (fitCanvas) {
      const fitted = fitOutput(matrix, shape);
      matrix = fitted.matrix;
      output = { height: fitted.height, width: fitted.width, channels: shape.channels };
    }
    const m = matrix;
    // Every option is bounded, so this is a backstop: a non-finite matrix must not reach the kernel unnamed.
    if (!Number.isFinite(m[0] + m[1] + m[2] + m[3] + m[4] + m[5])) {
      throw Object.assign(new RangeError(`${owner}: the drawn transformation is not finite (${m.join(', ')})`), {
        owner,
        option: 'options',
      });
    }
    if (fitCanvas) checkOutputSize(owner, 'fitOutput', output.height, output.width);
    const identity = isIdentityMatrix(matrix) && output.height === shape.height && output.width === shape.width;
    const sampling: Sampling = !drawsSampling
      ? fixedSampling
      : { order: v.order as WarpOrder, mode: v.mode, cval: v.cval, truncateCval: true };
    if (identity) return { warp: { kind: 'identity', output }, sampling };
    const values = [scaleX, scaleY, translateX, translateY, rotate, shearX, shearY] as const;
    const forMap = affineMapHook(values, percent, rules, shape, fitCanvas);
    return { warp: { kind: 'affine', matrix, output, forMap }, sampling };
  };
}

/**
 * A drawn affine warp's hook for maps of another size: imgaug rebuilds the matrix about the map's centre, in the
 * map's pixels, with the translation scaled to it; fitOutput fits the map's own corners. Made here, not in the
 * drawer: a function stored in a variable is named at run time under esbuild's keepNames (tsx runs the sources that
 * way), which cost a few microseconds per image.
 */
function affineMapHook(
  values: readonly [number, number, number, number, number, number, number],
  percent: Parameters<typeof affineMatrixOf>[4],
  rules: Parameters<typeof affineMatrixOf>[9],
  shape: Shape,
  fitCanvas: boolean,
): MapWarpHook {
  return (map) => {
    const [sx, sy, tx, ty, r, shx, shy] = values;
    let m = affineMatrixOf(sx, sy, tx, ty, percent, r, shx, shy, map, rules, shape);
    let out: Shape = map;
    if (fitCanvas) {
      const fitted = fitOutput(m, map);
      m = fitted.matrix;
      out = { height: fitted.height, width: fitted.width, channels: map.channels };
    }
    const same = out.height === map.height && out.width === map.width;
    return isIdentityMatrix(m) && same ? { kind: 'identity', output: out } : { kind: 'affine', matrix: m, output: out };
  };
}

/** Warps one image with a drawn transformation (or copies it when imgaug would skip the warp). */
export function applyAffine(image: Image, draw: AffineDraw, out: Image): void {
  applyWarp(image, draw.warp, out, draw.sampling);
}
