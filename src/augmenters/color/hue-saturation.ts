import { argumentError } from '../../core/errors.ts';
import type { Image } from '../../core/image.ts';
import { type Colorspace, convertColorspace } from '../../kernels/colorspace.ts';
import { asInt16, hueFrom255, hueTo255, saturationFromInt16 } from '../../kernels/hue-saturation.ts';
import { IDENTITY_LUT, applyLut } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource, RandomStream } from '../../random/stream.ts';
import { UINT8_RGB } from './colorspace-options.ts';

// The hue and saturation tables of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();
const f32 = Math.fround;

/** One drawn value and the stream it is drawn from (named after the user's option). */
export interface DrawnValue {
  readonly param: Param<number>;
  readonly stream: string;
}

/**
 * What AddToHueAndSaturation, MultiplyHueAndSaturation and their shortcuts draw from, once per augmenter. `op` says
 * what the drawn values do: 'add' shifts (imgaug's integer draws), 'multiply' scales (imgaug's WithHueAndSaturation
 * around Multiply).
 */
export interface HueSaturationPrepared {
  readonly op: 'add' | 'multiply';
  /** One value for both (or, with perChannel, a second one for saturation); excludes `hue` and `saturation`. */
  readonly value?: DrawnValue;
  readonly perChannel?: Param<number>;
  readonly hue?: DrawnValue;
  readonly saturation?: DrawnValue;
  readonly fromColorspace: Exclude<Colorspace, 'GRAY'>;
}

/**
 * One image's values. 'add': hue in OpenCV's units (0–180 is the full circle), saturation in 0–255 steps.
 * 'multiply': the two factors as float32, as imgaug's Multiply uses them (1 where nothing is multiplied).
 */
export interface HueSaturationParams {
  readonly hue: number;
  readonly saturation: number;
}

/** The options' names (`value`, `valueHue`, `valueSaturation`, or `mul`, `mulHue`, `mulSaturation`). */
export type HueSaturationNames = readonly [both: string, hue: string, saturation: string];

/**
 * `validate` and `prepare` of AddToHueAndSaturation or MultiplyHueAndSaturation, whose options are named `names`:
 * imgaug's rule that the value for both excludes the other two (the template error names the first one given), and
 * the prepared form — the value for both when given, else the hue's and the saturation's, and with none of the three
 * `defaults` for both; each drawn from the stream named after its option.
 */
export function hueSaturationChoice(
  op: HueSaturationPrepared['op'],
  owner: string,
  names: HueSaturationNames,
  defaults: { readonly hue: Param<number>; readonly saturation: Param<number> },
) {
  const [bothName, hueName, saturationName] = names;
  const given = (o: Record<string, unknown>, name: string) => o[name] as Param<number> | undefined;
  return {
    validate(options: Record<string, unknown>): void {
      const both = given(options, bothName);
      const hue = given(options, hueName);
      const saturation = given(options, saturationName);
      if (both !== undefined && (hue !== undefined || saturation !== undefined)) {
        const [option, value] = hue !== undefined ? [hueName, hue] : [saturationName, saturation];
        throw argumentError(owner, option, `left out when ${bothName} is given (as in imgaug)`, value);
      }
    },
    prepare(options: Record<string, unknown>): HueSaturationPrepared {
      const fromColorspace = options.fromColorspace as Exclude<Colorspace, 'GRAY'>;
      const both = given(options, bothName);
      if (both !== undefined) {
        return {
          op,
          value: { param: both, stream: bothName },
          perChannel: options.perChannel as Param<number>,
          fromColorspace,
        };
      }
      const none = given(options, hueName) === undefined && given(options, saturationName) === undefined;
      const hue = none ? defaults.hue : given(options, hueName);
      const saturation = none ? defaults.saturation : given(options, saturationName);
      return {
        op,
        hue: hue && { param: hue, stream: hueName },
        saturation: saturation && { param: saturation, stream: saturationName },
        fromColorspace,
      };
    },
  };
}

/** imgaug projects a hue value in [−255, 255] onto OpenCV's half-degrees: int(float32(v) / 255 · 180). */
export function hueShift(value: number): number {
  return Math.trunc(Math.fround(Math.fround(value / 255) * 180));
}

/** One draw, as the operation takes it: AddToHueAndSaturation casts to int32 (truncating), Multiply to float32. */
function drawOne(op: HueSaturationPrepared['op'], param: Param<number>, stream: RandomStream): number {
  const v = param.draw(stream);
  return op === 'add' ? Math.trunc(v) : Math.fround(v);
}

/**
 * The hue and saturation tables of one image. 'add': imgaug's AddToHueAndSaturation tables (hue wraps around modulo
 * 180, never negative; saturation clipped). 'multiply': imgaug's WithHueAndSaturation round trip around Multiply —
 * the hue projected to 0–255, multiplied in float32 and stored as int16, projected back (the trip alone lowers some
 * hues by one); the saturation multiplied, stored and clipped.
 */
function hueSaturationTables(op: HueSaturationPrepared['op'], params: HueSaturationParams): Uint8Array[] {
  const hueTable = scratch.u8(0, 256);
  const saturationTable = scratch.u8(1, 256);
  const { hue, saturation } = params;
  for (let v = 0; v < 256; v++) {
    if (op === 'add') {
      hueTable[v] = (((v + hue) % 180) + 180) % 180;
      saturationTable[v] = Math.min(255, Math.max(0, v + saturation));
    } else {
      hueTable[v] = hueFrom255(asInt16(f32(hueTo255(v) * hue)));
      saturationTable[v] = saturationFromInt16(asInt16(f32(v * saturation)));
    }
  }
  return [hueTable, saturationTable, IDENTITY_LUT];
}

/** The draws and the pixel work of AddToHueAndSaturation, MultiplyHueAndSaturation and their shortcuts. */
export const hueSaturationSteps = {
  accepts: UINT8_RGB,
  drawParams(prepared: HueSaturationPrepared, random: RandomSource): HueSaturationParams {
    const { op, value, perChannel, hue, saturation } = prepared;
    const none = op === 'add' ? 0 : 1;
    if (value !== undefined) {
      // imgaug draws two values per image: the first for hue (and saturation), the second for saturation when the
      // image's perChannel draw says so.
      const own = (perChannel?.draw(random.stream('perChannel')) ?? 0) > 0.5;
      const stream = random.stream(value.stream);
      const first = drawOne(op, value.param, stream);
      const second = drawOne(op, value.param, stream);
      return { hue: op === 'add' ? hueShift(first) : first, saturation: own ? second : first };
    }
    const hueValue = hue === undefined ? none : drawOne(op, hue.param, random.stream(hue.stream));
    return {
      hue: op === 'add' ? hueShift(hueValue) : hueValue,
      saturation: saturation === undefined ? none : drawOne(op, saturation.param, random.stream(saturation.stream)),
    };
  },
  apply(image: Image, params: HueSaturationParams, out: Image, prepared: HueSaturationPrepared): void {
    const { fromColorspace } = prepared;
    const n = image.height * image.width;
    const hsv = out.data as Uint8Array;
    convertColorspace(image.data as Uint8Array, hsv, n, image.width, fromColorspace, 'HSV');
    applyLut(hsv, hueSaturationTables(prepared.op, params), 3, hsv);
    convertColorspace(hsv, hsv, n, image.width, 'HSV', fromColorspace);
  },
};
