import type { Heatmap, SegmentationMap } from '../augmentables/types.ts';
// Segmentation maps and heatmaps drawn over their image as colour overlays (imgaug's draw_on_image for maps).
// Browser-safe: no Node built-ins here.
import { argumentError } from '../core/errors.ts';
import type { Image } from '../core/image.ts';
import { type Canvas, type Color, blend, canvasOf, colorOption, imageOf, numberOption } from './canvas.ts';
import type { ToUint8Options } from './grid.ts';

/** imgaug's `SegmentationMapsOnImage.DEFAULT_SEGMENT_COLORS` (its first 22), by class id; ids above repeat them. */
export const SEGMENT_COLORS: readonly Color[] = [
  [0, 0, 0],
  [230, 25, 75],
  [60, 180, 75],
  [255, 225, 25],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [250, 190, 190],
  [0, 128, 128],
  [230, 190, 255],
  [170, 110, 40],
  [255, 250, 200],
  [128, 0, 0],
  [170, 255, 195],
  [128, 128, 0],
  [255, 215, 180],
  [0, 0, 128],
  [128, 128, 128],
  [255, 255, 255],
];

/** Options of {@link drawSegmentationMap}. */
export interface DrawSegmentationMapOptions extends ToUint8Options {
  /** The overlay's opacity in [0, 1]; default 0.75 (imgaug's). */
  readonly alpha?: number;
  /** A colour per class id (id k gets colors[k % length]); default {@link SEGMENT_COLORS}. */
  readonly colors?: readonly Color[];
  /** Colour the background class too; default false (its pixels keep the image's colours, as in imgaug). */
  readonly drawBackground?: boolean;
  /** The class id of the background; default 0. */
  readonly backgroundClass?: number;
}

/**
 * Draws a class map over the image: each pixel takes its class's colour at `alpha`, except background pixels (class
 * 0 unless `backgroundClass`), which keep the image's colours unless `drawBackground`. A map of another size than
 * the image covers it whole, read by nearest neighbour (pixel x reads cell floor((x + ½) · mapWidth / width)).
 * Returns a new RGB image (RGBA when the image has alpha), uint8; the image is not changed.
 *
 * @example drawSegmentationMap(photo, { data: classes, height: 64, width: 64 })
 * @example drawSegmentationMap(photo, map, { alpha: 0.5, colors: [[0, 0, 0], [255, 0, 0]] })
 */
export function drawSegmentationMap(
  image: Image,
  map: SegmentationMap,
  options: DrawSegmentationMapOptions = {},
): Image<Uint8Array> {
  const owner = 'drawSegmentationMap';
  const alpha = numberOption(owner, 'alpha', options.alpha, 0.75, 0, 1);
  const colors = options.colors ?? SEGMENT_COLORS;
  if (!Array.isArray(colors) || colors.length === 0) {
    throw argumentError(owner, 'colors', 'a non-empty array of [r, g, b] colours', colors, 'type');
  }
  colors.forEach((c, k) => colorOption(owner, `colors[${k}]`, c));
  const background = numberOption(owner, 'backgroundClass', options.backgroundClass, 0, -(2 ** 31), 2 ** 32, true);
  const drawBackground = options.drawBackground === true;
  checkMap(owner, 'map', map, 1);
  const canvas = canvasOf(image, owner, options);
  overlay(canvas, map, (cell, pixel) => {
    const id = map.data[cell];
    if (id === background && !drawBackground) return;
    const color = colors[((id % colors.length) + colors.length) % colors.length];
    for (let c = 0; c < 3; c++) canvas.data[pixel + c] = blend(canvas.data[pixel + c], color[c], alpha);
  });
  return imageOf(canvas);
}

/** Options of {@link drawHeatmap}. */
export interface DrawHeatmapOptions extends ToUint8Options {
  /** The overlay's opacity in [0, 1]; default 0.5. */
  readonly alpha?: number;
  /** The heatmap channel drawn; default 0. */
  readonly channel?: number;
}

