import type { Image } from '../../core/image.ts';
import { type Colorspace, convertColorspace } from '../../kernels/colorspace.ts';
import { IDENTITY_LUT, applyLut } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { UINT8_RGB } from './colorspace-options.ts';

// The hue and saturation tables of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();

/** One drawn value and the stream it is drawn from (named after the user's option). */
export interface DrawnValue {
  readonly param: Param<number>;
  readonly stream: string;
}

/** What AddToHueAndSaturation and its shortcuts draw from, once per augmenter. */
export interface HueSaturationPrepared {
  /** One value for both (or, with perChannel, a second one for saturation); excludes `hue` and `saturation`. */
  readonly value?: DrawnValue;
  readonly perChannel?: Param<number>;
  readonly hue?: DrawnValue;
  readonly saturation?: DrawnValue;
  readonly fromColorspace: Exclude<Colorspace, 'GRAY'>;
}

/** One image's shifts: hue in OpenCV's units (0–180 is the full circle), saturation in 0–255 steps. */
export interface HueSaturationParams {
  readonly hue: number;
  readonly saturation: number;
}

/** imgaug projects a hue value in [−255, 255] onto OpenCV's half-degrees: int(float32(v) / 255 · 180). */
export function hueShift(value: number): number {
  return Math.trunc(Math.fround(Math.fround(value / 255) * 180));
}

/** imgaug casts its draws to int32 (truncating). */
const drawInt = (v: DrawnValue, random: RandomSource) => Math.trunc(v.param.draw(random.stream(v.stream)));

/** The draws and the pixel work of AddToHueAndSaturation, shared with AddToHue and AddToSaturation. */
export const hueSaturationSteps = {
  accepts: UINT8_RGB,
  drawParams(prepared: HueSaturationPrepared, random: RandomSource): HueSaturationParams {
    const { value, perChannel, hue, saturation } = prepared;
    if (value !== undefined) {
      // imgaug draws two values per image: the first for hue (and saturation), the second for saturation when the
      // image's perChannel draw says so.
      const own = (perChannel?.draw(random.stream('perChannel')) ?? 0) > 0.5;
      const stream = random.stream(value.stream);
      const first = Math.trunc(value.param.draw(stream));
      const second = Math.trunc(value.param.draw(stream));
      return { hue: hueShift(first), saturation: own ? second : first };
    }
    return {
      hue: hue === undefined ? 0 : hueShift(drawInt(hue, random)),
      saturation: saturation === undefined ? 0 : drawInt(saturation, random),
    };
  },
  apply(image: Image, params: HueSaturationParams, out: Image, prepared: HueSaturationPrepared): void {
    const { fromColorspace } = prepared;
    const n = image.height * image.width;
    const hsv = out.data as Uint8Array;
    convertColorspace(image.data as Uint8Array, hsv, n, image.width, fromColorspace, 'HSV');
    // imgaug's tables: hue wraps around modulo 180 (numpy's mod, never negative), saturation is clipped.
    const hueTable = scratch.u8(0, 256);
    const saturationTable = scratch.u8(1, 256);
    for (let v = 0; v < 256; v++) {
      hueTable[v] = (((v + params.hue) % 180) + 180) % 180;
      saturationTable[v] = Math.min(255, Math.max(0, v + params.saturation));
    }
    applyLut(hsv, [hueTable, saturationTable, IDENTITY_LUT], 3, hsv);
    convertColorspace(hsv, hsv, n, image.width, 'HSV', fromColorspace);
  },
};
