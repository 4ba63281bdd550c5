// Finding the images a command reads from the files and folders named on its command line: folders searched
// recursively (each real folder once, so symlink loops end), unreadable folders reported and skipped, files of other
// formats listed, and an output folder that is, contains or links to an input folder refused; or from a list file
// (`--files LIST`).
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { plainFileError } from '../core/file-errors.ts';
import { CliError, UsageError } from './command.ts';
import { forEachLimited } from './for-each-limited.ts';

/** File extensions read from folders (files named on the command line are tried whatever their extension). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.gif'];

/** One input image and where its outputs go. */
export interface InputFile {
  /** Absolute path of the input. */
  readonly path: string;
  /** The input's path as the user would recognise it, for messages. */
  readonly display: string;
  /** The output path without suffix and extension, relative to the output folder: mirrors the folder structure. */
  readonly stem: string;
}

/** Something named or found that could not be searched: a missing path, an unreadable folder. */
export interface InputProblem {
  readonly display: string;
  readonly message: string;
}

/** What `collectInputs` found. */
export interface CollectedInputs {
  /** The images, sorted by output stem (then path). */
  readonly files: InputFile[];
  /** Paths that could not be searched, each a failure. */
  readonly problems: InputProblem[];
  /** Files in the folders that are not of a format read from folders (`notes.txt`, `scan.bmp`), sorted. */
  readonly skipped: string[];
  /** Links to folders already searched (symlink loops among them), not followed again. */
  readonly revisits: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `path` without its extension. */
export function stripExtension(path: string): string {
  const ext = extname(path);
  return ext ? path.slice(0, -ext.length) : path;
}

/** The real path of `path`, also when it does not exist yet: its nearest existing ancestor's, plus the rest. */
export async function realpathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realpathOf(parent), basename(path));
  }
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Finds the images named by `inputs`: files as they are, folders searched recursively for the formats of
 * `IMAGE_EXTENSIONS`, skipping hidden entries and the output folder `out` (so `--out photos/augmented` works on
 * `photos`). Each real folder is searched once: a link to a folder already searched (a symlink loop) is listed in
 * `revisits`, not followed. A folder that cannot be listed is a problem, and the rest is still searched.
 *
 * A folder's files keep their path below it (`photos/a/b.jpg` → stem `a/b`); with more than one input, each
 * folder's files go below the folder's name (`photos/a/b.jpg` → `photos/a/b`), so two folders holding the same file
 * names do not collide; a file on its own becomes its bare name.
 *
 * @throws UsageError when `out` is an input folder, a link to one, or holds one: outputs would land among inputs.
 */
export async function collectInputs(
  inputs: readonly string[],
  cwd: string,
  out: string | undefined,
  command: string,
): Promise<CollectedInputs> {
  const files = new Map<string, InputFile>();
  const problems: InputProblem[] = [];
  const skipped: string[] = [];
  const revisits: string[] = [];
  const visited = new Set<string>();
  const realOut = out === undefined ? undefined : await realpathOf(out);

  const walk = async (dir: string, real: string, root: string, displayRoot: string, prefix: string) => {
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ display: join(displayRoot, relative(root, dir)), message: `${plainFileError(error)}; skipped` });
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const shown = join(displayRoot, relative(root, path));
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const s = await stat(path).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
        if (s === undefined) {
          problems.push({ display: shown, message: 'a link to nothing (or a loop of links); skipped' });
          continue;
        }
      }
      if (isDir) {
        const realDir = await realpath(path).catch(() => path);
        if (realOut !== undefined && realDir === realOut) continue;
        if (visited.has(realDir)) {
          revisits.push(shown);
          continue;
        }
        await walk(path, realDir, root, displayRoot, prefix);
      } else if (isFile && IMAGE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
        const rel = relative(root, path);
        if (!files.has(path)) files.set(path, { path, display: shown, stem: join(prefix, stripExtension(rel)) });
      } else if (isFile) {
        skipped.push(shown);
      }
    }
  };

  const resolved: { input: string; path: string; folder: boolean; real: string }[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const s = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (s instanceof Error) {
      problems.push({ display: input, message: plainFileError(s) });
      continue;
    }
    const real = await realpath(path).catch(() => path);
    resolved.push({ input, path, folder: s.isDirectory(), real });
    if (realOut === undefined || !s.isDirectory()) continue;
    if (real === realOut) {
      throw new UsageError(
        `--out ${out} is the input folder ${input}${path === real ? '' : ' (a link to it)'}`,
        command,
      );
    }
    if (inside(real, realOut)) {
      throw new UsageError(
        `the input folder ${input} lies inside --out ${out}; choose an output folder outside it`,
        command,
      );
    }
  }
  const several = resolved.length > 1;
  for (const { input, path, folder, real } of resolved) {
    if (!folder) {
      if (!files.has(path)) files.set(path, { path, display: input, stem: stripExtension(basename(path)) });
    } else if (visited.has(real)) {
      revisits.push(input);
    } else {
      await walk(path, real, path, input, several ? basename(real) : '');
    }
  }
  const sorted = [...files.values()].sort((a, b) => compare(a.stem, b.stem) || compare(a.path, b.path));
  return { files: sorted, problems, skipped: skipped.sort(), revisits };
}

