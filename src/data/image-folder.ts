// A dataset over a folder of class sub-folders of image files, decoded lazily with sharp (an optional peer). Node-only; exported from
// `augkit/node`.
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { argumentError } from '../core/errors.ts';
import { plainFileError } from '../core/file-errors.ts';
import type { Image } from '../core/image.ts';
import { type Dataset, type LabeledImage, MappedDataset, checkIndex, subset } from './dataset.ts';
import { sharpFor } from './optional-peer.ts';

/** Options of `ImageFolder`. */
export interface ImageFolderOptions {
  /** Resize every image to this size (so that batches can be stacked). Default: keep each file's size. */
  readonly resize?: { readonly height: number; readonly width: number; readonly fit?: 'fill' | 'cover' | 'contain' };
  /** Channels of the decoded images: 1 (gray), 3 (RGB, default) or 4 (RGBA). */
  readonly channels?: 1 | 3 | 4;
  /** File extensions to include, lower case with the dot. Default `.png .jpg .jpeg .webp`. */
  readonly extensions?: readonly string[];
}

/** A sample of an `ImageFolder`: a labelled image and the file it came from. */
export interface ImageFolderSample extends LabeledImage {
  readonly path: string;
}

/**
 * The image files below `dir`, sorted, hidden entries skipped. Links to folders are not followed (so a symlink loop
 * cannot recur); a folder that cannot be listed throws, naming it and why.
 */
function walk(dir: string, extensions: readonly string[], out: string[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw argumentError(
      'ImageFolder',
      'root',
      'a folder whose sub-folders can be listed',
      dir,
      'range',
      plainFileError(error),
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) walk(path, extensions, out);
    else if (extensions.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
  return out;
}

/**
 * torchvision's ImageFolder: `root/<class>/**\/<image>` — each sub-folder of `root` is a class, labelled by its
 * position among the sub-folder names sorted by code point; its image files (searched recursively, sorted, hidden
 * files skipped) are the samples. The folder is listed once, in the constructor; `get(i)` decodes the file then
 * (asynchronously, with sharp), optionally resized to a fixed size so that the DataLoader can stack them.
 * @example
 * const photos = new ImageFolder('photos', { resize: { height: 128, width: 128 } });
 * photos.classNames;            // ['cats', 'dogs']
 * const { image, label } = await photos.get(0);
 */
export class ImageFolder implements Dataset<ImageFolderSample> {
  /** The class names (sub-folder names), sorted; a label indexes this list. */
  readonly classNames: readonly string[];
  /** Every sample's file and label, in dataset order. */
  readonly files: readonly { readonly path: string; readonly label: number }[];
  readonly length: number;
  private readonly options: ImageFolderOptions;

  constructor(
    readonly root: string,
    options: ImageFolderOptions = {},
  ) {
    const { resize, channels = 3, extensions = ['.png', '.jpg', '.jpeg', '.webp'] } = options;
    if (channels !== 1 && channels !== 3 && channels !== 4)
      throw argumentError('ImageFolder', 'channels', '1, 3 or 4', channels);
    if (resize !== undefined) {
      for (const key of ['height', 'width'] as const) {
        const v = resize[key];
        if (!Number.isInteger(v) || v < 1) throw argumentError('ImageFolder', `resize.${key}`, 'a positive integer', v);
      }
    }
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      throw argumentError('ImageFolder', 'root', 'a folder of class sub-folders', root, 'range', 'not a folder');
    }
    const classNames = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const files = classNames.flatMap((name, label) =>
      walk(join(root, name), extensions, []).map((path) => ({ path, label })),
    );
    if (files.length === 0) {
      throw argumentError(
        'ImageFolder',
        'root',
        `a folder whose sub-folders hold ${extensions.join('/')} files`,
        root,
        'range',
        'no images found',
      );
    }
    this.classNames = classNames;
    this.files = files;
    this.length = files.length;
    this.options = { resize, channels, extensions };
  }

  /** Decodes the `i`-th image (uint8, HWC), resized when asked. Errors name the file. */
  async get(i: number): Promise<ImageFolderSample> {
    checkIndex('ImageFolder.get', i, this.length);
    const { path, label } = this.files[i];
    const { resize, channels } = this.options;
    const sharp = await sharpFor('ImageFolder');
    try {
      // The bytes first, so that a permission error is reported as such and not as an unsupported format.
      let pipeline = sharp(await readFile(path)).autoOrient();
      if (resize) pipeline = pipeline.resize(resize.width, resize.height, { fit: resize.fit ?? 'fill' });
      if (channels === 1) pipeline = pipeline.removeAlpha().toColourspace('b-w');
      else if (channels === 3) pipeline = pipeline.removeAlpha().toColourspace('srgb');
      else pipeline = pipeline.ensureAlpha().toColourspace('srgb');
      const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      const image: Image<Uint8Array> = {
        data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        height: info.height,
        width: info.width,
        channels: info.channels,
      };
      return { image, label, index: i, path };
    } catch (error) {
      throw new Error(`ImageFolder: cannot decode ${relative('.', path) || path}: ${plainFileError(error)}`, {
        cause: error,
      });
    }
  }

  /** The samples at `indices`, in that order. */
  subset(indices: ArrayLike<number>): MappedDataset<ImageFolderSample, ImageFolderSample> {
    return subset(this, indices);
  }

  /** A dataset of `fn(sample, i)`. */
  map<U>(fn: (item: ImageFolderSample, i: number) => U | Promise<U>): MappedDataset<ImageFolderSample, U> {
    return new MappedDataset(this, fn);
  }
}
