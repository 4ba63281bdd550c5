// Pictures for people: crisp upscaling, imgaug's draw_grid, and a bridge to the browser's ImageData.
// Browser-safe: no Node built-ins, sharp, vega or tfjs here.
import { argumentError } from '../core/errors.ts';
import { type Image, assertImage } from '../core/image.ts';

/** Options of {@link toUint8}. */
export interface ToUint8Options {
  /**
   * What float32 values are multiplied by before rounding; default 255, so float images are read as 0–1
   * intensities (the training layer's convention). Use 1 for float images that hold 0–255 values.
   */
  readonly floatScale?: number;
}

/**
 * Converts an image to uint8 for display; uint8 images are returned as they are (not copied).
 *
 * float32 values are multiplied by `floatScale` (default 255: 0–1 intensities), rounded half up and clipped to
 * 0–255; NaN becomes 0. Channels are kept.
 *
 * @example toUint8(makeImage(new Float32Array([0, 0.5, 1]), 1, 3)).data // Uint8Array [0, 128, 255]
 * @example toUint8(floatImageOf0To255, { floatScale: 1 })               // values already in 0–255
 */
export function toUint8(image: Image, options: ToUint8Options = {}): Image<Uint8Array> {
  const owner = 'toUint8';
  assertImage(image, owner);
  const floatScale = options.floatScale ?? 255;
  if (typeof floatScale !== 'number' || !Number.isFinite(floatScale) || floatScale <= 0) {
    throw argumentError(owner, 'floatScale', 'a finite number > 0', floatScale);
  }
  if (image.data instanceof Uint8Array) return image as Image<Uint8Array>;
  const src = image.data;
  const data = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    // `v >= 0` is false for NaN, which therefore maps to 0 like a negative value.
    const v = Math.floor(src[i] * floatScale + 0.5);
    data[i] = v >= 0 ? (v > 255 ? 255 : v) : 0;
  }
  return { data, height: image.height, width: image.width, channels: image.channels };
}

/**
 * Enlarges an image by an integer factor with nearest-neighbour sampling, so every pixel becomes a
 * `factor × factor` block and small images (28×28 Fashion-MNIST) stay crisp on screen.
 *
 * The result has the input's dtype and channels and is always a new image (also for factor 1).
 *
 * @param factor A positive integer.
 * @example upscale(image28x28, 8)  // a 224×224 image with 8×8 blocks
 * @example upscale(makeImage(new Uint8Array([1, 2, 3, 4]), 2, 2), 3).width // 6
 */
export function upscale<I extends Image>(image: I, factor: number): I {
  const owner = 'upscale';
  assertImage(image, owner);
  if (typeof factor !== 'number' || !Number.isInteger(factor) || factor < 1) {
    throw argumentError(owner, 'factor', 'a positive integer', factor, typeof factor === 'number' ? 'range' : 'type');
  }
  const { height, width, channels } = image;
  const outWidth = width * factor;
  const src = image.data;
  const data =
    src instanceof Uint8Array
      ? new Uint8Array(src.length * factor * factor)
      : new Float32Array(src.length * factor * factor);
  const outRowLength = outWidth * channels;
  for (let y = 0; y < height; y++) {
    // Build the first output row of this block pixel by pixel, then copy it factor − 1 times.
    const rowStart = y * factor * outRowLength;
    let o = rowStart;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * channels;
      for (let r = 0; r < factor; r++) {
        for (let c = 0; c < channels; c++) data[o++] = src[s + c];
      }
    }
    for (let r = 1; r < factor; r++) data.copyWithin(rowStart + r * outRowLength, rowStart, rowStart + outRowLength);
  }
  return { data, height: height * factor, width: outWidth, channels } as Image as I;
}

