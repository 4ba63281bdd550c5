// Reading and writing image files through sharp (an optional peer, loaded on first use). Node-only; exported from
// `augkit/node`.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Metadata } from 'sharp';
import { argumentError } from '../core/errors.ts';
import { plainFileError } from '../core/file-errors.ts';
import { type Image, assertImage } from '../core/image.ts';
import { type SharpFactory, sharpFor } from '../data/optional-peer.ts';
import { writeFileAtomic } from './atomic-write.ts';

/** Options of `readImage`. */
export interface ReadImageOptions {
  /**
   * The channels wanted: 1 (gray), 3 (RGB) or 4 (RGBA). By default gray files give 1 channel, gray files with alpha
   * and RGBA files give 4, other colour files 3.
   */
  readonly channels?: 1 | 3 | 4;
  /**
   * Decode grey files with alpha as 2 channels (grey, alpha) instead of 4, so that they can be written back as
   * they were. Default false. Ignored when `channels` is given.
   */
  readonly keepGreyAlpha?: boolean;
}

/** What the file held before decoding to uint8: what `readImage` converted, for callers that report it. */
export interface ImageFileInfo {
  /** The file's format as sharp names it: `png`, `jpeg`, `webp`, `tiff`, `gif` … */
  readonly format: string;
  /** Bits per sample in the file (8, or 16 for 16-bit PNG/TIFF, which `readImage` reduces to 8). */
  readonly bitsPerSample: number;
  /** Pages (frames) in the file; only the first is decoded. */
  readonly pages: number;
  /** True when the file has an alpha channel. */
  readonly hasAlpha: boolean;
}

/**
 * Decodes an image file like `readImage` and says what the file held (bit depth, pages, alpha), so that a caller
 * can report what was converted. Errors say what went wrong in plain words (`permission denied`, `the file is
 * truncated or corrupt`, `not an image …`) and keep the original as `cause`.
 * @example const { image, info } = await readImageWithInfo('scan.tif'); // info.pages > 1: only page 1 was read
 */
export async function readImageWithInfo(
  path: string,
  options: ReadImageOptions = {},
): Promise<{ image: Image<Uint8Array>; info: ImageFileInfo }> {
  const { channels } = options;
  if (channels !== undefined && channels !== 1 && channels !== 3 && channels !== 4) {
    throw argumentError('readImage', 'channels', '1, 3 or 4', channels);
  }
  const sharp = await sharpFor('readImage');
  // The bytes first, so that a file-system error (permission, a folder, a missing file) is reported as such and not
  // as an unsupported format.
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`readImage: cannot read ${path}: ${plainFileError(error)}`, { cause: error });
  }
  try {
    const meta = await sharp(bytes).metadata();
    const gray = meta.channels === 1 || meta.channels === 2 || meta.space === 'b-w';
    if (channels === undefined && options.keepGreyAlpha && gray && meta.hasAlpha) {
      return { image: await decodeGreyAlpha(sharp, bytes), info: fileInfo(meta) };
    }
    const wanted = channels ?? (meta.hasAlpha ? 4 : gray ? 1 : 3);
    let pipeline = sharp(bytes).autoOrient();
    if (wanted === 1) pipeline = pipeline.removeAlpha().toColourspace('b-w');
    else if (wanted === 3) pipeline = pipeline.removeAlpha().toColourspace('srgb');
    else pipeline = pipeline.ensureAlpha().toColourspace('srgb');
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== wanted) throw new Error(`decoded ${info.channels} channels instead of ${wanted}`);
    const image = {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      height: info.height,
      width: info.width,
      channels: info.channels,
    };
    return { image, info: fileInfo(meta) };
  } catch (error) {
    throw new Error(`readImage: cannot read ${path}: ${plainFileError(error)}`, { cause: error });
  }
}

function fileInfo(meta: Metadata): ImageFileInfo {
  const bits = meta.bitsPerSample ?? (meta.depth === 'ushort' || meta.depth === 'short' ? 16 : 8);
  return { format: meta.format ?? 'unknown', bitsPerSample: bits, pages: meta.pages ?? 1, hasAlpha: !!meta.hasAlpha };
}

/** A grey+alpha file as 2 interleaved channels: the grey plane and the alpha plane, each decoded to 8 bits. */
async function decodeGreyAlpha(sharp: SharpFactory, bytes: Buffer): Promise<Image<Uint8Array>> {
  const [grey, alpha] = await Promise.all([
    sharp(bytes)
      .autoOrient()
      .removeAlpha()
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }),
    sharp(bytes).autoOrient().extractChannel('alpha').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }),
  ]);
  const { height, width } = grey.info;
  if (
    grey.info.channels !== 1 ||
    alpha.info.channels !== 1 ||
    alpha.info.height !== height ||
    alpha.info.width !== width
  ) {
    throw new Error('decoded grey and alpha planes of different shapes');
  }
  const data = new Uint8Array(height * width * 2);
  for (let p = 0; p < height * width; p++) {
    data[2 * p] = grey.data[p];
    data[2 * p + 1] = alpha.data[p];
  }
  return { data, height, width, channels: 2 };
}