/** What `readFileList` read: the listed images in the order `collectInputs` gives, and each one's line. */
export interface ListedInputs {
  readonly files: InputFile[];
  /** The line of LIST each file is on (1-based), by path. */
  readonly lines: ReadonlyMap<string, number>;
}

/**
 * Reads `--files LIST`: one image path per line (blank lines ignored, Windows line ends accepted), relative to `root`
 * or absolute inside it. Each file's outputs mirror its path below `root` (`cats/1.jpg` → stem `cats/1`), as if
 * `root` had been searched; so a list of all of a folder's images gives the folder's run. Whether the files exist
 * is not checked here (a shard checks only its own share).
 * @throws CliError when LIST cannot be read, lists nothing, lists a path outside `root` or a path twice.
 */
export async function readFileList(listArg: string, rootArg: string | undefined, cwd: string): Promise<ListedInputs> {
  const listPath = resolve(cwd, listArg);
  const root = resolve(cwd, rootArg ?? '.');
  let text: string;
  try {
    text = await readFile(listPath, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --files ${listArg}: ${plainFileError(error)}`);
  }
  const files: InputFile[] = [];
  const lines = new Map<string, number>();
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const entry = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (entry.trim() === '') return;
    const path = resolve(root, entry);
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      problems.push(`line ${i + 1}: ${entry} is not below ${rootArg ?? 'the current folder'}`);
      return;
    }
    const first = lines.get(path);
    if (first !== undefined) {
      problems.push(`line ${i + 1}: ${entry} is listed already on line ${first}`);
      return;
    }
    lines.set(path, i + 1);
    files.push({ path, display: entry, stem: stripExtension(rel) });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
    const hint = rootArg === undefined ? ' (paths are relative to the current folder, or to the folder given)' : '';
    throw new CliError(`--files ${listArg}: ${shown}${more}${hint}`);
  }
  if (files.length === 0) throw new CliError(`--files ${listArg} lists no files`);
  files.sort((a, b) => compare(a.stem, b.stem) || compare(a.path, b.path));
  return { files, lines };
}

/**
 * The listed files of `files` that are not readable files (missing, folders), as `line N: path (why)`, checking at
 * most `limit` at a time.
 */
export async function missingListed(
  files: readonly InputFile[],
  lines: ReadonlyMap<string, number>,
  limit = 16,
): Promise<string[]> {
  const missing: { line: number; text: string }[] = [];
  await forEachLimited(
    files,
    limit,
    () => false,
    async (f) => {
      const s = await stat(f.path).catch((error: NodeJS.ErrnoException) => error);
      const why = s instanceof Error ? plainFileError(s) : s.isFile() ? undefined : 'not a file';
      if (why !== undefined) missing.push({ line: lines.get(f.path) ?? 0, text: `${f.display} (${why})` });
    },
  );
  return missing.sort((a, b) => a.line - b.line).map((m) => `line ${m.line}: ${m.text}`);
}
