// Writing a file so that readers never see half of it: a temporary file in the same folder, then a rename (or a
// hard link when an existing file must not be replaced). Node-only.
import { randomBytes } from 'node:crypto';
import { access, link, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Replace an existing file. Default false: an existing file makes the write fail with `EEXIST`. */
  readonly overwrite?: boolean;
}

/**
 * The temporary files augkit writes: `.<name>.<pid>-<12 hex>.tmp`, and `.<name>.<12 hex>.tmp` of versions before
 * the process id was part of the name. Group 1 is the name of the file being written, group 2 the process id, when
 * there is one.
 */
const TEMP_NAME = /^\.(.+)\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;

/** A temporary file older than this is stale whoever wrote it (a process id may have been reused since). */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Writes `bytes` to `path` atomically: the bytes go to `.<name>.<pid>-<random>.tmp` in the same folder, which is
 * then renamed over `path` (`overwrite: true`) or hard-linked to it, which fails if `path` exists (the default).
 * Either way the temporary file is removed, also when writing it fails (a full disk) or the link does, and `path` is
 * either absent, its old content or the new one. A process killed in between leaves the temporary file, which
 * `removeStaleTempFiles` removes on the next run.
 * @throws an error with `code: 'EEXIST'` when `path` exists and `overwrite` is not set.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
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

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files `writeFileAtomic` left in `dir` when its process was killed (or the machine lost
 * power) between writing and renaming: files named like its temporary files whose process is gone, and any such
 * file older than a day. Files of a run still writing there are kept. A missing or unreadable folder removes
 * nothing. Resolves to the names removed.
 *
 * `owns(name)`, when given, limits this to the temporary files of the files it owns (`name` is the file being
 * written, `cat_0.png`): processes on other machines sharing the folder have process ids this one cannot check, so a
 * shard of a run only removes its own files' leftovers.
 * @example const removed = await removeStaleTempFiles('out'); // ['.cat_0.png.4711-1a2b3c4d5e6f.tmp']
 */
export async function removeStaleTempFiles(dir: string, owns?: (name: string) => boolean): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null || (owns !== undefined && !owns(match[1]))) continue;
    const path = join(dir, name);
    const s = await stat(path).catch(() => undefined);
    if (s === undefined || !s.isFile()) continue;
    const old = now - s.mtimeMs > STALE_AFTER_MS;
    if (!old && match[2] !== undefined && alive(Number(match[2]))) continue;
    if (
      await unlink(path).then(
        () => true,
        () => false,
      )
    )
      removed.push(name);
  }
  return removed;
}