/**
 * Decodes an image file (PNG, JPEG, WebP, TIFF, GIF, AVIF — whatever sharp reads) into a uint8 image, HWC. The
 * EXIF orientation is applied, 16-bit files are reduced to 8 bits, only the first page of a multi-page file is read,
 * and colour is converted to sRGB. Errors name the file and say what went wrong in plain words.
 * @example const photo = await readImage('cat.jpg');               // 3 channels
 * @example const gray = await readImage('cat.jpg', { channels: 1 }); // luminance
 */
export async function readImage(path: string, options: ReadImageOptions = {}): Promise<Image<Uint8Array>> {
  return (await readImageWithInfo(path, options)).image;
}

/** Options of `writeImage`. */
export interface WriteImageOptions {
  /** JPEG/WebP quality 1–100 (default 90). PNG ignores it. */
  readonly quality?: number;
  /** WebP only: lossless compression (default false). */
  readonly lossless?: boolean;
  /** PNG only: zlib level 0–9 (default 6). */
  readonly compressionLevel?: number;
  /** Replace an existing file. Default false: writing over an existing file throws (code `EEXIST`). */
  readonly overwrite?: boolean;
}

const FORMATS: Readonly<Record<string, 'png' | 'jpeg' | 'webp'>> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};

/**
 * Encodes a uint8 image (1, 2, 3 or 4 channels) as PNG, JPEG or WebP, chosen by the file extension, and writes it
 * atomically: to a temporary file in the same folder, then renamed, so a reader never sees half an image. An
 * existing file is kept (the call throws) unless `overwrite` is true. 1-channel images are written as grey, 2-channel
 * ones as grey+alpha. `encodeImage` gives the bytes without writing them.
 *
 * float32 images are rejected: their range is the caller's convention (0–1? 0–255?), so convert explicitly,
 * e.g. to uint8 with `Math.round(clamp(v * 255, 0, 255))`. JPEG cannot hold alpha, so 2- and 4-channel images are
 * rejected for .jpg.
 *
 * @example await writeImage('out/grid.png', grid);
 * @example await writeImage('out/photo.jpg', photo, { quality: 85, overwrite: true });
 */
export async function writeImage(path: string, image: Image, options: WriteImageOptions = {}): Promise<void> {
  await writeFileAtomic(path, await encodeImage(path, image, options), { overwrite: options.overwrite });
}

/**
 * The bytes `writeImage(path, image, options)` writes: `image` encoded in the format of `path`'s extension.
 * @example const png = await encodeImage('x.png', image); // a Buffer, nothing written
 */
export async function encodeImage(
  path: string,
  image: Image,
  options: Omit<WriteImageOptions, 'overwrite'> = {},
): Promise<Buffer> {
  assertImage(image, 'writeImage');
  const format = FORMATS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw argumentError('writeImage', 'path', 'a file name ending in .png, .jpg, .jpeg or .webp', path);
  }
  if (!(image.data instanceof Uint8Array)) {
    throw argumentError(
      'writeImage',
      'image.data',
      'a Uint8Array (0–255)',
      image.data,
      'type',
      'convert float32 images to uint8 first, e.g. Math.round(clamp(v × 255, 0, 255)) for 0–1 data',
    );
  }
  if (image.channels > 4 || (format === 'jpeg' && image.channels !== 1 && image.channels !== 3)) {
    const accepted = format === 'jpeg' ? '1 or 3 for JPEG (no alpha)' : '1 to 4';
    throw argumentError('writeImage', 'image.channels', accepted, image.channels);
  }
  const { quality = 90, lossless = false, compressionLevel = 6 } = options;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw argumentError('writeImage', 'quality', 'an integer from 1 to 100', quality);
  }
  if (!Number.isInteger(compressionLevel) || compressionLevel < 0 || compressionLevel > 9) {
    throw argumentError('writeImage', 'compressionLevel', 'an integer from 0 to 9', compressionLevel);
  }
  const { height, width, channels } = image;
  const sharp = await sharpFor('writeImage');
  let pipeline = sharp(image.data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  // Grey, and grey+alpha (sharp would otherwise write 2 raw channels as RGBA).
  if (channels <= 2) pipeline = pipeline.toColourspace('b-w');
  if (format === 'png') pipeline = pipeline.png({ compressionLevel });
  else if (format === 'jpeg') pipeline = pipeline.jpeg({ quality });
  else pipeline = pipeline.webp({ quality, lossless });
  return pipeline.toBuffer();
}
