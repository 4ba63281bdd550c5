// `augkit augment <inputs...> --out DIR`: K augmented variants of every image in files and folders, written with
// deterministic names into a mirrored folder tree, atomically, never over an input or (without --overwrite) an
// existing file. Each variant k of the file at sorted position i is drawn at address (call k, index i), so the
// bytes depend only on the seed, the pipeline and the inputs — not on --workers or on the order files finish in.
import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Augmenter } from '../../augmenters/base/augmenter.ts';
import type { Image } from '../../core/image.ts';
import { createWorkerPool } from '../../data/worker-pool.ts';
import { readImage, writeImage } from '../../io/image-file.ts';
import {
  type CliIO,
  type Command,
  type ParsedArgs,
  UsageError,
  choiceOption,
  flag,
  integerOption,
  stringOption,
} from '../command.ts';
import { PRESETS, loadPipeline } from '../pipeline.ts';
import { createProgress } from '../progress.ts';

/** File extensions read from folders (files named on the command line are tried whatever their extension). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff'];

/** Output formats, and the extension each is written with when the input's own is not kept. */
const FORMATS = { png: '.png', jpeg: '.jpg', webp: '.webp' } as const;
type Format = keyof typeof FORMATS;

/** One input image and where its variants go. */
export interface InputFile {
  /** Absolute path of the input. */
  readonly path: string;
  /** The input's path as the user would recognise it, for messages. */
  readonly display: string;
  /** The output path without the `_<k>.<ext>` suffix, relative to --out: mirrors the folder structure. */
  readonly stem: string;
}

/** Inputs that could not be listed (missing paths), reported as failures. */
export interface InputProblem {
  readonly display: string;
  readonly message: string;
}

/**
 * Finds the images named by `inputs` (files, or folders searched recursively for PNG/JPEG/WebP/TIFF files,
 * skipping hidden entries and the folder `skip`), sorted by output path. A folder's files keep their path below
 * the folder (`photos/a/b.jpg` → stem `a/b`); a file on its own becomes its bare name.
 */
export async function collectInputs(
  inputs: readonly string[],
  cwd: string,
  skip?: string,
): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const files = new Map<string, InputFile>();
  const problems: InputProblem[] = [];
  const add = (path: string, display: string, stem: string) => {
    if (!files.has(path)) files.set(path, { path, display, stem });
  };
  const walk = async (dir: string, root: string, displayRoot: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (skip !== undefined && path === skip) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const s = await stat(path).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) await walk(path, root, displayRoot);
      else if (isFile && IMAGE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
        const rel = relative(root, path);
        add(path, join(displayRoot, rel), stripExtension(rel));
      }
    }
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const s = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (s instanceof Error) {
      problems.push({ display: input, message: s.code === 'ENOENT' ? 'no such file or folder' : s.message });
    } else if (s.isDirectory()) {
      await walk(path, path, input);
    } else {
      add(path, input, stripExtension(basename(path)));
    }
  }
  const sorted = [...files.values()].sort((a, b) => compare(a.stem, b.stem) || compare(a.path, b.path));
  return { files: sorted, problems };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stripExtension(path: string): string {
  const ext = extname(path);
  return ext ? path.slice(0, -ext.length) : path;
}

/** The extension variants of `file` are written with: `--format`'s, else the input's own when writable, else .png. */
export function outputExtension(path: string, format: Format | undefined): string {
  if (format !== undefined) return FORMATS[format];
  const ext = extname(path).toLowerCase();
  return ext === '.png' || ext === '.jpg' || ext === '.jpeg' || ext === '.webp' ? ext : '.png';
}

/** Drops the alpha channel (2 → 1, 4 → 3 channels), for JPEG. */
function withoutAlpha(image: Image): Image {
  if (image.channels !== 2 && image.channels !== 4) return image;
  const channels = image.channels - 1;
  const n = image.height * image.width;
  const data = new Uint8Array(n * channels);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < channels; c++) data[p * channels + c] = image.data[p * image.channels + c];
  }
  return { data, height: image.height, width: image.width, channels };
}

/** Augments variant `k` of the image at sorted position `index`. */
type AugmentVariant = (image: Image, k: number, index: number) => Promise<Image>;

