// Alpha blending of two images (imgaug's `blend_alpha`): out = bg + alpha · (fg − bg), per value.
import type { PixelArray } from '../core/image.ts';
import { roundHalfEven } from '../core/round.ts';
import { Scratch } from './scratch.ts';
import { defineKernel } from './table.ts';

const f32 = Math.fround;

// The per-channel tables of one call, reused across calls (kernels run synchronously).
const scratch = new Scratch();

/**
 * One blend: `fg` and `bg` (same length, `channels` values per pixel) into `out`, which may be either of them.
 * The opacity of `fg` comes from `alphas` (one value, or one per channel) or, when given, from `mask` (one value
 * per pixel, or one per value), all in [0, 1].
 */
export interface BlendJob {
  readonly fg: PixelArray;
  readonly bg: PixelArray;
  readonly out: PixelArray;
  readonly channels: number;
  readonly alphas: ArrayLike<number>;
  readonly mask?: Float32Array;
}

/**
 * Blends `fg` over `bg` into `out` with imgaug 0.4.0's arithmetic. uint8: alpha and both images in float32,
 * `bg + alpha · (fg − bg)` in float32, rounded half to even (numpy's `round`); the result stays in 0–255 without
 * clipping, as alpha ≤ 1. float32: the same in double, stored as float32.
 */
export const blendImages = defineKernel({ name: 'blendAlpha', reference: blendLoop });

function blendLoop(job: BlendJob): void {
  if (job.fg.length !== job.bg.length || job.out.length !== job.fg.length) {
    throw new RangeError('blendImages: fg, bg and out must have one length');
  }
  const u8 = job.out instanceof Uint8Array;
  if (job.mask !== undefined) {
    const { length } = job.mask;
    if (length !== job.out.length && length * job.channels !== job.out.length) {
      throw new RangeError('blendImages: the mask must have one value per pixel or one per value');
    }
    if (u8) blendMaskU8(job, job.mask);
    else blendMaskFloat(job, job.mask);
  } else if (u8) blendAlphasU8(job);
  else blendAlphasFloat(job);
}

/**
 * uint8 with one alpha per channel: fround(alpha · d) for every difference d = fg − bg in −255…255 comes from a
 * 511-entry table per channel, so a value costs a float32 sum and a rounding.
 */
function blendAlphasU8({ fg, bg, out, channels, alphas }: BlendJob): void {
  const tables: Float32Array[] = [];
  for (let c = 0; c < channels; c++) {
    const a = f32(alphas.length === 1 ? alphas[0] : alphas[c]);
    const table = scratch.f32(c, 511);
    for (let d = -255; d <= 255; d++) table[d + 255] = a * d;
    tables.push(table);
  }
  const n = out.length;
  if (channels === 1 || alphas.length === 1) {
    const t = tables[0];
    for (let i = 0; i < n; i++) {
      const b = bg[i];
      out[i] = roundHalfEven(f32(b + t[fg[i] - b + 255]));
    }
    return;
  }
  for (let i = 0; i < n; i += channels) {
    for (let c = 0; c < channels; c++) {
      const b = bg[i + c];
      out[i + c] = roundHalfEven(f32(b + tables[c][fg[i + c] - b + 255]));
    }
  }
}

function blendAlphasFloat({ fg, bg, out, channels, alphas }: BlendJob): void {
  const n = out.length;
  for (let i = 0; i < n; i += channels) {
    for (let c = 0; c < channels; c++) {
      const a = alphas.length === 1 ? alphas[0] : alphas[c];
      const b = bg[i + c];
      out[i + c] = b + a * (fg[i + c] - b);
    }
  }
}

/** uint8 with a float32 mask: per pixel (all channels) or per value. */
function blendMaskU8({ fg, bg, out, channels }: BlendJob, mask: Float32Array): void {
  const perValue = mask.length === out.length;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = mask[perValue ? i : (i / channels) | 0];
    const b = bg[i];
    out[i] = roundHalfEven(f32(b + f32(a * (fg[i] - b))));
  }
}

function blendMaskFloat({ fg, bg, out, channels }: BlendJob, mask: Float32Array): void {
  const perValue = mask.length === out.length;
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const a = mask[perValue ? i : (i / channels) | 0];
    const b = bg[i];
    out[i] = b + a * (fg[i] - b);
  }
}
