// The manifest `augkit augment` keeps in --out: one JSON line per written output (input, variant, output, SHA-256,
// seed, pipeline hash, augkit version), after a header line saying which run it belongs to. It is what a rerun
// resumes from and what `augkit manifest merge` checks shards against.
//
// Kill safety: the header is written atomically; each record is appended with one write() of one whole line, after
// its output was renamed into place, so a SIGKILL leaves at most a missing last record (the rerun finds the output
// without one and adopts it when its bytes are the ones it would write). A torn last line (a lost power supply) is
// cut off when the file is opened. At the end of a run the file is rewritten atomically, sorted by input position and
// variant, one record per output: so a finished run's manifest has the same bytes however it was interrupted,
// resumed or run with workers, and merged shards give a whole run's manifest byte for byte.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { plainFileError } from '../core/file-errors.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { CliError } from './command.ts';
import { type Shard, manifestName } from './shard.ts';

/** The value of a header's `manifest` field. */
export const MANIFEST_FORMAT = 'augkit-augment/1';

/** The first line of a manifest: which run, of which shard, it records. */
export interface ManifestHeader {
  readonly manifest: typeof MANIFEST_FORMAT;
  readonly shard: number;
  readonly shards: number;
  /** Inputs of the whole run (all shards), and variants per input. */
  readonly files: number;
  readonly variants: number;
  /** SHA-256 of the whole run's sorted input names, one per line: shards must have seen the same list. */
  readonly inputs: string;
  readonly seed: number;
  readonly pipeline: string;
  readonly augkit: string;
}

/** One output written. */
export interface ManifestRecord {
  /** The input's name relative to its input folder (or the --files root): the same on every machine. */
  readonly input: string;
  readonly variant: number;
  /** The input's position in the whole run's sorted list: the index its variants are drawn at. */
  readonly index: number;
  /** The output's path relative to --out, with / as separator. */
  readonly output: string;
  readonly sha256: string;
  readonly seed: number;
  readonly pipeline: string;
  readonly augkit: string;
}

/** SHA-256 of `bytes` (or UTF-8 text), in hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with object keys sorted at every level, so equal pipelines written in another key order hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The pipeline hash: SHA-256 of the pipeline's JSON without its root seed (the seed is a field of its own), together
 * with the settings that change an output's bytes besides the seed (format, quality, how alpha is treated).
 */
export function pipelineHash(spec: object, settings: Readonly<Record<string, unknown>>): string {
  const { seed: _seed, ...pipeline } = spec as Record<string, unknown>;
  return sha256(canonicalJson({ pipeline, settings }));
}

/** SHA-256 of the sorted input names, one per line. */
export function inputsHash(names: readonly string[]): string {
  return sha256(names.map((n) => `${n}\n`).join(''));
}

/** A record as one JSON line, fields in a fixed order. */
export function recordLine(r: ManifestRecord): string {
  const { input, variant, index, output, sha256, seed, pipeline, augkit } = r;
  return `${JSON.stringify({ input, variant, index, output, sha256, seed, pipeline, augkit })}\n`;
}

/** A header as one JSON line, fields in a fixed order. */
export function headerLine(h: ManifestHeader): string {
  const { manifest, shard, shards, files, variants, inputs, seed, pipeline, augkit } = h;
  return `${JSON.stringify({ manifest, shard, shards, files, variants, inputs, seed, pipeline, augkit })}\n`;
}

/** Records sorted by input position, then variant. */
export function sortedRecords(records: Iterable<ManifestRecord>): ManifestRecord[] {
  return [...records].sort((a, b) => a.index - b.index || a.variant - b.variant);
}

/** A whole manifest's text: the header, then the records sorted. */
export function manifestText(header: ManifestHeader, records: Iterable<ManifestRecord>): string {
  return headerLine(header) + sortedRecords(records).map(recordLine).join('');
}

/** What `parseManifest` read. */
export interface ParsedManifest {
  readonly header: ManifestHeader | undefined;
  /** Records in file order (a later one for the same output replaces an earlier one). */
  readonly records: ManifestRecord[];
  /** Bytes of whole, valid lines: a torn last line starts here. */
  readonly validBytes: number;
  /** True when a torn or unreadable last line was left out. */
  readonly tornTail: boolean;
}

function isHeader(v: unknown): v is ManifestHeader {
  const h = v as ManifestHeader;
  return (
    typeof h === 'object' &&
    h !== null &&
    h.manifest === MANIFEST_FORMAT &&
    [h.shard, h.shards, h.files, h.variants, h.seed].every(Number.isSafeInteger) &&
    [h.inputs, h.pipeline, h.augkit].every((s) => typeof s === 'string')
  );
}

function isRecord(v: unknown): v is ManifestRecord {
  const r = v as ManifestRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    [r.variant, r.index, r.seed].every(Number.isSafeInteger) &&
    [r.input, r.output, r.sha256, r.pipeline, r.augkit].every((s) => typeof s === 'string')
  );
}

/**
 * Parses a manifest's text. A last line that is torn (no newline) or not a record is left out (`tornTail`); any
 * other line that is not a record, or a first line that is not a header, is an error naming `name` and the line.
 */