/** Runs `task` over `items` with at most `limit` running at once; stops starting new ones once `stopped()`. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  stopped: () => boolean,
  task: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) {
      const i = next++;
      await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** What `augment` did. */
export interface AugmentSummary {
  readonly read: number;
  readonly written: number;
  /** Inputs with a problem: unreadable, missing, or at least one variant not written. */
  readonly failed: number;
  readonly seconds: number;
}

const HELP = `Writes K augmented variants of every input image into --out as <name>_<k>.<ext> (k = 0…K−1), mirroring
the folders below each input folder. Folders are searched recursively for PNG, JPEG, WebP and TIFF files.

Options:
  --out DIR           where the variants go (required; created if missing)
  --pipeline FILE     a pipeline in JSON: any augmenter's toJSON() form (see "augkit list")
  --preset NAME       a built-in pipeline instead: ${Object.keys(PRESETS).join(', ')} (default light)
  --n K               variants per image (default 1)
  --seed S            seed of the draws (default: the pipeline file's, else one picked and printed)
  --workers W         threads that augment: 1 (default) is this thread, W > 1 starts W worker threads;
                      the output bytes are the same for every W
  --format F          png, jpeg or webp (default: the input's own format; TIFF becomes PNG)
  --quality Q         JPEG/WebP quality 1–100 (default 90)
  --overwrite         replace existing output files (inputs are never written over)

Variant k of the i-th file (files sorted by output path) is drawn at call k, index i, so the same seed and inputs
give byte-identical files. Each file is written to a temporary name and renamed, so an interrupted run leaves no
half-written image. Unreadable inputs and outputs that already exist are reported and skipped; the exit code is 1
when anything failed. A progress bar is drawn on a terminal, plain lines otherwise, and a summary at the end.`;

/** `augkit augment`. */
export const command: Command = {
  name: 'augment',
  summary: 'Write K augmented variants of every image in files and folders.',
  usage:
    'augkit augment <inputs...> --out DIR [--pipeline FILE.json | --preset NAME] [--n K] [--seed S] [--workers W] [--format png|jpeg|webp] [--quality Q] [--overwrite]',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    pipeline: { type: 'string', short: 'p' },
    preset: { type: 'string' },
    n: { type: 'string', short: 'n' },
    seed: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    format: { type: 'string' },
    quality: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, name: 'inputs (image files or folders)' },
  run: runAugment,
};

