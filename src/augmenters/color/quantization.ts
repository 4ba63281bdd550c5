import type { Image } from '../../core/image.ts';
import { IDENTITY_LUT, applyLut } from '../../kernels/lut.ts';
import { quantizeUniformTable } from '../../kernels/quantize.ts';
import { Scratch } from '../../kernels/scratch.ts';
import type { Param } from '../../params/param.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { ImageRule } from '../base/define.ts';

// One call's table, reused across calls (apply runs synchronously).
const scratch = new Scratch();

/**
 * What imgaug's colour quantization takes: uint8 images (its quantize function asserts it) with 1, 3 or 4 channels
 * (`_AbstractColorQuantization` asserts those; a fourth channel is alpha and kept).
 */
export const QUANTIZE_IMAGES: ImageRule = {
  dtypes: ['uint8'],
  channels: [1, 3, 4],
  text: "a uint8 image with 1, 3 or 4 channels (the 4th kept as alpha), as imgaug's colour quantization requires",
};

/** What the uniform quantization augmenters draw from: a count (of colours or bits) and how it becomes bins. */
export interface QuantizePrepared {
  readonly count: Param<number>;
  /** The option the count is drawn from (its stream). */
  readonly stream: string;
  /** Bits (bins = 2^count, to the bins' lower edges) or colours (bins = count, to the bins' centres). */
  readonly bits: boolean;
}

/** One image's number of bins per channel (2–256). */
export interface QuantizeParams {
  readonly bins: number;
}

/** The draws and the pixel work of UniformColorQuantization, UniformColorQuantizationToNBits and Posterize. */
export const quantizeSteps = {
  accepts: QUANTIZE_IMAGES,
  drawParams({ count, stream, bits }: QuantizePrepared, random: RandomSource): QuantizeParams {
    // imgaug rounds the draw (its parameter may be continuous) and clips it to the count's range.
    const n = Math.round(count.draw(random.stream(stream)));
    return { bins: bits ? 2 ** Math.min(8, Math.max(1, n)) : Math.min(256, Math.max(2, n)) };
  },
  apply(image: Image, { bins }: QuantizeParams, out: Image, { bits }: QuantizePrepared): void {
    const table = quantizeUniformTable(bins, !bits, scratch.u8(0, 256));
    const channels = image.channels;
    // A fourth (alpha) channel passes unchanged: imgaug quantizes the colour channels only.
    const tables: Uint8Array[] = new Array(channels).fill(table);
    if (channels === 4) tables[3] = IDENTITY_LUT;
    applyLut(image.data as Uint8Array, tables, channels, out.data as Uint8Array);
  },
};
