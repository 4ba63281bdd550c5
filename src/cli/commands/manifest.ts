// `augkit manifest merge DIR`: checks that the shards of a sharded `augkit augment` run wrote every output exactly
// once and combines their manifests into the one a single run writes.
import { basename, dirname, resolve } from 'node:path';
import { plainFileError } from '../../core/file-errors.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import {
  CliError,
  type CliIO,
  type Command,
  type ParsedArgs,
  SUMMARIES,
  UsageError,
  flag,
  stringOption,
} from '../command.ts';
import { mergeManifests } from '../manifest-merge.ts';
import { shardOfManifestName } from '../shard.ts';

const HELP = `merge DIR: reads the manifests "augkit augment" wrote into DIR (its --out): manifest.jsonl of a whole run and
manifest-i-of-n.jsonl of --shard i/n. Checks that they record one run (the same inputs, seed, pipeline, --n and
augkit version) and that every (input, variant) of it is recorded exactly once, then writes the merged manifest:
the header of a whole run and one line per output, sorted by input position and variant, the same bytes a single
unsharded run's manifest.jsonl has. What is missing (with the shard to rerun) or recorded twice is reported and
the exit code is 1, and nothing is written.

Options:
  --out FILE    write the merged manifest to FILE (default: standard output); an existing FILE is kept unless
                --overwrite is given. Not a manifest name in DIR (merge would read it next time)
  --verify      also read every recorded output and compare its SHA-256 with the manifest's
  --overwrite   replace an existing --out FILE`;

/** `augkit manifest`. */
export const command: Command = {
  name: 'manifest',
  summary: SUMMARIES.manifest,
  usage: 'augkit manifest merge DIR [--out FILE] [--verify] [--overwrite]',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    verify: { type: 'boolean' },
    overwrite: { type: 'boolean' },
  },
  positionals: { min: 2, max: 2, name: 'merge DIR' },
  run: runManifest,
};

async function runManifest(args: ParsedArgs, io: CliIO): Promise<number> {
  const [action, dirArg] = args.positionals;
  if (action !== 'merge') throw new UsageError(`unknown action "${action}" (actions: merge)`, 'manifest');
  const dir = resolve(io.cwd, dirArg);
  const outArg = stringOption(args, 'out');
  const out = outArg === undefined ? undefined : resolve(io.cwd, outArg);
  if (out !== undefined && dirname(out) === dir && shardOfManifestName(basename(out)) !== undefined) {
    throw new UsageError(`--out ${outArg} is a manifest merge reads; write the merged one elsewhere`, 'manifest');
  }
  const result = await mergeManifests(dir, dirArg, flag(args, 'verify'));
  for (const note of result.notes) io.stderr.write(`augkit manifest: ${note}\n`);
  const files = `${result.manifests.length} manifest${result.manifests.length === 1 ? '' : 's'} (${result.manifests.join(', ')})`;
  if (result.text === undefined) {
    for (const problem of result.problems) io.stderr.write(`augkit manifest: ${problem}\n`);
    io.stderr.write(
      `augkit manifest: read ${files}: ${result.records} outputs recorded, ${result.missing} missing, ${result.duplicated} duplicated; nothing written\n`,
    );
    return 1;
  }
  if (out === undefined) io.stdout.write(result.text);
  else {
    try {
      await writeFileAtomic(out, new TextEncoder().encode(result.text), { overwrite: flag(args, 'overwrite') });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new CliError(
        e.code === 'EEXIST'
          ? `${outArg} exists; not replaced (--overwrite replaces it)`
          : `cannot write ${outArg}: ${plainFileError(e)}`,
      );
    }
  }
  const h = result.header;
  io.stderr.write(
    `augkit manifest: merged ${files}: ${result.records} outputs of ${h?.files} inputs × ${h?.variants} variants, each once${flag(args, 'verify') ? ', every output verified' : ''}${out === undefined ? '' : ` → ${outArg}`}\n`,
  );
  return 0;
}
