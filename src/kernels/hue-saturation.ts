/**
 * imgaug's WithHueAndSaturation image: the hue of an HSV image projected from OpenCV's 0–180 onto 0–255 beside the
 * saturation, two float32 channels per pixel that children can shift and scale; and the way back, as imgaug's int16
 * image takes it (each value rounded half to even and clipped to int16, the hue wrapped modulo 255 and projected back
 * to 0–180, the saturation clipped to 0–255).
 */
import { roundHalfEven } from '../core/round.ts';

const f32 = Math.fround;

/** An HSV hue (0–180) on imgaug's 0–255 scale: `int(float32(h) / 180 · 255)`. */
export function hueTo255(h: number): number {
  return Math.trunc(f32(f32(h / 180) * 255));
}

/** A value as imgaug's int16 image stores it: rounded half to even, clipped to [−32768, 32767]. */
export function asInt16(v: number): number {
  const r = roundHalfEven(v);
  return r < -32768 ? -32768 : r > 32767 ? 32767 : r;
}

/** An int16 hue on the 0–255 scale back to HSV's 0–180: wrapped modulo 255 (never negative, as numpy's mod), then
 * `int(float32(h) / 255 · 180)`. */
export function hueFrom255(h: number): number {
  return Math.trunc(f32(f32((((h % 255) + 255) % 255) / 255) * 180));
}

/** An int16 saturation clipped to 0–255. */
export function saturationFromInt16(s: number): number {
  return s < 0 ? 0 : s > 255 ? 255 : s;
}

/** Hue (on 0–255) and saturation of `n` HSV pixels into `hs`, 2 values per pixel. */
export function hsvToHueSaturation(hsv: Uint8Array, hs: Float32Array, n: number): void {
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    hs[2 * i] = hueTo255(hsv[o]);
    hs[2 * i + 1] = hsv[o + 1];
  }
}

/**
 * Writes `hs` (2 values per pixel, each stored as int16 first) back into the hue and saturation of `n` HSV pixels,
 * whose value channel is kept (imgaug's `_hs_to_images_`).
 */
export function hueSaturationToHsv(hs: Float32Array, hsv: Uint8Array, n: number): void {
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    hsv[o] = hueFrom255(asInt16(hs[2 * i]));
    hsv[o + 1] = saturationFromInt16(asInt16(hs[2 * i + 1]));
  }
}
