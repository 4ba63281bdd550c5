// Photos into pixels: the browser decodes, the file's header says how many channels `augkit augment` would read
// (a grey PNG is one channel there, so it is one channel here), and the alpha channel is left out.
import type { Pixels } from './protocol.ts';

/** A decoded photo and what the page says about it. */
export interface Photo {
  readonly pixels: Pixels;
  readonly name: string;
  /** Notes for the page: alpha dropped, photo scaled down. */
  readonly notes: readonly string[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The channels `augkit augment` reads from a file: 1 for a grey PNG (colour type 0 or 4), else 3 (alpha aside).
 * Other formats count as colour.
 */
export function colourChannels(bytes: Uint8Array): 1 | 3 {
  const png = PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  // IHDR is the first chunk: signature (8), length (4), "IHDR" (4), width (4), height (4), bit depth (1), colour type.
  if (png && bytes.length > 25) return bytes[25] === 0 || bytes[25] === 4 ? 1 : 3;
  return 3;
}

/** RGBA pixels as `channels` (1: the red channel of a grey image, 3: RGB); true in `transparent` if alpha < 255. */
export function fromRGBA(rgba: Uint8ClampedArray, height: number, width: number, channels: 1 | 3) {
  const n = height * width;
  const data = new Uint8Array(n * channels);
  let transparent = false;
  for (let i = 0; i < n; i++) {
    if (rgba[4 * i + 3] !== 255) transparent = true;
    for (let c = 0; c < channels; c++) data[i * channels + c] = rgba[4 * i + c];
  }
  return { pixels: { data, height, width, channels }, transparent };
}

/**
 * Decodes an image file without colour management (`colorSpaceConversion: 'none'`), so a PNG's pixels are the file's
 * bytes, as sharp reads them in Node. Photos larger than `maxSide` are scaled down by the browser when `maxSide` is
 * given (faster, but then `augkit augment` must get the scaled copy to give the same bytes).
 */
export async function decodePhoto(blob: Blob, name: string, maxSide?: number): Promise<Photo> {
  const bytes = new Uint8Array(await blob.slice(0, 32).arrayBuffer());
  const channels = colourChannels(bytes);
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const notes: string[] = [];
  let { width, height } = bitmap;
  if (maxSide !== undefined && Math.max(width, height) > maxSide) {
    const f = maxSide / Math.max(width, height);
    notes.push(`scaled down from ${width}×${height} for speed (untick "Scale large photos down" to use it as it is)`);
    width = Math.max(1, Math.round(width * f));
    height = Math.max(1, Math.round(height * f));
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, width, height);
  const { pixels, transparent } = fromRGBA(data, height, width, channels);
  if (transparent) {
    notes.push(
      'its alpha channel is left out here (augkit augment moves alpha with the geometry only; the colours are the same)',
    );
  }
  return { pixels, name, notes };
}
