// The drawing surface of the label drawings (draw-labels.ts, draw-maps.ts): an RGB or RGBA uint8 copy of an image,
// colours blended per pixel, each shape's pixels gathered first so that a pixel is blended once per shape.
// Browser-safe: no Node built-ins here.
import { argumentError } from '../core/errors.ts';
import { type Image, assertImage } from '../core/image.ts';
import { FONT } from './font.ts';
import { type ToUint8Options, toUint8 } from './grid.ts';

/** An RGB colour, each channel an integer in 0–255. */
export type Color = readonly [number, number, number];

/** Options every drawing function takes. */
export interface DrawOptions extends ToUint8Options {
  /** The colour drawn; default green [0, 255, 0] (imgaug's). */
  readonly color?: Color;
  /** The colour's opacity in [0, 1]: out = round((1 − alpha) · pixel + alpha · color); default 1. */
  readonly alpha?: number;
}

/** An RGB(A) uint8 image being drawn on. */
export interface Canvas {
  readonly data: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: 3 | 4;
}

/**
 * A new RGB (or RGBA, when the image has alpha) uint8 copy of `image` to draw on: gray is copied to r, g and b,
 * float32 converted with `toUint8`. Images with more than 4 channels are refused.
 */
export function canvasOf(image: Image, owner: string, options: ToUint8Options): Canvas {
  assertImage(image, owner);
  if (image.channels > 4) throw argumentError(owner, 'image.channels', 'an integer in 1–4', image.channels);
  const src = toUint8(image, options);
  const inChannels = src.channels;
  const alpha = inChannels === 2 || inChannels === 4;
  const channels = alpha ? 4 : 3;
  const n = src.height * src.width;
  const data = new Uint8Array(n * channels);
  for (let p = 0, s = 0, o = 0; p < n; p++, s += inChannels, o += channels) {
    const r = src.data[s];
    data[o] = r;
    data[o + 1] = inChannels >= 3 ? src.data[s + 1] : r;
    data[o + 2] = inChannels >= 3 ? src.data[s + 2] : r;
    if (alpha) data[o + 3] = src.data[s + inChannels - 1];
  }
  return { data, height: src.height, width: src.width, channels };
}

/** The options' colour, checked (default green). */
export function colorOption(owner: string, name: string, value: unknown, fallback: Color = [0, 255, 0]): Color {
  if (value === undefined) return fallback;
  const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
  if (!Array.isArray(value) || value.length !== 3 || !value.every(ok)) {
    throw argumentError(owner, name, 'an [r, g, b] array of integers in 0–255', value, 'type');
  }
  return value as unknown as Color;
}

/** A number option in [min, max], checked (`fallback` when not given). */
export function numberOption(
  owner: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  integer = false,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    const what = `${integer ? 'an integer' : 'a number'} in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}]`;
    throw argumentError(owner, name, what, value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

/** The pixels of one shape: each pixel once, in the order they were added. */
export class Stroke {
  private readonly seen: Uint8Array;
  readonly pixels: number[] = [];
  constructor(readonly canvas: Canvas) {
    this.seen = new Uint8Array(canvas.height * canvas.width);
  }

  /** Adds the pixel (x, y) when it lies on the canvas. */
  add(x: number, y: number): void {
    if (x < 0 || y < 0 || x >= this.canvas.width || y >= this.canvas.height) return;
    const p = y * this.canvas.width + x;
    if (this.seen[p] === 1) return;
    this.seen[p] = 1;
    this.pixels.push(p);
  }

  /** Adds the pixels of the rectangle [x0, x1] × [y0, y1] (inclusive, clipped to the canvas). */
  fillRect(x0: number, y0: number, x1: number, y1: number): void {
    const xa = Math.max(0, x0);
    const xb = Math.min(this.canvas.width - 1, x1);
    for (let y = Math.max(0, y0); y <= Math.min(this.canvas.height - 1, y1); y++) {
      for (let x = xa; x <= xb; x++) this.add(x, y);
    }
  }

  /** Blends `color` at `alpha` into every pixel added, then forgets them (the stroke can be reused). */
  paint(color: Color, alpha: number): void {
    const { data, channels } = this.canvas;
    for (const p of this.pixels) {
      const o = p * channels;
      for (let c = 0; c < 3; c++) data[o + c] = blend(data[o + c], color[c], alpha);
      if (channels === 4) data[o + 3] = blend(data[o + 3], 255, alpha);
      this.seen[p] = 0;
    }
    this.pixels.length = 0;
  }
}

/** round((1 − alpha) · under + alpha · over), the colour itself at alpha 1. */
export function blend(under: number, over: number, alpha: number): number {
  return alpha === 1 ? over : Math.round((1 - alpha) * under + alpha * over);
}

/**
 * Adds the pixels of a line from pixel (x0, y0) to pixel (x1, y1), both ends included (Bresenham). The ends should
 * lie on or near the canvas (callers clip long lines first).
 */
export function addLine(stroke: Stroke, x0: number, y0: number, x1: number, y1: number): void {
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    stroke.add(x, y);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** The width in pixels of `text` in the bitmap font. */
export function textWidth(text: string): number {
  return text.length * FONT.width;
}

/**
 * Adds the pixels of `text` with its top-left corner at (x, y), in the 6×10 bitmap font (printable ASCII; other
 * characters are drawn as '?').
 */
export function addText(stroke: Stroke, text: string, x: number, y: number): void {
  const { width, height, first, last, rows } = FONT;
  for (let k = 0; k < text.length; k++) {
    let code = text.charCodeAt(k);
    if (code < first || code > last) code = 63; // '?'
    const base = (code - first) * height * 2;
    for (let gy = 0; gy < height; gy++) {
      const bits = Number.parseInt(rows.slice(base + 2 * gy, base + 2 * gy + 2), 16);
      for (let gx = 0; gx < width; gx++) {
        if ((bits >> (width - 1 - gx)) & 1) stroke.add(x + k * width + gx, y + gy);
      }
    }
  }
}

/** The canvas as an image. */
export function imageOf(canvas: Canvas): Image<Uint8Array> {
  return { data: canvas.data, height: canvas.height, width: canvas.width, channels: canvas.channels };
}
