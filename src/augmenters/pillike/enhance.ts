import type { Image } from '../../core/image.ts';
import { applyLut } from '../../kernels/lut.ts';
import { pilBlendTable, pilBlendU8, pilBlendValue, pilColorU8, pilMeanLuma } from '../../kernels/pil-enhance.ts';
import { PIL_FILTERS, pilFilterU8 } from '../../kernels/pil-filter.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { NumberInput } from '../../params/sugar.ts';
import type { RandomSource } from '../../random/stream.ts';
import { numberOption } from '../base/options.ts';
import { PIL_IMAGES } from './pil-images.ts';

// One call's blend table, lookup tables and smoothed image (apply runs synchronously).
const scratch = new Scratch();

/** What an enhancer blends the image with: gray (Color), its mean gray (Contrast), black (Brightness), SMOOTH. */
export type Degenerate = 'color' | 'contrast' | 'brightness' | 'sharpness';

/** One image's enhancement factor (0 gives the degenerate image, 1 the image, above 1 extrapolates). */
export interface EnhanceParams {
  readonly factor: number;
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, v) => v);

/** `Image.blend(degenerate, image, factor)` with Pillow's degenerate image of each enhancer, into `out`. */
function enhance(image: Image, degenerate: Degenerate, factor: number, out: Image): void {
  const src = image.data as Uint8Array;
  const dst = out.data as Uint8Array;
  const { channels } = image;
  const table = pilBlendTable(factor, scratch.f32(0, 511));
  if (degenerate === 'color') {
    // An "L" image's gray version is itself (convert("L") keeps it), so blending gives the image back.
    if (channels === 1) dst.set(src);
    else pilColorU8(src, channels, table, dst);
    return;
  }
  if (degenerate === 'sharpness') {
    const smooth = scratch.u8(1, src.length);
    pilFilterU8(src, image, PIL_FILTERS.SMOOTH, smooth);
    // ImageEnhance.Sharpness puts the image's own alpha into the smoothed image.
    if (channels === 4) for (let i = 3; i < src.length; i += 4) smooth[i] = src[i];
    pilBlendU8(smooth, src, table, dst);
    return;
  }
  // A flat degenerate image (black, or the mean gray; alpha the image's own): one lookup table for the colours.
  const flat = degenerate === 'brightness' ? 0 : pilMeanLuma(src, channels);
  const lut = scratch.u8(2, 256);
  for (let v = 0; v < 256; v++) lut[v] = pilBlendValue(flat, v, table);
  const tables = channels === 4 ? [lut, lut, lut, IDENTITY] : [lut];
  applyLut(src, tables, channels, dst);
}

/**
 * Everything but the type and docs of a pillike enhancer (imgaug's `_EnhanceBase`): `factor` drawn per image,
 * Pillow's ImageEnhance applied with it.
 */
export function enhanceSteps(degenerate: Degenerate, defaultFactor: NumberInput, doc: string) {
  return {
    kind: 'pixel',
    primary: 'factor',
    options: { factor: numberOption(defaultFactor, { min: 0 }, doc) },
    examples: [{ factor: [0.1, 2.5] }, { factor: [0.6, 1.4] }],
    accepts: PIL_IMAGES,
    drawParams: ({ factor }: { factor: Param<number> }, random: RandomSource): EnhanceParams => ({
      factor: factor.draw(random.stream('factor')),
    }),
    apply: (image: Image, { factor }: EnhanceParams, out: Image) => enhance(image, degenerate, factor, out),
  } as const;
}
