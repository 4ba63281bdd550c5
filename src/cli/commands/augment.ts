// `augkit augment <inputs...> --out DIR`: K augmented variants of every image in files and folders, written with
// deterministic names into a mirrored folder tree, atomically, never over an input or (without --overwrite) an
// existing file. Each variant k of the file at sorted position i is drawn at address (call k, index i), so the
// bytes depend only on the seed, the pipeline and the inputs — not on --workers or on the order files finish in.
import { access, mkdir, realpath } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { Augmenter } from '../../augmenters/base/augmenter.ts';
import { plainFileError } from '../../core/file-errors.ts';
import type { Image } from '../../core/image.ts';
import { createWorkerPool } from '../../data/worker-pool.ts';
import { removeStaleTempFiles } from '../../io/atomic-write.ts';
import { readImageWithInfo, writeImage } from '../../io/image-file.ts';
import { augmentKeepingAlpha, geometryOnly } from '../alpha.ts';
import {
  type CliIO,
  type Command,
  FORCE_WORKERS,
  type ParsedArgs,
  SUMMARIES,
  UsageError,
  choiceOption,
  flag,
  integerOption,
  stringOption,
  workersOption,
} from '../command.ts';
import { IMAGE_EXTENSIONS, type InputFile, collectInputs } from '../inputs.ts';
import { PRESETS, loadPipeline } from '../pipeline.ts';
import { createProgress } from '../progress.ts';

/** Output formats, and the extension each is written with when the input's own is not kept. */
const FORMATS = { png: '.png', jpeg: '.jpg', webp: '.webp' } as const;
type Format = keyof typeof FORMATS;

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
  /** Variants not written because they existed (--skip-existing). */
  readonly existing?: number;
}

const HELP = `Writes K augmented variants of every input image into --out as <name>_<k>.<ext> (k = 0…K−1), mirroring
the folders below each input folder (with several inputs, each folder's files go below the folder's name).
Folders are searched recursively for PNG, JPEG, WebP, TIFF and GIF files; other files are listed as skipped.

Options:
  --out DIR           where the variants go (required; created if missing). Not an input folder, a link to one,
                      or a folder holding one; a folder inside an input folder is left out of the search
  --pipeline FILE     a pipeline in JSON: any augmenter's toJSON() form (see "augkit list")
  --preset NAME       a built-in pipeline instead: ${Object.keys(PRESETS).join(', ')} (default light)
  --n K               variants per image (default 1)
  --seed S            seed of the draws (default: the pipeline file's, else one picked and printed)
  --workers W         threads that augment: 1 (default) is this thread, W > 1 starts W worker threads, at most
                      the machine's cores (--force-workers allows more); the output bytes are the same for every W
  --format F          png, jpeg or webp (default: the input's own format; TIFF and GIF become PNG)
  --quality Q         JPEG/WebP quality 1–100 (default 90)
  --overwrite         replace existing output files (inputs are never written over)
  --skip-existing     leave existing output files as they are and count them as done: resumes a run
  --augment-alpha     augment an alpha channel like a colour (by default colour operations leave it unchanged)

Variant k of the i-th file (files sorted by output path) is drawn at call k, index i, so the same seed and inputs
give byte-identical files. Each file is written to a temporary name and renamed, so an interrupted run leaves no
half-written image; temporary files an interrupted run left are removed by the next. Unreadable inputs and
folders and outputs that already exist are reported once each and skipped; the exit code is 1 when anything
failed or no image was found. Images are read as 8-bit: 16-bit files are converted and only the first page of
TIFF/GIF files is used; grey, grey+alpha, RGB and RGBA stay what they were (JPEG output drops alpha). Alpha
moves with the geometry (flips, warps, crops) but colour operations leave it unchanged: it goes through the
pipeline with every colour augmenter replaced by Identity, with the same draws, and a constant border gets the same
cval as the colours (0, transparent, by default); --augment-alpha treats it as one more colour. The summary names the files each of these concerns. A progress bar is drawn on a terminal, plain lines otherwise, and a summary at the end.`;

/** `augkit augment`. */
export const command: Command = {
  name: 'augment',
  summary: SUMMARIES.augment,
  usage:
    'augkit augment <inputs...> --out DIR [--pipeline FILE.json | --preset NAME] [--n K] [--seed S] [--workers W] [--format png|jpeg|webp] [--quality Q] [--overwrite | --skip-existing] [--augment-alpha]',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    pipeline: { type: 'string', short: 'p' },
    preset: { type: 'string' },
    n: { type: 'string', short: 'n' },
    seed: { type: 'string' },
    workers: { type: 'string', short: 'w' },
    [FORCE_WORKERS]: { type: 'boolean' },
    format: { type: 'string' },
    quality: { type: 'string' },
    overwrite: { type: 'boolean' },
    'skip-existing': { type: 'boolean' },
    'augment-alpha': { type: 'boolean' },
  },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, name: 'inputs (image files or folders)' },
  run: runAugment,
};