/** Options of {@link drawGrid}. */
export interface GridOptions extends ToUint8Options {
  /** Number of rows; when only `cols` is given, `ceil(n / cols)`; when neither, `ceil(sqrt(n))` (imgaug's rule). */
  readonly rows?: number;
  /** Number of columns; when only `rows` is given, `ceil(n / rows)`; when neither, `ceil(sqrt(n))`. */
  readonly cols?: number;
  /** Pixels between cells and around the grid's edge; default 0 (imgaug has none). */
  readonly padding?: number;
  /**
   * The fill of empty cells, of the part of a cell a smaller image leaves free, and of the padding: one value
   * (0–255) for every channel, alpha included, or one value per output channel. Default 0, imgaug's black
   * (transparent where there is an alpha channel).
   */
  readonly background?: number | readonly number[];
}

interface Layout {
  readonly color: boolean;
  readonly alpha: boolean;
}

// 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA.
function layoutOf(channels: number): Layout {
  return { color: channels >= 3, alpha: channels === 2 || channels === 4 };
}

function checkByte(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 255) {
    throw argumentError(owner, name, 'an integer in 0–255', value, typeof value === 'number' ? 'range' : 'type');
  }
  return value;
}

/**
 * Draws several images into one uint8 image laid out in `rows × cols` cells, filled row by row (imgaug's
 * `draw_grid`).
 *
 * Every cell has the size of the largest height and the largest width among the images; an image sits in the top
 * left of its cell and the rest of the cell shows `background`. Images may differ in size and channel count: when
 * gray (1), gray + alpha (2), RGB (3) and RGBA (4) images are mixed, gray is promoted to RGB (r = g = b) and an
 * alpha channel (255, opaque) is added to images without one whenever any image has one. Other channel counts
 * are accepted when all images share them. float32 images are converted with {@link toUint8} (0–1 by default).
 *
 * Differs from imgaug: the result is always uint8, mixed dtypes and mixed channel counts are accepted, and
 * `padding` and `background` are added (their defaults give imgaug's output).
 *
 * @example drawGrid(variants, { rows: 2, cols: 4 })                                       // 8 images in 2 rows
 * @example drawGrid([gray28, rgb64], { rows: 1, cols: 2, padding: 2, background: 255 })   // 2 RGB cells of 64×64
 */
