import { argumentError } from '../../core/errors.ts';
import type { Param } from '../../params/param.ts';
import { numberArg } from '../../params/sugar.ts';
import type { NumberInput } from '../../params/sugar.ts';
import type { OptionDef } from '../base/define.ts';
import { defineAugmenter } from '../base/define.ts';
import {
  type AffineDraw,
  type AffineSource,
  applyAffine,
  axesOption,
  drawAffine,
  float32Rules,
  isConstant,
  warpOptions,
} from './affine-core.ts';
import type { Float32Rules } from './affine-matrix.ts';

/** The rotation option: degrees, clockwise on screen for positive values. */
function rotateOption(
  defaultValue: NumberInput,
): OptionDef<NumberInput, { param: Param<number>; integerTyped: boolean }> {
  return {
    default: defaultValue,
    parse(owner, option, value) {
      const param = numberArg(owner, option, value);
      return { param, integerTyped: value !== defaultValue && param.integer && isConstant(param) };
    },
  };
}

/**
 * Warps each image with an affine transformation drawn per image: scale, then rotate and shear, then translate,
 * all about the image centre, in one resampling (imgaug's `Affine`).
 *
 * The matrix is built exactly as imgaug 0.4.0 builds it (centre ((W−1)/2, (H−1)/2), scikit-image's matrix whose
 * shear turns the y axis, the y-shear between quarter turns), and uint8 images are warped with OpenCV's fixed-point
 * arithmetic, so the bytes equal imgaug's. float32 images use the same coordinates with float weights, unclipped.
 *
 * - `scale`: a factor > 0 for both axes, or `{ x, y }` (2 zooms in). Default 1.
 * - `translatePx`: integer pixels for both axes, or `{ x, y }` (+x right, +y down). Default 0.
 * - `translatePercent`: fractions of the width (x) and height (y), or `{ x, y }`. Not together with `translatePx`.
 * - `rotate`: degrees, clockwise on screen for positive values. Default 0.
 * - `shear`: degrees of x-shear, or `{ x, y }`. Default 0.
 * - `order`: 0 nearest, 1 bilinear (default), 3 bicubic; a list chooses per image.
 * - `cval`: the fill value under `mode: 'constant'` (uint8 truncates it to an integer, as imgaug). Default 0.
 * - `mode`: 'constant' (default), 'edge', 'symmetric', 'reflect' or 'wrap' (imgaug's names; 'reflect' mirrors
 *   without repeating the edge pixel, 'symmetric' repeats it); a list chooses per image.
 * - `fitOutput`: enlarge or shrink the canvas so the whole transformed image is visible. Default false.
 * Every numeric option takes a number, a `[min, max]` range sampled per image, or an `iap` parameter.
 *
 * Differs from imgaug: a JS number cannot tell `90` from `90.0`. An integer angle is read as imgaug reads a Python
 * int (radians in double precision), so `rotate: 90, fitOutput: true` gives 28×28 on a 28×28 image, where imgaug's
 * `rotate=90.0` gives 29×29 from float32 rounding. Ranges and non-integer angles follow imgaug's float32 rounding.
 *
 * @example iaa.Affine({ rotate: [-45, 45], fitOutput: true })       // any angle, nothing cut off
 * @example iaa.Affine({ translatePx: { x: [-10, 10] } })            // the walkthrough's horizontal shifts
 * @example iaa.Affine({ scale: 2, mode: 'edge' })                   // zoom in, borders repeat the edge
 */
export const Affine = defineAugmenter({
  type: 'Affine',
  kind: 'geometric',
  options: {
    scale: axesOption(1, { min: 0, minExclusive: true }, 'both'),
    translatePx: axesOption(undefined, { integer: true }, 'both'),
    translatePercent: axesOption(undefined, {}, 'both'),
    rotate: rotateOption(0),
    shear: axesOption(0, { min: -360, max: 360 }, 'x'),
    ...warpOptions,
  },
  validate(options) {
    if (options.translatePx && options.translatePercent) {
      throw argumentError(
        'Affine',
        'translatePx',
        'not given together with translatePercent (choose one unit)',
        'both',
      );
    }
  },
  drawParams(options, random, shape): AffineDraw {
    const { source, rules } = prepared(options);
    return drawAffine(source, rules, random, shape);
  },
  outputShape: (_options, _shape, params) => params.output,
  apply: (image, params, out) => applyAffine(image, params, out),
});

type AffineParsed = Parameters<typeof Affine.definition.drawParams>[0];

// The parsed options turned once into what drawAffine reads, cached per augmenter instance.
const cache = new WeakMap<object, { source: AffineSource; rules: Float32Rules }>();

function prepared(options: AffineParsed): { source: AffineSource; rules: Float32Rules } {
  let entry = cache.get(options);
  if (!entry) {
    const source: AffineSource = {
      scale: options.scale,
      translatePx: options.translatePx,
      translatePercent: options.translatePercent,
      rotate: options.rotate.param,
      rotateIntegerTyped: options.rotate.integerTyped,
      shear: options.shear,
      order: options.order,
      cval: options.cval,
      mode: options.mode,
      fitOutput: options.fitOutput,
    };
    entry = { source, rules: float32Rules(source) };
    cache.set(options, entry);
  }
  return entry;
}