/** "3 files: a, b, c" with at most `max` names shown. */
function listed(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function runAugment(args: ParsedArgs, io: CliIO): Promise<number> {
  const name = 'augment';
  const outArg = stringOption(args, 'out');
  if (outArg === undefined) throw new UsageError('missing --out DIR', name);
  const n = integerOption(args, 'n', 1, 1, 100_000, name);
  const seedArg =
    stringOption(args, 'seed') === undefined ? undefined : integerOption(args, 'seed', 0, 0, 2 ** 53 - 1, name);
  const workers = workersOption(args, 'workers', 1, 1, 256, name);
  const format = choiceOption(args, 'format', ['png', 'jpeg', 'webp'] as const, undefined, name);
  const quality = integerOption(args, 'quality', 90, 1, 100, name);
  const overwrite = flag(args, 'overwrite');
  const skipExisting = flag(args, 'skip-existing');
  if (overwrite && skipExisting) throw new UsageError('give either --overwrite or --skip-existing, not both', name);
  const augmentAlpha = flag(args, 'augment-alpha');

  const pipeline = await loadPipeline({
    pipeline: stringOption(args, 'pipeline'),
    preset: stringOption(args, 'preset'),
    seed: seedArg,
    cwd: io.cwd,
    command: name,
    fallback: 'light',
  });
  const out = resolve(io.cwd, outArg);
  const { files, problems, skipped, revisits } = await collectInputs(args.positionals, io.cwd, out, name);
  const inputPaths = new Set<string>();
  for (const f of files) inputPaths.add(await realpath(f.path).catch(() => f.path));

  io.stderr.write(
    `augkit augment: ${files.length} image${files.length === 1 ? '' : 's'} × ${n} variant${n === 1 ? '' : 's'}, ` +
      `${pipeline.source}, seed ${pipeline.seed}${pipeline.seedPicked ? ` (picked; --seed ${pipeline.seed} repeats this run)` : ''}, ` +
      `${workers === 1 ? '1 thread' : `${workers} worker threads`} → ${outArg}\n`,
  );
  for (const p of problems) io.stderr.write(`augkit augment: ${p.display}: ${p.message}\n`);
  for (const r of revisits)
    io.stderr.write(`augkit augment: ${r}: a link to a folder already searched; not followed\n`);
  if (files.length === 0) {
    io.stderr.write(
      `augkit augment: no images found in ${args.positionals.join(', ')} (searched for ${IMAGE_EXTENSIONS.join(' ')})\n`,
    );
    if (skipped.length > 0) io.stdout.write(`skipped ${skipped.length} files of other formats: ${listed(skipped)}\n`);
    io.stdout.write(`${formatSummary({ read: 0, written: 0, failed: problems.length, seconds: 0 })}\n`);
    return 1;
  }
  const progress = createProgress(io.stderr, files.length);

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
  const pipelineVariant: AugmentVariant = pool
    ? async (image, k, index) => {
        // The pool transfers the pixels away, so each variant gets its own copy of the input.
        const copy = { ...image, data: image.data.slice() };
        const result = await pool.augment([copy], { epoch: k, indices: Int32Array.of(index) });
        return (result as Image[])[0];
      }
    : async (image, k, index) => augmenter.augmentImage(image, { epoch: k, index });
  // The alpha plane is one channel through the geometry only: it runs on this thread, also with worker threads.
  const geometry = augmentAlpha ? undefined : geometryOnly(pipeline.spec);
  const variant: AugmentVariant = geometry
    ? (image, k, index) =>
        augmentKeepingAlpha(image, (colour) => pipelineVariant(colour, k, index), geometry, { epoch: k, index })
    : pipelineVariant;

  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    progress.note('augkit augment: interrupted; finishing the files being written (Ctrl-C again to abort)');
    process.removeListener('SIGINT', onSignal);
  };
  process.on('SIGINT', onSignal);

  // Temporary files of an interrupted earlier run, removed once per output folder before writing there.
  const cleaned = new Map<string, Promise<void>>();
  let staleRemoved = 0;
  const prepareFolder = (dir: string) => {
    let done = cleaned.get(dir);
    if (done === undefined) {
      done = mkdir(dir, { recursive: true })
        .then(() => removeStaleTempFiles(dir))
        .then((removed) => {
          staleRemoved += removed.length;
        });
      cleaned.set(dir, done);
    }
    return done;
  };
  const converted = { deep: [] as string[], pages: [] as string[], alpha: [] as string[] };

  let read = 0;
  let written = 0;
  let existing = 0;
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
          progress.fail(`augkit augment: ${file.display}: its output names clash with ${clash}'s; skipped`);
          return;
        }
        const ext = outputExtension(file.path, format);
        const targets = Array.from({ length: n }, (_, k) => join(out, `${file.stem}_${k}${ext}`));
        const todo: number[] = [];
        for (let k = 0; k < n; k++) if (!(skipExisting && (await exists(targets[k])))) todo.push(k);
        existing += n - todo.length;
        if (todo.length === 0) {
          progress.tick(`${file.display}: all ${n} exist`);
          return;
        }
        let image: Image;
        try {
          const decoded = await readImageWithInfo(file.path, { keepGreyAlpha: true });
          image = decoded.image;
          if (decoded.info.bitsPerSample > 8) converted.deep.push(file.display);
          if (decoded.info.pages > 1) converted.pages.push(`${file.display} (${decoded.info.pages})`);
          if (decoded.info.hasAlpha) converted.alpha.push(file.display);
          read++;
        } catch (error) {
          failed++;
          progress.fail(
            `augkit augment: ${file.display}: cannot read: ${plainFileError((error as Error).cause ?? error)}`,
          );
          return;
        }
        let ok = 0;
        const errors: string[] = [];
        try {
          await prepareFolder(dirname(join(out, file.stem)));
        } catch (error) {
          errors.push(`${relative(io.cwd, dirname(targets[0]))}: cannot create the folder: ${plainFileError(error)}`);
        }
        for (const k of errors.length > 0 ? [] : todo) {
          const target = targets[k];
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
            if (e.code === 'EEXIST' && skipExisting) {
              existing++;
              continue;
            }
            errors.push(
              e.code === 'EEXIST'
                ? `${shown} exists; not replaced (--overwrite replaces it, --skip-existing keeps it)`
                : `${shown}: ${e.code !== undefined ? plainFileError(e) : e.message}`,
            );
            // A full disk or a read-only folder fails every further variant the same way.
            if (e.code === 'ENOSPC' || e.code === 'EROFS' || e.code === 'EDQUOT') break;
          }
        }
        written += ok;
        if (errors.length > 0) {
          failed++;
          progress.fail(`augkit augment: ${file.display}: ${ok} written; ${errors.join('; ')}`);
        } else {
          progress.tick(`${file.display} → ${ok} written`);
        }
      },
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    await pool?.close();
    progress.finish();
  }
  const summary: AugmentSummary = { read, written, failed, seconds: (performance.now() - start) / 1000, existing };
  const lines = [`${formatSummary(summary)}${interrupted ? ' (interrupted)' : ''}`];
  if (skipped.length > 0) lines.push(`skipped ${skipped.length} files of other formats: ${listed(skipped)}`);
  if (converted.deep.length > 0) {
    lines.push(`converted ${converted.deep.length} 16-bit files to 8 bits: ${listed(converted.deep)}`);
  }
  if (converted.pages.length > 0) {
    lines.push(`used only the first page of ${converted.pages.length} multi-page files: ${listed(converted.pages)}`);
  }
  if (converted.alpha.length > 0) {
    lines.push(
      augmentAlpha
        ? `augmented the alpha channel like a colour (--augment-alpha) of ${converted.alpha.length} files: ${listed(converted.alpha)}`
        : `kept the alpha channel of ${converted.alpha.length} files unchanged by colour operations (moved by geometry only; --augment-alpha augments it): ${listed(converted.alpha)}`,
    );
  }
  if (staleRemoved > 0) lines.push(`removed ${staleRemoved} temporary files an interrupted run had left in --out`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return summary.failed > 0 || interrupted ? 1 : 0;
}

/** "read 12 images, wrote 48, failed 1, 0.84 s, 57.1 images/s" (written images per second), and existing files kept. */
export function formatSummary(s: AugmentSummary): string {
  const rate = s.seconds > 0 ? s.written / s.seconds : 0;
  const kept = s.existing ? `, kept ${s.existing} existing` : '';
  return `read ${s.read} image${s.read === 1 ? '' : 's'}, wrote ${s.written}${kept}, failed ${s.failed}, ${s.seconds.toFixed(2)} s, ${rate.toFixed(1)} images/s`;
}
