import type { Image } from '../../core/image.ts';
import { type Colorspace, convertColorspace } from '../../kernels/colorspace.ts';
import { IDENTITY_LUT, applyLut, buildValueLut } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import { addUint8 } from '../arithmetic/add.ts';
import { multiplyUint8 } from '../arithmetic/multiply.ts';
import { enumOption, numberOption } from '../base/options.ts';
import { VALUE_MAP_RANGE } from '../base/value-map.ts';
import { shuffledOrder } from '../meta/chain.ts';
import { UINT8_RGB, fromColorspaceOption } from './colorspace-options.ts';

/** The spaces whose brightness channel imgaug's WithBrightnessChannels knows, in its default list's order. */
export const BRIGHTNESS_COLORSPACES = ['YCrCb', 'HSV', 'HLS', 'Lab', 'Luv', 'YUV'] as const;
export type BrightnessColorspace = (typeof BRIGHTNESS_COLORSPACES)[number];

/** The brightness channel of each space (imgaug's `_CSPACE_TO_CHANNEL_ID`): Y, V, L, L, L, Y. */
const CHANNEL: Record<BrightnessColorspace, number> = { YCrCb: 0, HSV: 2, HLS: 1, Lab: 0, Luv: 0, YUV: 0 };

/** The options of MultiplyAndAddToBrightness that its shortcuts take too (each of `mul`, `add` alone). */
export const brightnessOptions = {
  mul: numberOption([0.7, 1.3], VALUE_MAP_RANGE, 'The factor the brightness channel is multiplied by.'),
  add: numberOption([-30, 30], VALUE_MAP_RANGE, 'The value added to the brightness channel (rounded for uint8).'),
  /** imgaug's `to_colorspace`: drawn per image among these spaces. */
  toColorspace: enumOption<BrightnessColorspace>(
    [...BRIGHTNESS_COLORSPACES],
    BRIGHTNESS_COLORSPACES,
    'The colour space whose brightness channel is changed, drawn per image from a list or parameter.',
  ),
  fromColorspace: fromColorspaceOption,
};

// The tables of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();

/** What the brightness augmenters draw from, once per augmenter; a left-out `mul` or `add` changes nothing. */
export interface BrightnessPrepared {
  readonly mul?: Param<number>;
  readonly add?: Param<number>;
  readonly toColorspace: Param<BrightnessColorspace>;
  readonly fromColorspace: Exclude<Colorspace, 'GRAY'>;
  /** Whether the order of Multiply and Add is drawn per image (imgaug's `random_order`). */
  readonly randomOrder: boolean;
}

/** One image's draws. */
export interface BrightnessParams {
  readonly colorspace: BrightnessColorspace;
  readonly mul: number;
  readonly add: number;
  /** Add before Multiply (imgaug's Sequential with random_order drew that order). */
  readonly addFirst: boolean;
}

/**
 * The draws and pixel work of MultiplyAndAddToBrightness and its shortcuts: imgaug's WithBrightnessChannels around
 * `Sequential([Multiply(mul), Add(add)])`. The brightness channel goes through Multiply's and Add's uint8 tables
 * (composed into one), in a colour space drawn per image.
 */
export const brightnessSteps = {
  accepts: UINT8_RGB,
  drawParams(prepared: BrightnessPrepared, random: RandomSource): BrightnessParams {
    const { mul, add, toColorspace, randomOrder } = prepared;
    return {
      colorspace: toColorspace.draw(random.stream('toColorspace')),
      mul: mul === undefined ? 1 : mul.draw(random.stream('mul')),
      add: add === undefined ? 0 : add.draw(random.stream('add')),
      addFirst: randomOrder && shuffledOrder(2, random, 'randomOrder')[0] === 1,
    };
  },
  apply(image: Image, params: BrightnessParams, out: Image, prepared: BrightnessPrepared): void {
    const { colorspace, mul, add, addFirst } = params;
    const n = image.height * image.width;
    const data = out.data as Uint8Array;
    convertColorspace(image.data as Uint8Array, data, n, image.width, prepared.fromColorspace, colorspace);
    const mulTable = buildValueLut(multiplyUint8, mul, scratch.u8(0, 256));
    const addTable = buildValueLut(addUint8, add, scratch.u8(1, 256));
    const table = scratch.u8(2, 256);
    for (let v = 0; v < 256; v++) table[v] = addFirst ? mulTable[addTable[v]] : addTable[mulTable[v]];
    const tables: Uint8Array[] = [IDENTITY_LUT, IDENTITY_LUT, IDENTITY_LUT];
    tables[CHANNEL[colorspace]] = table;
    applyLut(data, tables, 3, data);
    convertColorspace(data, data, n, image.width, colorspace, prepared.fromColorspace);
  },
};