export function drawGrid(images: readonly Image[], options: GridOptions = {}): Image<Uint8Array> {
  const owner = 'drawGrid';
  if (!Array.isArray(images) || images.length === 0) {
    throw argumentError(
      owner,
      'images',
      'a non-empty list of images',
      images,
      Array.isArray(images) ? 'range' : 'type',
    );
  }
  const n = images.length;
  images.forEach((image, i) => assertImage(image, owner, `images[${i}]`));

  let { rows, cols } = options;
  for (const [name, value] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      throw argumentError(owner, name, 'a positive integer', value, typeof value === 'number' ? 'range' : 'type');
    }
  }
  if (rows === undefined && cols === undefined) rows = cols = Math.ceil(Math.sqrt(n));
  else if (cols === undefined) cols = Math.ceil(n / (rows as number));
  else if (rows === undefined) rows = Math.ceil(n / cols);
  const gridRows = rows as number;
  const gridCols = cols as number;
  if (gridRows * gridCols < n) {
    throw argumentError(
      owner,
      'rows × cols',
      `at least the number of images (${n})`,
      `${gridRows} × ${gridCols} = ${gridRows * gridCols}`,
    );
  }
  const padding = options.padding ?? 0;
  if (typeof padding !== 'number' || !Number.isInteger(padding) || padding < 0) {
    throw argumentError(
      owner,
      'padding',
      'a non-negative integer',
      padding,
      typeof padding === 'number' ? 'range' : 'type',
    );
  }

  // Output channels: the common count when all agree, else the promotion of 1–4 channel layouts.
  const counts = new Set(images.map((image) => image.channels));
  let channels: number;
  if (counts.size === 1) {
    channels = images[0].channels;
  } else {
    const bad = images.findIndex((image) => image.channels > 4);
    if (bad >= 0) {
      throw argumentError(
        owner,
        `images[${bad}].channels`,
        'one count shared by all images, or 1–4 when counts are mixed',
        images[bad].channels,
      );
    }
    const color = images.some((image) => layoutOf(image.channels).color);
    const alpha = images.some((image) => layoutOf(image.channels).alpha);
    channels = (color ? 3 : 1) + (alpha ? 1 : 0);
  }
  const out = layoutOf(channels);

  const background = options.background ?? 0;
  let fill: number[];
  if (typeof background === 'number') {
    fill = new Array(channels).fill(checkByte(owner, 'background', background));
  } else if (Array.isArray(background) && background.length === channels) {
    fill = background.map((v, i) => checkByte(owner, `background[${i}]`, v));
  } else {
    throw argumentError(
      owner,
      'background',
      `a number in 0–255 or ${channels} of them (one per output channel)`,
      background,
      'type',
    );
  }

  const cellHeight = Math.max(...images.map((image) => image.height));
  const cellWidth = Math.max(...images.map((image) => image.width));
  const height = gridRows * cellHeight + (gridRows + 1) * padding;
  const width = gridCols * cellWidth + (gridCols + 1) * padding;
  const data = new Uint8Array(height * width * channels);
  for (let i = 0; i < data.length; i += channels) {
    for (let c = 0; c < channels; c++) data[i + c] = fill[c];
  }

  images.forEach((original, index) => {
    const image = toUint8(original, options);
    const src = image.data;
    const inLayout = layoutOf(image.channels);
    const y0 = padding + Math.floor(index / gridCols) * (cellHeight + padding);
    const x0 = padding + (index % gridCols) * (cellWidth + padding);
    const same = image.channels === channels;
    for (let y = 0; y < image.height; y++) {
      let o = ((y0 + y) * width + x0) * channels;
      let s = y * image.width * image.channels;
      for (let x = 0; x < image.width; x++, o += channels, s += image.channels) {
        if (same) {
          for (let c = 0; c < channels; c++) data[o + c] = src[s + c];
          continue;
        }
        const r = src[s];
        const g = inLayout.color ? src[s + 1] : r;
        const b = inLayout.color ? src[s + 2] : r;
        const a = inLayout.alpha ? src[s + image.channels - 1] : 255;
        if (out.color) {
          data[o] = r;
          data[o + 1] = g;
          data[o + 2] = b;
        } else {
          data[o] = r;
        }
        if (out.alpha) data[o + channels - 1] = a;
      }
    }
  });
  return { data, height, width, channels };
}

/** RGBA pixels with their size: what a browser's `ImageData` holds, and what `new ImageData(data, width)` takes. */
export interface ImageDataLike {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * Converts an image to RGBA pixels for a canvas: gray is copied to r, g and b, images without alpha get 255
 * (opaque), and float32 images are converted with {@link toUint8} (0–1 by default).
 *
 * Where the global `ImageData` exists (browsers, workers) the result is a real `ImageData`, ready for
 * `ctx.putImageData`; elsewhere (Node) it is a plain object with the same `data`, `width` and `height`.
 * Images with more than 4 channels are rejected.
 *
 * @example ctx.putImageData(toImageData(upscale(image, 4)) as ImageData, 0, 0) // in a browser
 * @example toImageData(makeImage(new Uint8Array([7]), 1, 1)).data               // [7, 7, 7, 255]
 */
export function toImageData(image: Image, options: ToUint8Options = {}): ImageDataLike {
  const owner = 'toImageData';
  assertImage(image, owner);
  if (image.channels > 4) throw argumentError(owner, 'image.channels', 'an integer in 1–4', image.channels);
  const { data: src, width, height, channels } = toUint8(image, options);
  const layout = layoutOf(channels);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0, s = 0, o = 0; p < width * height; p++, s += channels, o += 4) {
    const r = src[s];
    data[o] = r;
    data[o + 1] = layout.color ? src[s + 1] : r;
    data[o + 2] = layout.color ? src[s + 2] : r;
    data[o + 3] = layout.alpha ? src[s + channels - 1] : 255;
  }
  const ImageDataCtor = (globalThis as { ImageData?: typeof ImageData }).ImageData;
  if (typeof ImageDataCtor === 'function') return new ImageDataCtor(data, width, height);
  return { data, width, height };
}
