import type { PixelArray } from '../core/image.ts';
import { defineKernel } from './table.ts';

/**
 * What a rectangle is filled with: one value per channel (`values.length` 1 fills every channel alike), or normal
 * values `mean + sd · z` clipped to [lo, hi], one `z` per pixel (`perChannel` false) or per value, in row-major order.
 */
export type RectangleFill =
  | { readonly kind: 'constant'; readonly values: readonly number[] }
  | {
      readonly kind: 'normal';
      readonly z: Float64Array;
      readonly mean: number;
      readonly sd: number;
      readonly lo: number;
      readonly hi: number;
      readonly perChannel: boolean;
    };

/** One rectangle of an image: rows y1 … y2 − 1 and columns x1 … x2 − 1, inside the image. */
export interface RectangleJob {
  /** The image, changed in place. */
  readonly data: PixelArray;
  readonly width: number;
  readonly channels: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly fill: RectangleFill;
}

/**
 * Cutout's pixels (imgaug's `_fill_rectangle_constant_` and `_fill_rectangle_gaussian_`): writes the fill into the
 * rectangle of `data`. uint8 truncates the values (numpy's cast) after clipping constants to 0–255; float32 stores
 * them. No WebAssembly twin.
 */
export const fillRectangle = defineKernel({ name: 'fillRectangle', reference: fillRectangleLoop });

function fillRectangleLoop({ data, width, channels, x1, y1, x2, y2, fill }: RectangleJob): void {
  const u8 = data instanceof Uint8Array;
  const fit = (v: number) => (u8 ? Math.min(255, Math.max(0, Math.trunc(v))) : v);
  if (fill.kind === 'constant') {
    const values = fill.values.length === 1 ? new Array(channels).fill(fill.values[0]) : fill.values;
    const fitted = values.map(fit);
    for (let y = y1; y < y2; y++) {
      for (let x = x1, o = (y * width + x1) * channels; x < x2; x++) {
        for (let c = 0; c < channels; c++) data[o++] = fitted[c];
      }
    }
    return;
  }
  const { z, mean, sd, lo, hi, perChannel } = fill;
  let k = 0;
  for (let y = y1; y < y2; y++) {
    for (let x = x1, o = (y * width + x1) * channels; x < x2; x++) {
      if (perChannel) {
        for (let c = 0; c < channels; c++) data[o++] = fit(Math.min(hi, Math.max(lo, mean + sd * z[k++])));
      } else {
        const v = fit(Math.min(hi, Math.max(lo, mean + sd * z[k++])));
        for (let c = 0; c < channels; c++) data[o++] = v;
      }
    }
  }
}
