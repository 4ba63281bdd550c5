import { roundHalfEven } from '../../core/round.ts';
import { convertColorspace } from '../../kernels/colorspace.ts';
import { applyLut } from '../../kernels/lut.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { defineAugmenter } from '../base/define.ts';
import { numberOption } from '../base/options.ts';
import { UINT8_RGB, fromColorspaceOption } from './colorspace-options.ts';
import { KELVIN_RGB } from './kelvin-table.ts';

const f32 = Math.fround;
// The channel tables of one call, reused across calls (apply runs synchronously).
const scratch = new Scratch();
// imgaug's table in float32, divided by 255.
const MULTIPLIERS = Float32Array.from(KELVIN_RGB, (v) => v / 255);

/** One image's channel multipliers (R, G, B in [0, 1], float32). */
export interface ColorTemperatureParams {
  readonly multipliers: readonly [number, number, number];
}

/**
 * imgaug's `transform_kelvins_to_rgb_multipliers` for one temperature, in its float32 steps: the table row below and
 * above `kelvin` (rows every 100 K from 1000 K), interpolated linearly.
 */
export function kelvinMultipliers(kelvin: number): [number, number, number] {
  const k = Math.min(40000, Math.max(1000, f32(kelvin)));
  const at = f32(f32(k / 100) - 10);
  const below = Math.floor(at);
  const above = Math.ceil(at);
  const t = f32(at - below);
  const m = (c: number) =>
    f32(MULTIPLIERS[3 * below + c] + f32(t * f32(MULTIPLIERS[3 * above + c] - MULTIPLIERS[3 * below + c])));
  return [m(0), m(1), m(2)];
}

/**
 * Changes the colour temperature of each image to `kelvin`, drawn per image (imgaug's `ChangeColorTemperature`,
 * the same bytes): each RGB channel is multiplied by the blackbody colour of that temperature (1000 K to 40000 K,
 * imgaug's table every 100 K, interpolated in between) scaled to [0, 1], in float32, and rounded half to even. Low
 * temperatures turn images red or orange, high ones blue. Images must be uint8 with 3 channels, in `fromColorspace`
 * (RGB by default).
 *
 * Differs from imgaug: imgaug 0.4.0 interpolates the table for one image at a time only (a batch of other than 1 or
 * 3 images fails to broadcast, and 3 images mix their factors); augkit interpolates each image's temperature as
 * imgaug does for a single image.
 *
 * @param kelvin A number in [1000, 40000], a `[min, max]` range or an `iap` parameter. Default `[1000, 11000]`.
 * @example iaa.ChangeColorTemperature([1100, 10000])
 */
export const ChangeColorTemperature = defineAugmenter({
  type: 'ChangeColorTemperature',
  kind: 'pixel',
  primary: 'kelvin',
  options: {
    kelvin: numberOption([1000, 11000], { min: 1000, max: 40000 }, 'The colour temperature in kelvin.'),
    fromColorspace: fromColorspaceOption,
  },
  examples: [{ kelvin: [1000, 11000] }, { kelvin: [3000, 20000], fromColorspace: 'BGR' }],
  accepts: UINT8_RGB,
  drawParams: ({ kelvin }, random): ColorTemperatureParams => ({
    multipliers: kelvinMultipliers(kelvin.draw(random.stream('kelvin'))),
  }),
  apply(image, { multipliers }, out, { fromColorspace }) {
    const n = image.height * image.width;
    const data = out.data as Uint8Array;
    convertColorspace(image.data as Uint8Array, data, n, image.width, fromColorspace, 'RGB');
    // imgaug: round(float32 image · float32 multiplier); the products stay within 0–255.
    const tables = multipliers.map((m, c) => {
      const table = scratch.u8(c, 256);
      for (let v = 0; v < 256; v++) table[v] = roundHalfEven(f32(v * m));
      return table;
    });
    applyLut(data, tables, 3, data);
    convertColorspace(data, data, n, image.width, 'RGB', fromColorspace);
  },
});