export function parseManifest(text: string, name: string): ParsedManifest {
  const records: ManifestRecord[] = [];
  let header: ManifestHeader | undefined;
  let offset = 0;
  let line = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const last = end === -1 || text.indexOf('\n', end + 1) === -1;
    const content = end === -1 ? undefined : text.slice(offset, end);
    line++;
    let value: unknown;
    try {
      value = content === undefined ? undefined : JSON.parse(content);
    } catch {
      value = undefined;
    }
    const ok = line === 1 ? isHeader(value) : isRecord(value);
    if (!ok) {
      if (last && (end === -1 || end === text.length - 1)) {
        return { header, records, validBytes: Buffer.byteLength(text.slice(0, offset)), tornTail: true };
      }
      throw new CliError(
        `${name}, line ${line}: not ${line === 1 ? 'a manifest header' : 'a manifest record'} of augkit augment`,
      );
    }
    if (line === 1) header = value as ManifestHeader;
    else records.push(value as ManifestRecord);
    offset = (end as number) + 1;
  }
  return { header, records, validBytes: Buffer.byteLength(text), tornTail: false };
}

/** The fields of two headers that differ, as `name: was → now`. */
export function headerDifferences(was: ManifestHeader, now: ManifestHeader): string[] {
  const labels: Record<keyof ManifestHeader, string> = {
    manifest: 'format',
    shard: 'shard',
    shards: 'shard count',
    files: 'input files',
    variants: 'variants (--n)',
    inputs: 'input list',
    seed: 'seed',
    pipeline: 'pipeline or output settings',
    augkit: 'augkit version',
  };
  const out: string[] = [];
  for (const key of Object.keys(labels) as (keyof ManifestHeader)[]) {
    if (was[key] === now[key]) continue;
    const hashed = key === 'inputs' || key === 'pipeline';
    out.push(hashed ? `${labels[key]} changed` : `${labels[key]} ${was[key]} → ${now[key]}`);
  }
  return out;
}

/** The manifest of one running shard: the records of earlier runs to resume from, and appending new ones. */
export interface ManifestWriter {
  /** The file's name in --out. */
  readonly name: string;
  /** Records of an earlier run of the same command (empty for a new run), by `recordKey`. */
  readonly previous: ReadonlyMap<number, ManifestRecord>;
  /** Appends `record` as one line (replacing an earlier record of the same output). */
  append(record: ManifestRecord): void;
  /** Forgets the record of an output (kept by --skip-existing although its bytes are not the recorded ones). */
  forget(index: number, variant: number): void;
  /**
   * Closes the file and rewrites it sorted, one record per output. Resolves to what went wrong writing the file (a
   * full disk), if anything: then the file holds what could be appended, which a rerun resumes from.
   */
  close(): Promise<string | undefined>;
}

/** The key of (input position, variant) in a run of `variants` variants. */
export function recordKey(index: number, variant: number, variants: number): number {
  return index * variants + variant;
}

/**
 * Opens `--out`'s manifest of `shard` for a run described by `header`: a missing file is started; an existing one
 * of the same run is resumed (a torn last line cut off); one of another run is refused, unless `overwrite`, which
 * starts it anew. `shown` is --out as the user wrote it, for messages.
 */
export async function openManifest(
  out: string,
  shown: string,
  shard: Shard,
  header: ManifestHeader,
  overwrite: boolean,
): Promise<ManifestWriter> {
  const name = manifestName(shard);
  const path = join(out, name);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${join(shown, name)}: ${plainFileError(error)}`);
  });
  const parsed = text === undefined || overwrite ? undefined : parseManifest(text, join(shown, name));
  const records = new Map<number, ManifestRecord>();
  const key = (index: number, variant: number) => recordKey(index, variant, header.variants);
  try {
    if (parsed?.header === undefined) {
      await writeFileAtomic(path, new TextEncoder().encode(headerLine(header)), { overwrite: true });
    } else {
      const differences = headerDifferences(parsed.header, header);
      if (differences.length > 0) {
        throw new CliError(
          `${join(shown, name)} records another run (${differences.join('; ')}): this command would not resume it. Use another --out, or --overwrite to redo every output of this shard`,
        );
      }
      if (parsed.tornTail) await truncate(path, parsed.validBytes);
      for (const r of parsed.records) records.set(key(r.index, r.variant), r);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot write ${join(shown, name)}: ${plainFileError(error)}`);
  }
  const previous = new Map(records);
  let fd: number | undefined = openSync(path, 'a');
  // The first failed append; nothing is appended after it, so a torn line stays the last one.
  let failure: string | undefined;
  return {
    name,
    previous,
    append(record) {
      if (fd === undefined) throw new Error(`${name} is closed`);
      records.set(key(record.index, record.variant), record);
      if (failure !== undefined) return;
      // One write of one whole line: a kill cannot leave half of it. A full disk can; then appending stops.
      const line = Buffer.from(recordLine(record));
      try {
        if (writeSync(fd, line) !== line.length) failure = 'a line was written in part';
      } catch (error) {
        failure = plainFileError(error);
      }
    },
    forget(index, variant) {
      records.delete(key(index, variant));
    },
    async close() {
      if (fd === undefined) return undefined;
      closeSync(fd);
      fd = undefined;
      try {
        const text = manifestText(header, records.values());
        await writeFileAtomic(path, new TextEncoder().encode(text), { overwrite: true });
        return undefined;
      } catch (error) {
        return `${name} is not complete (${failure ?? plainFileError(error)}); rerunning the command completes it`;
      }
    },
  };
}
