import { argumentError } from '../../core/errors.ts';
import type { Image } from '../../core/image.ts';
import { type Replacement, drawMask, replaceMasked, upscaleMask } from '../../kernels/replace.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import { type NumberInput, type ProbabilityInput, numberArg } from '../../params/sugar.ts';
import type { RandomSource, RandomStream } from '../../random/stream.ts';
import type { AugmenterDefinition, OptionDef } from '../base/define.ts';
import { type ElementwiseParams, drawElementwise } from '../base/elementwise.ts';
import { integerOption, numberOption, optionalNumberOption, probabilityOption } from '../base/options.ts';

/** One image's coarse mask: Dropout's draws for the mask's cells, and the mask's size in cells. */
export interface CoarseParams extends ElementwiseParams {
  readonly maskHeight: number;
  readonly maskWidth: number;
  /** CoarseSaltAndPepper's colour draws (one per pixel, or per value with perChannel). */
  readonly colours?: RandomStream;
}

/** What a coarse augmenter writes into the values its mask picks. */
export type CoarseFill = 'black' | 'white' | 'saltAndPepper';

/** The option definitions the coarse augmenters share. */
export type CoarseOptions = {
  p: OptionDef<NumberInput, Param<number>>;
  sizePx: OptionDef<NumberInput | undefined, Param<number> | undefined>;
  sizePercent: OptionDef<NumberInput | undefined, Param<number> | undefined>;
  perChannel: OptionDef<ProbabilityInput, Param<number>>;
  minSize: OptionDef<number, number>;
};

/** The coarse augmenters' parsed options. */
export interface CoarseParsed {
  p: Param<number>;
  sizePx: Param<number> | undefined;
  sizePercent: Param<number> | undefined;
  perChannel: Param<number>;
  minSize: number;
}

/** What `prepare` keeps: the mask's size rule (pixels, or a fraction of the image's side) and the rest. */
export interface CoarsePrepared {
  readonly p: Param<number>;
  readonly perChannel: Param<number>;
  readonly size: { readonly px: Param<number> } | { readonly percent: Param<number> };
  readonly minSize: number;
}

// imgaug's default mask size when neither sizePx nor sizePercent is given: 3 to 8 cells per side.
const DEFAULT_SIZE_PX = numberArg('coarse', 'sizePx', [3, 8], { integer: true, min: 1 });

// The coarse mask and its upscaled copy (apply runs one image at a time).
const scratch = new Scratch();

/**
 * The definition the coarse augmenters share (imgaug's `FromLowerResolution` masks): a mask of `maskHeight` ×
 * `maskWidth` cells, each chosen with probability `p` (per channel with `perChannel`), upscaled to the image with
 * OpenCV's nearest neighbour, and the chosen values replaced by `fill`. `what` says what a chosen value becomes, for
 * `p`'s doc.
 */
export function coarseDefinition(
  type: string,
  fill: CoarseFill,
  what: string,
  examples: readonly Record<string, unknown>[],
): AugmenterDefinition<CoarseOptions, CoarseParams, CoarsePrepared, 'p'> {
  return {
    type,
    kind: 'pixel',
    primary: 'p',
    options: {
      p: numberOption([0.02, 0.1], { min: 0, max: 1 }, `The probability that a cell of the mask is ${what}.`),
      sizePx: optionalNumberOption(
        { integer: true, min: 1, max: 1e4 },
        "The mask's height and width in cells (drawn separately per image); default [3, 8] when sizePercent is not given.",
      ),
      sizePercent: optionalNumberOption(
        { min: 0, max: 1, minExclusive: true },
        "The mask's height and width as fractions of the image's (drawn separately per image).",
      ),
      perChannel: probabilityOption(false, 'Whether each channel has its own mask (or the probability that it has).'),
      minSize: integerOption(3, 1, "The mask's smallest height and width, in cells."),
    },
    examples,
    validate({ sizePx, sizePercent }: CoarseParsed) {
      if (sizePx !== undefined && sizePercent !== undefined) {
        throw argumentError(type, 'sizePercent', 'left out when sizePx is given (one size rule)', sizePercent.spec);
      }
    },
    prepare: ({ p, perChannel, sizePx, sizePercent, minSize }: CoarseParsed): CoarsePrepared => ({
      p,
      perChannel,
      size: sizePercent !== undefined ? { percent: sizePercent } : { px: sizePx ?? DEFAULT_SIZE_PX },
      minSize,
    }),
    drawParams: (prepared, random, shape) => drawCoarse(prepared, random, shape.height, shape.width, fill),
    apply: (image, params, out) => applyCoarse(image, params, out, fill),
  };
}

/**
 * Draws the mask's size: two draws (height, then width) of `sizePx`, or of `sizePercent` times the image's side
 * truncated (imgaug's int32 cast), each at least `minSize`. A mask taller or wider than the image is cut to the
 * image's size: imgaug shrinks it with nearest neighbour, which keeps distinct cells for distinct pixels, so each
 * pixel still gets its own decision, as it does here.
 */
function drawCoarse(
  { p, perChannel, size, minSize }: CoarsePrepared,
  random: RandomSource,
  height: number,
  width: number,
  fill: CoarseFill,
): CoarseParams {
  let cellsY: number;
  let cellsX: number;
  if ('px' in size) {
    const s = random.stream('sizePx');
    cellsY = size.px.draw(s);
    cellsX = size.px.draw(s);
  } else {
    const s = random.stream('sizePercent');
    cellsY = Math.trunc(size.percent.draw(s) * height);
    cellsX = Math.trunc(size.percent.draw(s) * width);
  }
  return {
    ...drawElementwise(random, p, perChannel),
    maskHeight: Math.min(Math.max(cellsY, minSize), height),
    maskWidth: Math.min(Math.max(cellsX, minSize), width),
    colours: fill === 'saltAndPepper' ? random.stream('colours') : undefined,
  };
}

function applyCoarse(image: Image, params: CoarseParams, out: Image, fill: CoarseFill): void {
  const { height, width, channels } = image;
  const maskChannels = params.perChannel ? channels : 1;
  const low = scratch.u8(0, params.maskHeight * params.maskWidth * maskChannels);
  drawMask(params, low);
  const mask = scratch.u8(1, height * width * maskChannels);
  upscaleMask(low, params.maskHeight, params.maskWidth, maskChannels, mask, height, width);
  const white = image.data instanceof Uint8Array ? 255 : 1;
  const replacement: Replacement =
    fill === 'saltAndPepper'
      ? { kind: 'coins', draws: params.colours as RandomStream, white }
      : { kind: 'constant', value: fill === 'white' ? white : 0 };
  replaceMasked({ src: image.data, out: out.data, channels, mask, maskChannels, replacement });
}
