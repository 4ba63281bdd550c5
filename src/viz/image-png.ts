// Images to PNG files through sharp (an optional peer, loaded on first use). Node-only.
import { argumentError } from '../core/errors.ts';
import { type Image, assertImage } from '../core/image.ts';
import { sharpFor } from '../data/optional-peer.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { toUint8, upscale } from './grid.ts';

/** Options of {@link encodePng} and {@link savePng}. */
export interface PngOptions {
  /** Nearest-neighbour upscaling factor applied first (a positive integer), so small images stay crisp; default 1. */
  readonly scale?: number;
  /** What float32 values are multiplied by; default 255 (0–1 intensities). See `toUint8`. */
  readonly floatScale?: number;
}

/**
 * Encodes an image as PNG bytes: 1 channel → gray, 2 → gray + alpha, 3 → RGB, 4 → RGBA, 8 bits per channel.
 *
 * float32 images are converted to uint8 first (0–1 by default, rounded and clipped, see `toUint8`); `scale`
 * enlarges the image with nearest-neighbour sampling before encoding.
 *
 * @example const png = await encodePng(image)                  // a Buffer starting with the PNG signature
 * @example const png = await encodePng(fashion28x28, { scale: 8 }) // 224×224, crisp pixels
 */
export async function encodePng(image: Image, options: PngOptions = {}): Promise<Buffer> {
  const owner = 'encodePng';
  assertImage(image, owner);
  if (image.channels > 4) throw argumentError(owner, 'image.channels', 'an integer in 1–4', image.channels);
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 1) {
    throw argumentError(owner, 'scale', 'a positive integer', scale, typeof scale === 'number' ? 'range' : 'type');
  }
  let pixels = toUint8(image, options);
  if (scale > 1) pixels = upscale(pixels, scale);
  const { data, width, height, channels } = pixels;
  // A view on the image's own memory: sharp copies what it needs, so nothing is duplicated here.
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const sharp = await sharpFor(owner);
  const encoder = sharp(input, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  // sharp writes sRGB unless told otherwise; keep gray images gray (1 or 2 channels in the file).
  if (channels <= 2) encoder.toColourspace('b-w');
  return encoder.png().toBuffer();
}

/** Options of {@link savePng}. */
export interface SavePngOptions extends PngOptions {
  /** Replace an existing file; default true (figures are regenerated). When false, an existing file is an error. */
  readonly overwrite?: boolean;
}

/**
 * Writes an image to a PNG file atomically (see {@link encodePng} for channels, float32 and `scale`): the bytes go
 * to a temporary file in the same folder, which is then renamed to `path`, so a crash never leaves a half-written
 * image and an existing file is replaced whole or not at all. The folder must exist.
 *
 * @example await savePng('augkit-demo/01-original.png', image, { scale: 8 })
 * @example await savePng('out/a.png', image, { overwrite: false }) // fails with code EEXIST if out/a.png exists
 */
export async function savePng(path: string, image: Image, options: SavePngOptions = {}): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) {
    throw argumentError('savePng', 'path', 'a non-empty string', path, 'type');
  }
  const png = await encodePng(image, options);
  await writeFileAtomic(path, png, { overwrite: options.overwrite ?? true });
}
