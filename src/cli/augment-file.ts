// `augkit augment`'s work on one input file: which of its K outputs are done already (their bytes match the
// manifest), reading it, augmenting and encoding the rest, writing each atomically, then recording it. Kept apart
// from the command (options, inputs, summary) in commands/augment.ts.
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname, extname, relative, sep } from 'node:path';
import { plainFileError } from '../core/file-errors.ts';
import type { Image } from '../core/image.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../io/atomic-write.ts';
import { encodeImage, readImageWithInfo } from '../io/image-file.ts';
import type { InputFile } from './inputs.ts';
import type { FileLabels, LabelJob } from './labels-run.ts';
import { type ManifestHeader, type ManifestWriter, recordKey, sha256 } from './manifest.ts';
import type { Progress } from './progress.ts';

/** Augments variant `k` of the image at sorted position `index`. */
export type AugmentVariant = (image: Image, k: number, index: number) => Promise<Image>;

/** A path with `/` between its parts, as manifests write them on every system. */
function slashed(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The name a manifest records an input by: its path below its input folder (or the --files root). */
export function inputName(file: InputFile): string {
  return slashed(file.stem + extname(file.path));
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

/** Creates output folders, each once, and removes the temporary files an interrupted run left in it. */
export interface FolderPreparer {
  prepare(dir: string): Promise<void>;
  /** How many temporary files were removed. */
  removed(): number;
}

/** A FolderPreparer removing only the temporary files of the paths in `owned` (all when undefined). */
export function createFolderPreparer(owned: ReadonlySet<string> | undefined): FolderPreparer {
  const cleaned = new Map<string, Promise<void>>();
  let removed = 0;
  return {
    prepare(dir) {
      let done = cleaned.get(dir);
      if (done === undefined) {
        const owns = owned && ((name: string) => owned.has(`${dir}${sep}${name}`));
        done = mkdir(dir, { recursive: true })
          .then(() => removeStaleTempFiles(dir, owns))
          .then((names) => {
            removed += names.length;
          });
        cleaned.set(dir, done);
      }
      return done;
    },
    removed: () => removed,
  };
}

/** What stays the same for every file of a run. */
export interface OutputJob {
  readonly out: string;
  readonly cwd: string;
  readonly manifest: ManifestWriter;
  readonly header: ManifestHeader;
  readonly variant: AugmentVariant;
  readonly quality: number;
  readonly overwrite: boolean;
  readonly skipExisting: boolean;
  /** Paths (and real paths) of the inputs, never written over. */
  readonly inputPaths: ReadonlySet<string>;
  readonly folders: FolderPreparer;
  readonly progress: Progress;
  /** The labels that move with the outputs (--coco, --yolo, --masks), if any. */
  readonly labels?: LabelJob;
}

/** What a run did so far. */
export interface Counts {
  read: number;
  written: number;
  existing: number;
  failed: number;
  /** Outputs found without a record whose bytes are this run's: recorded now. */
  adopted: number;
  readonly converted: { readonly deep: string[]; readonly pages: string[]; readonly alpha: string[] };
}

/** Counts at the start of a run with `failed` problems already. */
export function newCounts(failed: number): Counts {
  return { read: 0, written: 0, existing: 0, failed, adopted: 0, converted: { deep: [], pages: [], alpha: [] } };
}

/** An output to make: written, or compared with the bytes already there (no record of them). */
interface Todo {
  readonly k: number;
  readonly onDisk?: Buffer;
}

/**
 * Makes the outputs `targets` (variant k at k) of `file`, the input at sorted position `position` named `name`:
 * each one already there with the bytes its record says is kept; the rest are augmented, encoded, written and
 * recorded. Reports the file once on `job.progress` and adds to `counts`.
 */
export async function augmentFile(
  job: OutputJob,
  counts: Counts,
  file: InputFile,
  position: number,
  name: string,
  targets: readonly string[],
): Promise<void> {
  const { manifest, header, progress } = job;
  const shownOf = (target: string) => relative(job.cwd, target) || target;
  const errors: string[] = [];
  const todo: Todo[] = [];
  // The variants whose image is there at the end (kept or written): their labels are written.
  const present = new Set<number>();
  for (let k = 0; k < targets.length; k++) {
    if (job.overwrite) {
      todo.push({ k });
      continue;
    }
    const onDisk = await readFile(targets[k]).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? undefined : error,
    );
    // Not readable (a folder, no permission): writing it fails and says why.
    if (onDisk instanceof Error) todo.push({ k });
    else if (onDisk === undefined) todo.push({ k });
    else {
      const record = manifest.previous.get(recordKey(position, k, header.variants));
      if (record === undefined) todo.push({ k, onDisk });
      else if (record.input === name && sha256(onDisk) === record.sha256) {
        counts.existing++;
        present.add(k);
      } else if (job.skipExisting) {
        counts.existing++;
        manifest.forget(position, k);
      } else {
        errors.push(
          `${shownOf(targets[k])} is not what ${manifest.name} records (changed since?); not replaced (--overwrite replaces it, --skip-existing keeps it)`,
        );
      }
    }
  }
  // With labels, every output's labels are written (also for outputs already there), so the image is read.
  if (todo.length === 0 && job.labels === undefined) {
    if (errors.length > 0) {
      counts.failed++;
      progress.fail(`augkit augment: ${file.display}: 0 written; ${errors.join('; ')}`);
    } else {
      progress.tick(`${file.display}: all ${targets.length} exist`);
    }
    return;
  }
  let image: Image;
  try {
    const decoded = await readImageWithInfo(file.path, { keepGreyAlpha: true });
    image = decoded.image;
    if (decoded.info.bitsPerSample > 8) counts.converted.deep.push(file.display);
    if (decoded.info.pages > 1) counts.converted.pages.push(`${file.display} (${decoded.info.pages})`);
    if (decoded.info.hasAlpha) counts.converted.alpha.push(file.display);
    counts.read++;
  } catch (error) {
    counts.failed++;
    progress.fail(`augkit augment: ${file.display}: cannot read: ${plainFileError((error as Error).cause ?? error)}`);
    return;
  }
  let labels: FileLabels | undefined;
  if (job.labels !== undefined) {
    try {
      labels = await job.labels.load(name, image);
    } catch (error) {
      // A malformed annotation: nothing is written for this image.
      counts.failed++;
      progress.fail(`augkit augment: ${file.display}: 0 written; ${(error as Error).message}`);
      return;
    }
  }
  let ok = 0;
  let folderMade = true;
  try {
    await job.folders.prepare(dirname(targets[0]));
  } catch (error) {
    folderMade = false;
    errors.push(`${relative(job.cwd, dirname(targets[0]))}: cannot create the folder: ${plainFileError(error)}`);
  }
  const isJpeg = /\.jpe?g$/.test(targets[0]);
  for (const { k, onDisk } of folderMade ? todo : []) {
    const target = targets[k];
    const shown = shownOf(target);
    if (job.inputPaths.has(target) || job.inputPaths.has(await realpath(target).catch(() => target))) {
      errors.push(`${shown} is an input; not written`);
      continue;
    }
    const record = (bytes: Uint8Array) =>
      manifest.append({
        input: name,
        variant: k,
        index: position,
        output: slashed(relative(job.out, target)),
        sha256: sha256(bytes),
        seed: header.seed,
        pipeline: header.pipeline,
        augkit: header.augkit,
      });
    try {
      let result = await job.variant(image, k, position);
      if (isJpeg) result = withoutAlpha(result);
      const bytes = await encodeImage(target, result, { quality: job.quality });
      if (onDisk !== undefined) {
        // Written by a run killed before it recorded it, or someone else's file of the same name.
        if (onDisk.equals(bytes)) {
          record(bytes);
          counts.existing++;
          counts.adopted++;
          present.add(k);
        } else if (job.skipExisting) {
          counts.existing++;
        } else {
          errors.push(`${shown} exists; not replaced (--overwrite replaces it, --skip-existing keeps it)`);
        }
        continue;
      }
      await writeFileAtomic(target, bytes, { overwrite: job.overwrite });
      record(bytes);
      ok++;
      present.add(k);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EEXIST' && job.skipExisting) {
        counts.existing++;
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
  counts.written += ok;
  if (labels !== undefined) {
    for (const k of [...present].sort((a, b) => a - b)) {
      try {
        await job.labels!.write(labels, k, position, targets[k]);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        errors.push(`labels of ${shownOf(targets[k])}: ${e.code !== undefined ? plainFileError(e) : e.message}`);
      }
    }
  }
  if (errors.length > 0) {
    counts.failed++;
    progress.fail(`augkit augment: ${file.display}: ${ok} written; ${errors.join('; ')}`);
  } else {
    progress.tick(`${file.display} → ${ok} written`);
  }
}