/**
 * Draws one channel of a heatmap over the image in matplotlib's "jet" colours (0 dark blue, 0.5 green-yellow, 1
 * dark red; imgaug's default), at `alpha` everywhere. Values are clipped to [0, 1] (NaN counts as 0) and read from
 * jet's 256-entry table at min(255, floor(v · 256)). A heatmap of another size than the image covers it whole, read
 * by nearest neighbour. Returns a new RGB image (RGBA when the image has alpha), uint8; the image is not changed.
 *
 * @example drawHeatmap(photo, { data: scores, height: 32, width: 32, channels: 1 })
 * @example drawHeatmap(photo, heatmaps, { channel: 2, alpha: 0.7 })
 */
export function drawHeatmap(image: Image, heatmap: Heatmap, options: DrawHeatmapOptions = {}): Image<Uint8Array> {
  const owner = 'drawHeatmap';
  const alpha = numberOption(owner, 'alpha', options.alpha, 0.5, 0, 1);
  const channels = heatmap?.channels ?? 1;
  checkMap(owner, 'heatmap', heatmap, channels);
  const channel = numberOption(owner, 'channel', options.channel, 0, 0, channels - 1, true);
  const canvas = canvasOf(image, owner, options);
  const table = jetTable();
  overlay(canvas, heatmap, (cell, pixel) => {
    const v = heatmap.data[cell * channels + channel];
    const k = v > 0 ? Math.min(255, Math.floor(v * 256)) : 0;
    for (let c = 0; c < 3; c++) canvas.data[pixel + c] = blend(canvas.data[pixel + c], table[3 * k + c], alpha);
  });
  return imageOf(canvas);
}

/** Calls `draw(cell, pixel offset)` for every pixel with the map cell it reads (nearest neighbour). */
function overlay(canvas: Canvas, map: { height: number; width: number }, draw: (cell: number, at: number) => void) {
  const { height, width, channels } = canvas;
  const columns = new Int32Array(width);
  // floor((x + ½) · mw / W) in integers: floor((2x + 1) · mw / 2W).
  for (let x = 0; x < width; x++) columns[x] = Math.floor(((2 * x + 1) * map.width) / (2 * width));
  for (let y = 0; y < height; y++) {
    const row = Math.floor(((2 * y + 1) * map.height) / (2 * height)) * map.width;
    for (let x = 0; x < width; x++) draw(row + columns[x], (y * width + x) * channels);
  }
}

function checkMap(owner: string, name: string, map: unknown, channels: number): void {
  const m = map as { data?: ArrayLike<number>; height?: unknown; width?: unknown } | null;
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  if (!m || !ArrayBuffer.isView(m.data) || !ok(m.height) || !ok(m.width) || !ok(channels)) {
    throw argumentError(owner, name, '{ data, height, width } with positive integer sizes', map, 'type');
  }
  if (m.data.length !== m.height * m.width * channels) {
    throw argumentError(owner, `${name}.data`, `of length ${m.height * m.width * channels}`, m.data);
  }
}

let jet: Uint8Array | undefined;

/**
 * matplotlib's jet as 256 RGB entries: entry k is jet(k / 255), its piecewise-linear segments (_cm._jet_data)
 * rounded to bytes.
 */
function jetTable(): Uint8Array {
  if (jet) return jet;
  const red = [
    [0, 0],
    [0.35, 0],
    [0.66, 1],
    [0.89, 1],
    [1, 0.5],
  ];
  const green = [
    [0, 0],
    [0.125, 0],
    [0.375, 1],
    [0.64, 1],
    [0.91, 0],
    [1, 0],
  ];
  const blue = [
    [0, 0.5],
    [0.11, 1],
    [0.34, 1],
    [0.65, 0],
    [1, 0],
  ];
  const at = (segments: number[][], v: number) => {
    for (let s = 1; s < segments.length; s++) {
      const [x0, y0] = segments[s - 1];
      const [x1, y1] = segments[s];
      if (v <= x1) return y0 + ((v - x0) / (x1 - x0)) * (y1 - y0);
    }
    return segments[segments.length - 1][1];
  };
  jet = new Uint8Array(256 * 3);
  for (let k = 0; k < 256; k++) {
    const v = k / 255;
    jet[3 * k] = Math.round(255 * at(red, v));
    jet[3 * k + 1] = Math.round(255 * at(green, v));
    jet[3 * k + 2] = Math.round(255 * at(blue, v));
  }
  return jet;
}
