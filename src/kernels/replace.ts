import type { PixelArray } from '../core/image.ts';
import { FLOAT32_MAX } from '../core/limits.ts';
import { roundHalfEven } from './colorspace-hsv.ts';
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
