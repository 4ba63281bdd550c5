// Combining the manifests the shards of one `augkit augment` run wrote into one folder, and checking them: one run
// (the same inputs, seed, pipeline and augkit version in every header), each (input, variant) exactly once, nothing
// missing. The merged manifest is the one a single unsharded run writes, byte for byte.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { plainFileError } from '../core/file-errors.ts';
import { CliError } from './command.ts';
import { forEachLimited } from './for-each-limited.ts';
import {
  type ManifestHeader,
  type ManifestRecord,
  headerDifferences,
  manifestText,
  parseManifest,
  recordKey,
  sha256,
} from './manifest.ts';
import { manifestName, shardOfManifestName } from './shard.ts';

/** What `mergeManifests` found. */
export interface MergeResult {
  /** The manifest files read, in shard order. */
  readonly manifests: string[];
  /** The merged manifest's text, when there were no problems. */
  readonly text: string | undefined;
  /** The run's header (of the first manifest), when one was read. */
  readonly header: ManifestHeader | undefined;
  readonly records: number;
  readonly missing: number;
  readonly duplicated: number;
  /** Everything wrong, one sentence each: other runs, duplicates, missing outputs, bad lines. */
  readonly problems: string[];
  /** Things worth saying that are not wrong in themselves (a torn last line left out). */
  readonly notes: string[];
}

/** At most this many missing or duplicated outputs are named one by one. */
const NAMED = 10;

/**
 * Reads every `manifest.jsonl` and `manifest-i-of-n.jsonl` in `dir` and merges them. With `verify`, also reads
 * every recorded output below `dir` and compares its SHA-256. `shown` is `dir` as the user wrote it.
 * @throws CliError when `dir` cannot be read or holds no manifest.
 */
export async function mergeManifests(dir: string, shown: string, verify = false): Promise<MergeResult> {
  const entries = await readdir(dir).catch((error) => {
    throw new CliError(`cannot read ${shown}: ${plainFileError(error)}`);
  });
  const manifests = entries
    .map((name) => ({ name, shard: shardOfManifestName(name) }))
    .filter((m) => m.shard !== undefined)
    .sort((a, b) => (a.shard?.count ?? 0) - (b.shard?.count ?? 0) || (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  if (manifests.length === 0) {
    throw new CliError(`${shown} holds no manifest.jsonl or manifest-i-of-n.jsonl (written by "augkit augment")`);
  }
  const problems: string[] = [];
  const notes: string[] = [];
  let reference: { header: ManifestHeader; name: string } | undefined;
  const merged = new Map<number, { record: ManifestRecord; from: string }>();
  const names = new Map<number, string>();
  const duplicates: string[] = [];
  const read = new Set<string>();
  for (const { name } of manifests) {
    let parsed: ReturnType<typeof parseManifest>;
    try {
      parsed = parseManifest(await readFile(join(dir, name), 'utf8'), name);
    } catch (error) {
      problems.push(error instanceof CliError ? error.message : `${name}: ${plainFileError(error)}`);
      continue;
    }
    const { header } = parsed;
    if (header === undefined) {
      problems.push(`${name} has no header line: not written by augkit augment, or cut off; rerun its shard`);
      continue;
    }
    read.add(name);
    if (parsed.tornTail) notes.push(`${name}: a torn last line was left out (its run was killed; rerun it)`);
    if (name !== manifestName({ index: header.shard, count: header.shards })) {
      problems.push(`${name}: its header says shard ${header.shard} of ${header.shards}; renamed?`);
      continue;
    }
    if (reference === undefined) reference = { header, name };
    else {
      const { shard, shards } = reference.header;
      const differences = headerDifferences(reference.header, { ...header, shard, shards });
      if (differences.length > 0) {
        problems.push(`${name} records another run than ${reference.name}: ${differences.join('; ')}`);
        continue;
      }
    }
    const own = new Map<number, ManifestRecord>();
    for (const r of parsed.records) own.set(recordKey(r.index, r.variant, header.variants), r);
    for (const [key, record] of own) {
      if (record.index >= header.files || record.variant >= header.variants) {
        problems.push(`${name}: a record of input #${record.index} variant ${record.variant}, beyond the run`);
        continue;
      }
      if (record.index % header.shards !== header.shard) {
        problems.push(`${name}: ${record.input} (input #${record.index}) belongs to another shard`);
        continue;
      }
      names.set(record.index, record.input);
      const first = merged.get(key);
      if (first !== undefined) {
        duplicates.push(`${record.input} variant ${record.variant} (in ${first.from} and ${name})`);
        continue;
      }
      merged.set(key, { record, from: name });
    }
  }
  if (duplicates.length > 0) {
    problems.push(`duplicated: ${duplicates.length} outputs recorded twice: ${named(duplicates)}`);
  }
  let missingCount = 0;
  if (reference !== undefined) {
    const { files, variants, shards } = reference.header;
    const missing: string[] = [];
    const shardsMissing = new Set<string>();
    for (let index = 0; index < files; index++) {
      for (let variant = 0; variant < variants; variant++) {
        if (merged.has(recordKey(index, variant, variants))) continue;
        missingCount++;
        const file = manifestName({ index: index % shards, count: shards });
        if (!read.has(file)) shardsMissing.add(file);
        if (missing.length < NAMED) {
          missing.push(`${names.get(index) ?? `input #${index}`} variant ${variant} (${file})`);
        }
      }
    }
    if (missingCount > 0) {
      const absent = shardsMissing.size > 0 ? `; not found: ${[...shardsMissing].sort().join(', ')}` : '';
      problems.push(
        `missing: ${missingCount} of ${files * variants} outputs have no record: ${named(missing, missingCount)}${absent}; rerun those shards`,
      );
    }
  }
  if (verify)
    problems.push(
      ...(await verifyOutputs(
        dir,
        [...merged.values()].map((m) => m.record),
      )),
    );
  const header = reference?.header;
  const text =
    problems.length === 0 && header !== undefined
      ? manifestText(
          { ...header, shard: 0, shards: 1 },
          [...merged.values()].map((m) => m.record),
        )
      : undefined;
  return {
    manifests: manifests.map((m) => m.name),
    text,
    header,
    records: merged.size,
    missing: missingCount,
    duplicated: duplicates.length,
    problems,
    notes,
  };
}

/** The first NAMED of `items`, and how many more of `total`. */
function named(items: readonly string[], total = items.length): string {
  const shown = items.slice(0, NAMED).join(', ');
  return total > NAMED ? `${shown} and ${total - NAMED} more` : shown;
}

/** Problems with the recorded outputs below `dir`: missing, or with other bytes than recorded. */
async function verifyOutputs(dir: string, records: readonly ManifestRecord[]): Promise<string[]> {
  const absent: string[] = [];
  const changed: string[] = [];
  await forEachLimited(
    records,
    16,
    () => false,
    async (r) => {
      const bytes = await readFile(join(dir, r.output)).catch(() => undefined);
      if (bytes === undefined) absent.push(r.output);
      else if (sha256(bytes) !== r.sha256) changed.push(r.output);
    },
  );
  const out: string[] = [];
  if (absent.length > 0) out.push(`${absent.length} recorded outputs cannot be read: ${named(absent.sort())}`);
  if (changed.length > 0) {
    out.push(`${changed.length} outputs differ from their recorded SHA-256: ${named(changed.sort())}`);
  }
  return out;
}