async function runAugment(args: ParsedArgs, io: CliIO): Promise<number> {
  const name = 'augment';
  const outArg = stringOption(args, 'out');
  if (outArg === undefined) throw new UsageError('missing --out DIR', name);
  const n = integerOption(args, 'n', 1, 1, 100_000, name);
  const seedArg =
    stringOption(args, 'seed') === undefined ? undefined : integerOption(args, 'seed', 0, 0, 2 ** 53 - 1, name);
  const workers = integerOption(args, 'workers', 1, 1, 256, name);
  const format = choiceOption(args, 'format', ['png', 'jpeg', 'webp'] as const, undefined, name);
  const quality = integerOption(args, 'quality', 90, 1, 100, name);
  const overwrite = flag(args, 'overwrite');

  const pipeline = await loadPipeline({
    pipeline: stringOption(args, 'pipeline'),
    preset: stringOption(args, 'preset'),
    seed: seedArg,
    cwd: io.cwd,
    command: name,
    fallback: 'light',
  });
  const out = resolve(io.cwd, outArg);
  const { files, problems } = await collectInputs(args.positionals, io.cwd, out);
  const inputPaths = new Set<string>();
  for (const f of files) inputPaths.add(await realpath(f.path).catch(() => f.path));

  io.stderr.write(
    `augkit augment: ${files.length} image${files.length === 1 ? '' : 's'} × ${n} variant${n === 1 ? '' : 's'}, ` +
      `${pipeline.source}, seed ${pipeline.seed}${pipeline.seedPicked ? ` (picked; --seed ${pipeline.seed} repeats this run)` : ''}, ` +
      `${workers === 1 ? '1 thread' : `${workers} worker threads`} → ${outArg}\n`,
  );
  const progress = createProgress(io.stderr, files.length);
  for (const p of problems) progress.note(`augkit augment: ${p.display}: ${p.message}`);

  // Output names must be unique: a.png and a.jpg with --format png would both give a_0.png.
  const owners = new Map<string, string>();
  const clashes = new Map<InputFile, string>();
  for (const f of files) {
    const key = `${f.stem}${outputExtension(f.path, format)}`;
    const first = owners.get(key);
    if (first === undefined) owners.set(key, f.display);
    else clashes.set(f, first);
  }

  const augmenter: Augmenter = pipeline.augmenter;
  const pool = workers > 1 ? createWorkerPool(augmenter, { workers }) : undefined;
  const variant: AugmentVariant = pool
    ? async (image, k, index) => {
        // The pool transfers the pixels away, so each variant gets its own copy of the input.
        const copy = { ...image, data: image.data.slice() };
        const result = await pool.augment([copy], { epoch: k, indices: Int32Array.of(index) });
        return (result as Image[])[0];
      }
    : async (image, k, index) => augmenter.augmentImage(image, { epoch: k, index });

  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    progress.note('augkit augment: interrupted; finishing the files being written (Ctrl-C again to abort)');
    process.removeListener('SIGINT', onSignal);
  };
  process.on('SIGINT', onSignal);

  let read = 0;
  let written = 0;
  let failed = problems.length;
  const start = performance.now();
  try {
    await forEachLimited(
      files,
      Math.max(4, workers * 2),
      () => interrupted,
      async (file, index) => {
        const clash = clashes.get(file);
        if (clash !== undefined) {
          failed++;
          progress.note(`augkit augment: ${file.display}: its output names clash with ${clash}'s; skipped`);
          progress.tick(`${file.display}: skipped`);
          return;
        }
        let image: Image;
        try {
          image = await readImage(file.path);
          read++;
        } catch (error) {
          failed++;
          const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
          progress.note(`augkit augment: ${file.display}: cannot read: ${cause}`);
          progress.tick(`${file.display}: not readable`);
          return;
        }
        const ext = outputExtension(file.path, format);
        const dir = dirname(join(out, file.stem));
        await mkdir(dir, { recursive: true });
        let ok = 0;
        const errors: string[] = [];
        for (let k = 0; k < n; k++) {
          const target = join(out, `${file.stem}_${k}${ext}`);
          const shown = relative(io.cwd, target) || target;
          if (inputPaths.has(target) || inputPaths.has(await realpath(target).catch(() => target))) {
            errors.push(`${shown} is an input; not written`);
            continue;
          }
          try {
            let result = await variant(image, k, index);
            if (ext === '.jpg' || ext === '.jpeg') result = withoutAlpha(result);
            await writeImage(target, result, { quality, overwrite });
            ok++;
          } catch (error) {
            const e = error as NodeJS.ErrnoException;
            errors.push(
              e.code === 'EEXIST'
                ? `${shown} exists; not replaced (--overwrite replaces it)`
                : `${shown}: ${e.message}`,
            );
          }
        }
        written += ok;
        if (errors.length > 0) failed++;
        for (const e of errors) progress.note(`augkit augment: ${e}`);
        progress.tick(`${file.display} → ${ok} written${errors.length > 0 ? `, ${errors.length} failed` : ''}`);
      },
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    await pool?.close();
    progress.finish();
  }
  const summary: AugmentSummary = { read, written, failed, seconds: (performance.now() - start) / 1000 };
  io.stdout.write(`${formatSummary(summary)}${interrupted ? ' (interrupted)' : ''}\n`);
  return summary.failed > 0 || interrupted ? 1 : 0;
}

/** "read 12 images, wrote 48, failed 1, 0.84 s, 57.1 images/s" (written images per second). */
export function formatSummary(s: AugmentSummary): string {
  const rate = s.seconds > 0 ? s.written / s.seconds : 0;
  return `read ${s.read} image${s.read === 1 ? '' : 's'}, wrote ${s.written}, failed ${s.failed}, ${s.seconds.toFixed(2)} s, ${rate.toFixed(1)} images/s`;
}
