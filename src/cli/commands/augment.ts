// `augkit augment <inputs...> --out DIR`: K augmented variants of every image in files and folders, written with
// deterministic names into a mirrored folder tree, atomically, never over an input or (without --overwrite) an
// existing file. Each variant k of the file at sorted position i is drawn at address (call k, index i), so the
// bytes depend only on the seed, the pipeline and the inputs — not on --workers, on the order files finish in, or on
// how the run is split into shards (--shard i/n takes every n-th file; see shard.ts). A manifest in --out records
// every output with its SHA-256, so a rerun resumes where a killed run stopped (see manifest.ts).
import { realpath } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Augmenter } from '../../augmenters/base/augmenter.ts';
import { plainFileError } from '../../core/file-errors.ts';
import type { Image } from '../../core/image.ts';
import { createWorkerPool } from '../../data/worker-pool.ts';
import { augmentKeepingAlpha, forChannels, geometryOnly } from '../alpha.ts';
import {
  type AugmentVariant,
  type OutputJob,
  augmentFile,
  createFolderPreparer,
  inputName,
  newCounts,
} from '../augment-file.ts';
import {
  CliError,
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
import { forEachLimited } from '../for-each-limited.ts';
import { IMAGE_EXTENSIONS, type InputFile, collectInputs, missingListed, readFileList } from '../inputs.ts';
import { LABEL_HELP, LABEL_OPTIONS, type LabelJob, createLabelJob, labelFlags } from '../labels-run.ts';
import { MANIFEST_FORMAT, type ManifestHeader, inputsHash, openManifest, pipelineHash } from '../manifest.ts';
import { PRESETS, loadPipeline } from '../pipeline.ts';
import { createProgress } from '../progress.ts';
import { MAX_SHARDS, WHOLE, manifestName, shardOption, shareOf } from '../shard.ts';
import { augkitVersion } from '../version.ts';

/** Output formats, and the extension each is written with when the input's own is not kept. */
const FORMATS = { png: '.png', jpeg: '.jpg', webp: '.webp' } as const;
type Format = keyof typeof FORMATS;

/** The extension variants of `file` are written with: `--format`'s, else the input's own when writable, else .png. */
export function outputExtension(path: string, format: Format | undefined): string {
  if (format !== undefined) return FORMATS[format];
  const ext = extname(path).toLowerCase();
  return ext === '.png' || ext === '.jpg' || ext === '.jpeg' || ext === '.webp' ? ext : '.png';
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
  --files LIST        read the inputs from LIST, one path per line (blank lines ignored), instead of searching
                      folders: paths relative to the one folder given (default the current folder), whose
                      structure the outputs mirror. Every listed file must exist (a shard checks its own share)
  --pipeline FILE     a pipeline in JSON: any augmenter's toJSON() form (see "augkit list")
  --preset NAME       a built-in pipeline instead: ${Object.keys(PRESETS).join(', ')} (default light)
  --n K               variants per image (default 1)
  --seed S            seed of the draws (default: the pipeline file's, else one picked and printed)
  --workers W         threads that augment: 1 (default) is this thread, W > 1 starts W worker threads, at most
                      the machine's cores (--force-workers allows more); the output bytes are the same for every W
  --shard i/n         augment only shard i of n (i = 0…n−1): the files at sorted positions i, i+n, i+2n, …
                      Shards may run anywhere, at once, into the same --out; together they write exactly what
                      one run writes, byte for byte. Needs a fixed seed (--seed, or the pipeline file's)
  --shard auto        take i and n from a job array's environment: JOB_COMPLETION_INDEX (Kubernetes Indexed
                      Job, with --shards N), SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm),
                      AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch, with --shards N)
  --shards N          the shard count for --shard auto
  --format F          png, jpeg or webp (default: the input's own format; TIFF and GIF become PNG)
  --quality Q         JPEG/WebP quality 1–100 (default 90)
  --overwrite         replace existing output files and start the manifest anew (inputs are never written over)
  --skip-existing     keep existing output files even where they are not what this run writes (not recorded in
                      the manifest then)
  --augment-alpha     augment an alpha channel like a colour (by default colour operations leave it unchanged)
${LABEL_HELP}

Variant k of the i-th file (files sorted by output path) is drawn at call k, index i, so the same seed and inputs
give byte-identical files. Each file is written to a temporary name and renamed, so an interrupted run leaves no
half-written image; temporary files an interrupted run left are removed by the next.

Resuming: --out holds manifest.jsonl (manifest-i-of-n.jsonl for --shard i/n): a header line naming the run, then
one JSON line per output (input, variant, index, output, sha256, seed, pipeline hash, augkit version), sorted when
the run ends. Rerunning the same command skips outputs whose bytes match their record, writes what is missing, and
adopts an output a killed run wrote before recording it when its bytes are the ones it would write; so a run
killed at any moment (SIGKILL included) and rerun ends with the files of an uninterrupted one. An output that is
not what this run writes (another program's file, or changed since) is reported and left alone. A manifest of
another run (other seed, pipeline, inputs, --n, shard or augkit version) is refused unless --overwrite.
"augkit manifest merge DIR" checks the shards' manifests together.

Unreadable inputs and folders and outputs that already exist are reported once each and skipped; the exit code is
1 when anything failed or no image was found. Images are read as 8-bit: 16-bit files are converted and only the
first page of TIFF/GIF files is used; grey, grey+alpha, RGB and RGBA stay what they were (JPEG output drops
alpha). Alpha moves with the geometry (flips, warps, crops) but colour operations leave it unchanged: it goes
through the pipeline with every colour augmenter replaced by Identity, with the same draws, and a constant border
gets the same cval as the colours (0, transparent, by default); --augment-alpha treats it as one more colour. The
summary names the files each of these concerns. A progress bar is drawn on a terminal, plain lines otherwise, and a
summary at the end.

Labels: each variant's labels get the draws of its pixels. A malformed label file or annotation is reported with
the file and the entry, and nothing is written for that image; label files are written atomically like images.`;

/** `augkit augment`. */
export const command: Command = {
  name: 'augment',
  peers: ['sharp'],
  summary: SUMMARIES.augment,
  usage:
    'augkit augment <inputs...> --out DIR [--pipeline FILE.json | --preset NAME] [--n K] [--seed S] [--workers W] [--shard i/n | --shard auto [--shards N]] [--format png|jpeg|webp] [--quality Q] [--overwrite | --skip-existing] [--augment-alpha] [--coco FILE | --yolo DIR] [--masks DIR] [--min-visibility F]; or [ROOT] --files LIST in place of <inputs...>',
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
    files: { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
    ...LABEL_OPTIONS,
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY, name: 'inputs (image files or folders)' },
  run: runAugment,
};

/** "3 files: a, b, c" with at most `max` names shown. */
function listed(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** The inputs of a run: searched folders and named files, or a --files list. */
async function gatherInputs(args: ParsedArgs, io: CliIO, out: string, name: string) {
  const listArg = stringOption(args, 'files');
  if (listArg === undefined) {
    if (args.positionals.length === 0)
      throw new UsageError('missing inputs (image files or folders), or --files LIST', name);
    const collected = await collectInputs(args.positionals, io.cwd, out, name);
    const inputPaths = new Set<string>();
    for (const f of collected.files) inputPaths.add(await realpath(f.path).catch(() => f.path));
    return { ...collected, inputPaths, listLines: undefined };
  }
  if (args.positionals.length > 1) {
    throw new UsageError(
      `with --files, give at most one folder, the one the listed paths are relative to; received ${args.positionals.join(', ')}`,
      name,
    );
  }
  const { files, lines } = await readFileList(listArg, args.positionals[0], io.cwd);
  // Listed paths as they are (no realpath of a million files on a network mount); targets are resolved.
  const inputPaths = new Set(files.map((f) => f.path));
  return { files, problems: [], skipped: [], revisits: [], inputPaths, listLines: lines };
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
  const shardsArg =
    stringOption(args, 'shards') === undefined ? undefined : integerOption(args, 'shards', 1, 1, MAX_SHARDS, name);
  const shard = shardOption(stringOption(args, 'shard'), shardsArg, process.env, name);
  const labelsGiven = labelFlags(args, name);

  const pipeline = await loadPipeline({
    pipeline: stringOption(args, 'pipeline'),
    preset: stringOption(args, 'preset'),
    seed: seedArg,
    cwd: io.cwd,
    command: name,
    fallback: 'light',
  });
  if (shard !== WHOLE && pipeline.seedPicked) {
    throw new UsageError(
      `${shard.source} needs a fixed seed, the same in every shard: give --seed S (or a seed in the pipeline file)`,
      name,
    );
  }
  const out = resolve(io.cwd, outArg);
  const { files, problems, skipped, revisits, inputPaths, listLines } = await gatherInputs(args, io, out, name);
  const share = shareOf(files, shard);
  if (listLines !== undefined) {
    const missing = await missingListed(
      share.map((s) => s.item),
      listLines,
    );
    if (missing.length > 0) {
      const which = shard === WHOLE ? '' : ` (in shard ${shard.index}/${shard.count})`;
      throw new CliError(
        `--files ${stringOption(args, 'files')} lists ${missing.length} file${missing.length === 1 ? '' : 's'} that cannot be read${which}: ${listed(missing)}; nothing written`,
      );
    }
  }

  const from = shard.source.startsWith('--') ? '' : ` (${shard.source})`;
  const sharded = shard === WHOLE ? '' : `, shard ${shard.index}/${shard.count}${from} takes ${share.length},`;
  io.stderr.write(
    `augkit augment: ${files.length} image${files.length === 1 ? '' : 's'}${sharded} × ${n} variant${n === 1 ? '' : 's'}, ` +
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

  // Output names must be unique: a.png and a.jpg with --format png would both give a_0.png.
  const owners = new Map<string, string>();
  const clashes = new Map<InputFile, string>();
  for (const f of files) {
    const key = `${f.stem}${outputExtension(f.path, format)}`;
    const first = owners.get(key);
    if (first === undefined) owners.set(key, f.display);
    else clashes.set(f, first);
  }
  const targetsOf = (file: InputFile) => {
    const ext = outputExtension(file.path, format);
    return Array.from({ length: n }, (_, k) => join(out, `${file.stem}_${k}${ext}`));
  };

  const names = files.map(inputName);
  const header: ManifestHeader = {
    manifest: MANIFEST_FORMAT,
    shard: shard.index,
    shards: shard.count,
    files: files.length,
    variants: n,
    inputs: inputsHash(names),
    seed: pipeline.seed,
    pipeline: pipelineHash(pipeline.spec, {
      format: format ?? 'input',
      quality,
      alpha: augmentAlpha ? 'colour' : 'geometry',
    }),
    augkit: augkitVersion(),
  };
  // A shard clears only its own outputs' temporary files: other machines' process ids cannot be checked from here.
  const owned = shard === WHOLE ? undefined : new Set([join(out, manifestName(shard))]);
  if (owned) for (const { item } of share) for (const t of targetsOf(item)) owned.add(t);
  const folders = createFolderPreparer(owned);
  try {
    await folders.prepare(out);
  } catch (error) {
    throw new CliError(`cannot create --out ${outArg}: ${plainFileError(error)}`);
  }
  const labels: LabelJob | undefined =
    labelsGiven &&
    (await createLabelJob(labelsGiven, {
      cwd: io.cwd,
      out,
      augmenter: pipeline.augmenter,
      variants: n,
      overwrite,
      cocoName: shard === WHOLE ? 'annotations.json' : `annotations-${shard.index}-of-${shard.count}.json`,
      seed: pipeline.seed,
    }));
  const manifest = await openManifest(out, outArg, shard, header, overwrite);
  const progress = createProgress(io.stderr, share.length);

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
  // Images that some augmenters do not take (gray files through the colour augmenters, RGB only) skip those, on this
  // thread (forChannels: the same addresses, so everything else draws as for any image).
  const byChannels = new Map<number, Augmenter | undefined>();
  const ownVariant: AugmentVariant = async (image, k, index) => {
    if (!byChannels.has(image.channels)) byChannels.set(image.channels, forChannels(pipeline.spec, image.channels));
    const skipping = byChannels.get(image.channels);
    return skipping ? skipping.augmentImage(image, { epoch: k, index }) : pipelineVariant(image, k, index);
  };
  // The alpha plane is one channel through the geometry only: it runs on this thread, also with worker threads.
  const geometry = augmentAlpha ? undefined : geometryOnly(pipeline.spec);
  const variant: AugmentVariant = geometry
    ? (image, k, index) =>
        augmentKeepingAlpha(image, (colour) => ownVariant(colour, k, index), geometry, { epoch: k, index })
    : ownVariant;

  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    progress.note('augkit augment: interrupted; finishing the files being written (Ctrl-C again to abort)');
    process.removeListener('SIGINT', onSignal);
  };
  process.on('SIGINT', onSignal);

  const job: OutputJob = {
    out,
    cwd: io.cwd,
    manifest,
    header,
    variant,
    quality,
    overwrite,
    skipExisting,
    inputPaths,
    folders,
    progress,
    labels,
  };
  const counts = newCounts(problems.length);
  const start = performance.now();
  let manifestProblem: string | undefined;
  let labelLines: string[] = [];
  try {
    await forEachLimited(
      share,
      Math.max(4, workers * 2),
      () => interrupted,
      async ({ item: file, position }) => {
        const clash = clashes.get(file);
        if (clash !== undefined) {
          counts.failed++;
          progress.fail(`augkit augment: ${file.display}: its output names clash with ${clash}'s; skipped`);
          return;
        }
        await augmentFile(job, counts, file, position, names[position], targetsOf(file));
      },
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    await pool?.close();
    manifestProblem = await manifest.close();
    progress.finish();
  }
  if (labels !== undefined) {
    try {
      labelLines = await labels.finish(interrupted);
    } catch (error) {
      labelLines = [`cannot write the COCO file: ${plainFileError(error)}`];
      counts.failed++;
    }
  }
  const { read, written, existing, failed, adopted, converted } = counts;
  const summary: AugmentSummary = { read, written, failed, seconds: (performance.now() - start) / 1000, existing };
  const lines = [`${formatSummary(summary)}${interrupted ? ' (interrupted)' : ''}`];
  if (share.length === 0) lines.push(`shard ${shard.index}/${shard.count} holds none of the ${files.length} files`);
  if (adopted > 0) {
    lines.push(`recorded ${adopted} outputs an interrupted run had written (their bytes are this run's)`);
  }
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
  if (folders.removed() > 0) {
    lines.push(`removed ${folders.removed()} temporary files an interrupted run had left in --out`);
  }
  if (manifestProblem !== undefined) lines.push(manifestProblem);
  lines.push(...labelLines);
  io.stdout.write(`${lines.join('\n')}\n`);
  return summary.failed > 0 || interrupted || manifestProblem !== undefined ? 1 : 0;
}

/** "read 12 images, wrote 48, failed 1, 0.84 s, 57.1 images/s" (written images per second), and existing files kept. */
export function formatSummary(s: AugmentSummary): string {
  const rate = s.seconds > 0 ? s.written / s.seconds : 0;
  const kept = s.existing ? `, kept ${s.existing} existing` : '';
  return `read ${s.read} image${s.read === 1 ? '' : 's'}, wrote ${s.written}${kept}, failed ${s.failed}, ${s.seconds.toFixed(2)} s, ${rate.toFixed(1)} images/s`;
}
