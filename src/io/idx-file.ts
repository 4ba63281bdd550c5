// Reading IDX files from disk, gzipped or not. Node-only.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { argumentError } from '../core/errors.ts';
import { type IdxArray, parseIdx } from '../data/idx.ts';

const gunzipAsync = promisify(gunzip);

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Gunzips `bytes` when they start with the gzip magic number and parses them as IDX (see `parseIdx`). A truncated
 * or corrupt gzip stream or IDX file throws an error naming `source`; nothing partial is returned.
 */
export async function decodeIdxBytes(bytes: Uint8Array, source: string): Promise<IdxArray> {
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      const out = await gunzipAsync(bytes);
      raw = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (error) {
      throw argumentError(
        'readIdxFile',
        source,
        'a complete gzip stream',
        `${bytes.length} gzipped bytes`,
        'range',
        (error as Error).message,
      );
    }
  }
  return parseIdx(raw, source);
}

/**
 * Reads an IDX file (MNIST's format), gzipped or not — decided by the file's first bytes, not its name — and
 * validates it completely (`parseIdx`). Errors name the file and what is wrong.
 * @example const { dims, data } = await readIdxFile('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  return decodeIdxBytes(await readFile(path), path);
}
