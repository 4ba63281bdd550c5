import type { PixelArray } from '../core/image.ts';
import { FLOAT32_MAX } from '../core/limits.ts';
import { roundHalfEven } from '../core/round.ts';
import type { PixelDraws } from './draws.ts';
import { DRAW_CHUNK, type MaskDraws, nextDrawChunk } from './mask.ts';
import { resizeImage } from './resize.ts';
import { defineKernel } from './table.ts';

/**
 * Writes a 0/1 decision per entry of `out` from `draws`: 1 where the entry's uint32 draw u has u < p · 2³² (the rule
 * and draws of `dropoutImages`, one draw per entry in order), so p ≥ 1 gives all ones and p ≤ 0 all zeros, neither
 * drawing. Returns the number of ones.
 */
export function drawMask({ p, mask }: MaskDraws, out: Uint8Array): number {
  if (p >= 1 || !(p > 0)) {
    out.fill(p >= 1 ? 1 : 0);
    return p >= 1 ? out.length : 0;
  }
  const threshold = p * 4294967296;
  const stream = mask.restart();
  let ones = 0;
  for (let first = 0; first < out.length; first += DRAW_CHUNK) {
    const count = Math.min(DRAW_CHUNK, out.length - first);
    const words = nextDrawChunk(stream, count);
    for (let j = 0; j < count; j++) {
      const one = +(words[j] < threshold);
      out[first + j] = one;
      ones += one;
    }
  }
  return ones;
}

/**
 * Upscales (or shrinks) a coarse 0/1 mask of `height` × `width` × `channels` to `outHeight` × `outWidth` in `out`
 * with OpenCV's INTER_NEAREST, as imgaug's `FromLowerResolution` does for its coarse masks (the resize kernel's
 * 'nearest', bit-exact with cv2.resize). `out` must not be `low`.
 */
export function upscaleMask(
  low: Uint8Array,
  height: number,
  width: number,
  channels: number,
  out: Uint8Array,
  outHeight: number,
  outWidth: number,
): void {
  resizeImage(
    { data: low, height, width, channels },
    { data: out, height: outHeight, width: outWidth, channels },
    'nearest',
  );
}

/**
 * What a replaced value becomes: one number for all, one number per replaced entry in order (`values`), or white or
 * black from the lowest bit of one draw per entry of the mask, replaced or not (`coins`: odd is white).
 */
export type Replacement =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'values'; readonly values: Float64Array }
  | { readonly kind: 'coins'; readonly draws: PixelDraws; readonly white: number };

/** One image whose values change where a mask says (see {@link replaceMasked}). */
export interface ReplaceJob {
  readonly src: PixelArray;
  /** Same length as `src`; may be `src`. */
  readonly out: PixelArray;
  readonly channels: number;
  /** One entry per pixel (`maskChannels` 1: all its channels change together) or per value (`maskChannels` = channels). */
  readonly mask: Uint8Array;
  readonly maskChannels: number;
  readonly replacement: Replacement;
}

/**
 * ReplaceElementwise's pixels and the coarse augmenters': copies `src` to `out` with each value whose mask entry is
 * non-zero replaced (imgaug's `replace_elementwise_`). uint8 replacements are rounded half to even and clipped to
 * 0–255; float32 ones are clipped to float32's range. No WebAssembly twin.
 */
export const replaceMasked = defineKernel({ name: 'replaceMasked', reference: replaceMaskedLoop });

function replaceMaskedLoop({ src, out, channels, mask, maskChannels, replacement }: ReplaceJob): void {
  if (out !== src) out.set(src);
  const u8 = out instanceof Uint8Array;
  const step = maskChannels === 1 ? channels : 1;
  const units = mask.length;
  const fit = (v: number) =>
    u8 ? Math.min(255, Math.max(0, roundHalfEven(v))) : Math.min(FLOAT32_MAX, Math.max(-FLOAT32_MAX, v));
  if (replacement.kind === 'constant') {
    const v = fit(replacement.value);
    for (let i = 0, o = 0; i < units; i++, o += step) if (mask[i] !== 0) for (let c = 0; c < step; c++) out[o + c] = v;
  } else if (replacement.kind === 'values') {
    const { values } = replacement;
    for (let i = 0, o = 0, k = 0; i < units; i++, o += step) {
      if (mask[i] !== 0) {
        const v = fit(values[k++]);
        for (let c = 0; c < step; c++) out[o + c] = v;
      }
    }
  } else {
    const stream = replacement.draws.restart();
    const white = fit(replacement.white);
    for (let first = 0; first < units; first += DRAW_CHUNK) {
      const count = Math.min(DRAW_CHUNK, units - first);
      const words = nextDrawChunk(stream, count);
      for (let j = 0, i = first, o = first * step; j < count; j++, i++, o += step) {
        if (mask[i] !== 0) {
          const v = (words[j] & 1) === 1 ? white : 0;
          for (let c = 0; c < step; c++) out[o + c] = v;
        }
      }
    }
  }
}

/** One image with one value per group of `step` values, added or multiplied (see {@link combineValues}). */
export interface CombineJob {
  readonly src: PixelArray;
  /** Same length as `src`; may be `src`. */
  readonly out: PixelArray;
  /** `step` = channels shares a value per pixel, 1 gives one per value. */
  readonly step: number;
  /** One value per group, in order. */
  readonly values: Float64Array;
  readonly op: 'add' | 'multiply';
}

/**
 * AddElementwise's and MultiplyElementwise's pixels, as imgaug 0.4.0's `add_elementwise` and `multiply_elementwise`
 * compute uint8: a sum with the value rounded half to even, saturated to 0–255; a product in float32
 * (`float32(v · float32(m))`), clipped to 0–255 and truncated. float32 images get the plain sum or product,
 * saturated at ±3.4e38. No WebAssembly twin.
 */
export const combineValues = defineKernel({ name: 'combineValues', reference: combineValuesLoop });

function combineValuesLoop({ src, out, step, values, op }: CombineJob): void {
  const u8 = src instanceof Uint8Array;
  const groups = src.length / step;
  for (let k = 0, base = 0; k < groups; k++, base += step) {
    const m = values[k];
    if (u8 && op === 'add') {
      const add = roundHalfEven(m);
      for (let c = 0; c < step; c++) {
        const v = src[base + c] + add;
        out[base + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    } else if (u8) {
      const f = Math.fround(m);
      for (let c = 0; c < step; c++) {
        const v = Math.fround(src[base + c] * f);
        out[base + c] = v < 0 ? 0 : v > 255 ? 255 : v; // the Uint8Array store truncates
      }
    } else {
      for (let c = 0; c < step; c++) {
        const v = op === 'add' ? src[base + c] + m : src[base + c] * m;
        out[base + c] = v > FLOAT32_MAX ? FLOAT32_MAX : v < -FLOAT32_MAX ? -FLOAT32_MAX : v;
      }
    }
  }
}
