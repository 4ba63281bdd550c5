// Finding, reading and (optionally) downloading Fashion-MNIST. Node-only; exported from `augkit/node`.
import { access, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argumentError } from '../core/errors.ts';
import {
  type FashionMnist,
  type FashionMnistSource,
  type FashionMnistSplit,
  fashionMnistFileNames,
  fashionMnistFromIdx,
} from '../data/fashion-mnist.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { decodeIdxBytes, readIdxFile } from './idx-file.ts';

/** The small sample committed in the repository: the first 2,000 training and 1,000 test images. */
export const FASHION_MNIST_SAMPLE_DIR: string = fileURLToPath(
  new URL('../../data-sample/fashion-mnist/', import.meta.url),
);

/** Debian's `dataset-fashion-mnist` package installs the official files here. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** Options of `loadFashionMnist`. */
export interface LoadFashionMnistOptions {
  /** `'train'` (60,000 images) or `'test'` (10,000). */
  readonly split: FashionMnistSplit;
  /** A folder holding the split's IDX files (gzipped or not). When given, it must hold them: no fallback. */
  readonly dir?: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function findFile(dir: string, name: string): Promise<string | undefined> {
  for (const candidate of [join(dir, `${name}.gz`), join(dir, name)]) if (await exists(candidate)) return candidate;
  return undefined;
}

/** The folders `loadFashionMnist` looks in, in order, when no `dir` is given. */
export function fashionMnistLocations(): { kind: FashionMnistSource['kind']; dir: string }[] {
  const out: { kind: FashionMnistSource['kind']; dir: string }[] = [];
  const env = process.env.AUGKIT_DATA;
  if (env) out.push({ kind: 'env', dir: resolve(env, 'fashion-mnist') });
  out.push({ kind: 'cwd', dir: resolve('data', 'fashion-mnist') });
  out.push({ kind: 'debian', dir: FASHION_MNIST_DEBIAN_DIR });
  out.push({ kind: 'sample', dir: FASHION_MNIST_SAMPLE_DIR });
  return out;
}

/**
 * Loads a split of Fashion-MNIST: images as one N×28×28×1 uint8 buffer, labels 0–9 and the class names.
 *
 * Looks for the split's files (`train-images-idx3-ubyte[.gz]` and `train-labels-idx1-ubyte[.gz]`, `t10k-…` for
 * test) in `dir` when given (which must then hold them — a typo should not silently fall back to the sample), else
 * in order in `$AUGKIT_DATA/fashion-mnist`, `./data/fashion-mnist`, `/usr/share/datasets/fashion-mnist` (Debian's
 * `dataset-fashion-mnist`) and the sample committed in the repository (2,000 training / 1,000 test images).
 * `source` tells which was used. Files that are found but corrupt throw (naming the file) rather than fall back.
 *
 * @example const { images, labels, classNames, source } = await loadFashionMnist({ split: 'train' });
 */
export async function loadFashionMnist(options: LoadFashionMnistOptions): Promise<FashionMnist> {
  if (options === null || typeof options !== 'object') {
    throw argumentError('loadFashionMnist', 'options', "{ split: 'train' | 'test', dir? }", options, 'type');
  }
  const names = fashionMnistFileNames(options.split);
  const locations =
    options.dir !== undefined ? [{ kind: 'dir' as const, dir: resolve(options.dir) }] : fashionMnistLocations();
  for (const { kind, dir } of locations) {
    const images = await findFile(dir, names.images);
    const labels = await findFile(dir, names.labels);
    if (images === undefined || labels === undefined) continue;
    const [imageArray, labelArray] = await Promise.all([readIdxFile(images), readIdxFile(labels)]);
    const source: FashionMnistSource = { kind, dir, files: [images, labels], sample: kind === 'sample' };
    return fashionMnistFromIdx(imageArray, labelArray, source, { images, labels });
  }
  throw argumentError(
    'loadFashionMnist',
    options.dir !== undefined ? 'dir' : 'the data locations',
    `folders holding ${names.images}[.gz] and ${names.labels}[.gz]`,
    locations.map((l) => l.dir).join(', '),
    'range',
    'files not found',
  );
}

/** Where `downloadFashionMnist` fetches the official files from (Zalando Research's mirror). */
export const FASHION_MNIST_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/**
 * Downloads the four official Fashion-MNIST files (gzipped, about 30 MB) into `dir`, validating each one before
 * writing it atomically. Existing files are kept. Needs internet; nothing else in augkit calls it.
 * @example await downloadFashionMnist('./data/fashion-mnist'); // then loadFashionMnist finds them there
 */
export async function downloadFashionMnist(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const split of ['train', 'test'] as const) {
    for (const name of Object.values(fashionMnistFileNames(split))) {
      const path = join(dir, `${name}.gz`);
      if (await exists(path)) continue;
      const response = await fetch(`${FASHION_MNIST_URL}${name}.gz`);
      if (!response.ok) throw new Error(`downloadFashionMnist: ${response.url} answered ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await decodeIdxBytes(bytes, response.url);
      await writeFileAtomic(path, bytes);
      written.push(path);
    }
  }
  return written;
}
