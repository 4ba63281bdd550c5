// Writing a file so that readers never see half of it: a temporary file in the same folder, then a rename (or a
// hard link when an existing file must not be replaced). Node-only.
import { randomBytes } from 'node:crypto';
import { access, link, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Replace an existing file. Default false: an existing file makes the write fail with `EEXIST`. */
  readonly overwrite?: boolean;
}

/**
 * Writes `bytes` to `path` atomically: the bytes go to `.<name>.<random>.tmp` in the same folder, which is then
 * renamed over `path` (`overwrite: true`) or hard-linked to it, which fails if `path` exists (the default). Either
 * way the temporary file is removed, also on failure, and `path` is either absent, its old content or the new one.
 * @throws an error with `code: 'EEXIST'` when `path` exists and `overwrite` is not set.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, bytes, { flag: 'wx' });
  try {
    if (options.overwrite) {
      await rename(temp, path);
      return;
    }
    try {
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return await rejectExisting(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      // A file system without hard links: check, then rename (a writer racing us in between could be replaced).
      if (
        await access(path).then(
          () => true,
          () => false,
        )
      )
        return await rejectExisting(path);
      await rename(temp, path);
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}

async function rejectExisting(path: string): Promise<never> {
  const error = new Error(`${path} already exists; pass { overwrite: true } to replace it`) as NodeJS.ErrnoException;
  error.code = 'EEXIST';
  error.path = path;
  throw error;
}
