import { type RectangleFill, fillRectangle } from '../../kernels/rectangle.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { NormalSampler } from '../../random/normal.ts';
import type { RandomStream } from '../../random/stream.ts';
import { defineAugmenter } from '../base/define.ts';
import { enumOption, numberOption, probabilityOption } from '../base/options.ts';
import { positionOption } from '../size/fixed-size-core.ts';

const f32 = Math.fround;

/** One filled rectangle: its pixel bounds (x2, y2 exclusive, inside the image) and its fill. */
export interface CutoutArea {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly fillMode: 'constant' | 'gaussian';
  /** The constant fill: one value per channel with fillPerChannel, else one. */
  readonly cval: readonly number[];
  readonly perChannel: boolean;
}

/** One image's rectangles, in the order they are filled, and the address of the gaussian fills' draws. */
export interface CutoutParams {
  readonly areas: readonly CutoutArea[];
  readonly fill: RandomStream;
}

/** imgaug's `int()` of a float32 bound, clipped to the image's side. */
function bound(v: number, side: number): number {
  return Math.min(Math.max(Math.trunc(v), 0), side);
}

// The gaussian fills' normal values (apply runs one image at a time).
const sampler = new NormalSampler();
const scratch = new Scratch();

/**
 * Fills `nbIterations` rectangles of each image with a constant (`cval`) or with gaussian noise (imgaug's
 * `Cutout`): each rectangle's centre is drawn by `position`, its height and width by `size` as fractions of the
 * image's height and width, and with `squared` its width is made equal to its height in pixels.
 *
 * The rectangle's bounds are computed as imgaug does with numpy 1.24 (centre ± size / 2, times the side, in float32;
 * a squared rectangle keeps its centre and takes its height as width, in double) and truncated to pixels, clipped to
 * the image, so fixed options give imgaug's rectangles to the pixel (350 fixture cases). The constant fill is `cval` (uint8: truncated and clipped to 0–255;
 * float32: as given), one value for all channels or, with `fillPerChannel`, a value drawn per channel. The gaussian
 * fill draws N(127.5, 42.5) per pixel (per value with `fillPerChannel`), clipped to 0–255 and truncated for uint8;
 * float32 images get N(0.5, 1/6) clipped to 0–1.
 *
 * Differs from imgaug: the draws come from augkit's per-image streams (the same seed places other rectangles, with
 * the same statistics); a uint8 `cval` outside 0–255 is clipped (numpy's cast wraps it around).
 *
 * @param nbIterations How many rectangles per image: an integer in [0, 1000], a `[min, max]` range or an `iap`
 *   parameter. Default 1.
 * @example iaa.Cutout({ nbIterations: 2 })                          // two grey squares of 20 % of the height
 * @example iaa.Cutout({ fillMode: 'gaussian', fillPerChannel: true }) // a square of coloured noise
 * @example iaa.Cutout({ size: 0.2, squared: false, cval: [0, 255], fillPerChannel: 0.5 })
 */
export const Cutout = defineAugmenter({
  type: 'Cutout',
  kind: 'pixel',
  primary: 'nbIterations',
  options: {
    nbIterations: numberOption(1, { integer: true, min: 0, max: 1000 }, 'How many rectangles are filled per image.'),
    position: positionOption("Where the rectangles' centres lie (fractions of the width and height)."),
    size: numberOption(0.2, { min: 0, max: 1 }, "A rectangle's height and width as fractions of the image's."),
    squared: probabilityOption(true, 'Whether a rectangle is a square (its width made equal to its height in pixels).'),
    fillMode: enumOption<'constant' | 'gaussian'>(
      'constant',
      ['constant', 'gaussian'],
      'What a rectangle is filled with: cval, or gaussian noise.',
    ),
    cval: numberOption(128, { min: -1e38, max: 1e38 }, 'The constant fill (uint8 truncates and clips it to 0–255).'),
    fillPerChannel: probabilityOption(
      false,
      'Whether each channel gets its own fill value or noise (or the probability).',
    ),
  },
  examples: [
    { nbIterations: [1, 3], size: [0.1, 0.5], squared: 0.5, cval: [0, 255], fillPerChannel: 0.5 },
    { fillMode: ['constant', 'gaussian'], position: 'normal', size: 0.4 },
  ],
  drawParams(o, random, shape): CutoutParams {
    const { height, width, channels } = shape;
    const count = o.nbIterations.draw(random.stream('nbIterations'));
    const areas: CutoutArea[] = [];
    const position = random.stream('position');
    const size = random.stream('size');
    const squared = random.stream('squared');
    const fillMode = random.stream('fillMode');
    const cval = random.stream('cval');
    const fillPerChannel = random.stream('fillPerChannel');
    for (let i = 0; i < count; i++) {
      // imgaug's draws are float32 arrays, and its bounds float32 arithmetic on whole arrays.
      const px = f32(o.position.x.draw(position));
      const py = f32(o.position.y.draw(position));
      const halfH = f32(f32(o.size.draw(size)) / 2);
      const halfW = f32(f32(o.size.draw(size)) / 2);
      let x1 = f32(f32(px - halfW) * width);
      let x2 = f32(f32(px + halfW) * width);
      const y1 = f32(f32(py - halfH) * height);
      const y2 = f32(f32(py + halfH) * height);
      if (o.squared.draw(squared) >= 0.5) {
        // numpy 1.24 divides a float32 scalar by a Python int in float64, so from here on the sums are doubles.
        const half = f32(y2 - y1) / 2;
        const centre = x1 + f32(x2 - x1) / 2;
        x1 = centre - half;
        x2 = centre + half;
      }
      const values = new Array<number>(channels);
      for (let c = 0; c < channels; c++) values[c] = o.cval.draw(cval);
      const perChannel = o.fillPerChannel.draw(fillPerChannel) >= 0.5;
      areas.push({
        x1: bound(x1, width),
        y1: bound(y1, height),
        x2: bound(x2, width),
        y2: bound(y2, height),
        fillMode: o.fillMode.draw(fillMode),
        cval: perChannel ? values : [values[0]],
        perChannel,
      });
    }
    return { areas, fill: random.stream('fill') };
  },
  apply(image, { areas, fill }, out) {
    out.data.set(image.data);
    const { width, channels } = image;
    const u8 = image.data instanceof Uint8Array;
    sampler.start(fill);
    for (const { x1, y1, x2, y2, fillMode, cval, perChannel } of areas) {
      if (x2 <= x1 || y2 <= y1) continue;
      let rectangle: RectangleFill;
      if (fillMode === 'constant') rectangle = { kind: 'constant', values: cval };
      else {
        const z = scratch.f64(0, (x2 - x1) * (y2 - y1) * (perChannel ? channels : 1));
        sampler.fill(z);
        // imgaug: N(centre, (max − min) / 6) clipped to the dtype's range (0–1 for float images).
        rectangle = u8
          ? { kind: 'normal', z, mean: 127.5, sd: 42.5, lo: 0, hi: 255, perChannel }
          : { kind: 'normal', z, mean: 0.5, sd: 1 / 6, lo: 0, hi: 1, perChannel };
      }
      fillRectangle({ data: out.data, width, channels, x1, y1, x2, y2, fill: rectangle });
    }
  },
});
