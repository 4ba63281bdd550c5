// `augkit augment --shard` and `--files`, and `augkit manifest merge`: shards run as separate processes at once into
// one folder give a single run's files and (merged) manifest byte for byte; --shard auto reads each scheduler's
// variables; a list of files gives the folder's run; merge reports what is missing, duplicated or of another run.
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CliRun, listFiles, runCli, writePng } from './run-cli.ts';

/** The scheduler variables --shard auto reads, removed from every child's environment unless a test sets them. */
const NO_SCHEDULER = {
  JOB_COMPLETION_INDEX: undefined,
  SLURM_ARRAY_TASK_ID: undefined,
  SLURM_ARRAY_TASK_MIN: undefined,
  SLURM_ARRAY_TASK_STEP: undefined,
  SLURM_ARRAY_TASK_COUNT: undefined,
  AWS_BATCH_JOB_ARRAY_INDEX: undefined,
};

const PIPELINE = {
  type: 'Sequential',
  randomOrder: true,
  children: [
    { type: 'Fliplr', p: 0.5 },
    { type: 'Affine', rotate: [-20, 20], order: 1 },
    { type: 'Multiply', mul: [0.5, 1.5] },
  ],
};

let dir: string;
let input: string;
let common: string[];
/** The unsharded run everything is compared with. */
let whole: string;

/** `augkit augment` with the test's inputs and pipeline, and no scheduler in the environment unless `env` sets one. */
function augment(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['augment', ...args, ...common], { env: { ...NO_SCHEDULER, ...env } });
}

function ok(run: CliRun): CliRun {
  assert.equal(run.code, 0, run.stderr);
  return run;
}

/** Asserts that the images of `out` are the whole run's, byte for byte (manifests aside). */
async function assertSameImages(out: string): Promise<void> {
  const images = (await listFiles(whole)).filter((f) => !f.endsWith('.jsonl'));
  assert.deepEqual(
    (await listFiles(out)).filter((f) => !f.endsWith('.jsonl')),
    images,
  );
  for (const f of images) assert.ok((await readFile(join(out, f))).equals(await readFile(join(whole, f))), f);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-shard-'));
  input = join(dir, 'in');
  await mkdir(join(input, 'sub'), { recursive: true });
  // 7 small images, one in a subfolder and one JPEG: shares of 3 shards are 3, 2 and 2 files.
  for (let i = 0; i < 7; i++) {
    const pixels = Array.from({ length: 12 * 10 * 3 }, (_, j) => (j * 13 + i * 41) % 256);
    await writePng(join(input, i === 3 ? 'sub' : '.', `p${i}.png`), pixels, 12, 10, 3);
  }
  await rm(join(input, 'p5.png'));
  const pixels = Array.from({ length: 12 * 10 * 3 }, (_, j) => (j * 5) % 256);
  const sharp = (await import('sharp')).default;
  await sharp(Buffer.from(pixels), { raw: { width: 10, height: 12, channels: 3 } })
    .jpeg()
    .toFile(join(input, 'p5.jpg'));
  await writeFile(join(dir, 'pipeline.json'), JSON.stringify(PIPELINE));
  common = ['--pipeline', join(dir, 'pipeline.json'), '--n', '2', '--seed', '11'];
  whole = join(dir, 'whole');
  ok(await augment([input, '--out', whole]));
  assert.equal((await listFiles(whole)).length, 7 * 2 + 1);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('augkit augment --shard i/n', () => {
  it('3 shards at once into one folder (one with 2 worker threads) write the single run’s bytes', async () => {
    const out = join(dir, 'three');
    const runs = await Promise.all([
      augment([input, '--out', out, '--shard', '0/3']),
      augment([input, '--out', out, '--shard', '1/3', '--workers', '2', '--force-workers']),
      augment([input, '--out', out, '--shard', '2/3']),
    ]);
    for (const run of runs) ok(run);
    assert.match(runs[1].stderr, /7 images, shard 1\/3 takes 2, × 2 variants/);
    assert.deepEqual(
      (await listFiles(out)).filter((f) => f.endsWith('.jsonl')),
      ['manifest-0-of-3.jsonl', 'manifest-1-of-3.jsonl', 'manifest-2-of-3.jsonl'],
    );
    await assertSameImages(out);

    // The merged manifest is the single run's manifest.jsonl, byte for byte; --verify rereads every output.
    const merged = ok(await runCli(['manifest', 'merge', out, '--verify']));
    assert.equal(merged.stdout, await readFile(join(whole, 'manifest.jsonl'), 'utf8'));
    assert.match(merged.stderr, /merged 3 manifests .*: 14 outputs of 7 inputs × 2 variants, each once, every output/);
    const single = ok(await runCli(['manifest', 'merge', whole]));
    assert.equal(single.stdout, merged.stdout);
    const records = merged.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      records.map((r) => `${r.index}:${r.variant}:${r.input}`),
      ['p0.png', 'p1.png', 'p2.png', 'p4.png', 'p5.jpg', 'p6.png', 'sub/p3.png'].flatMap((name, i) => [
        `${i}:0:${name}`,
        `${i}:1:${name}`,
      ]),
    );

    // A shard rerun resumes: nothing to do.
    const again = ok(await augment([input, '--out', out, '--shard', '2/3']));
    assert.match(again.stdout, /read 0 images, wrote 0, kept 4 existing, failed 0/);
  });

  it('merge reports a missing shard, a duplicated output and another run’s manifest, exits 1 and writes nothing', async () => {
    const out = join(dir, 'holes');
    ok(await augment([input, '--out', out, '--shard', '0/3']));
    ok(await augment([input, '--out', out, '--shard', '2/3']));
    const missing = await runCli(['manifest', 'merge', out, '--out', join(dir, 'merged.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /missing: 4 of 14 outputs have no record: .*not found: manifest-1-of-3\.jsonl/);
    assert.match(missing.stderr, /4 missing, 0 duplicated; nothing written/);
    await assert.rejects(readFile(join(dir, 'merged.jsonl')), { code: 'ENOENT' });

    // The missing shard, and an unsharded run's manifest over the same outputs: every output twice.
    ok(await augment([input, '--out', out, '--shard', '1/3']));
    await copyFile(join(whole, 'manifest.jsonl'), join(out, 'manifest.jsonl'));
    const twice = await runCli(['manifest', 'merge', out]);
    assert.equal(twice.code, 1);
    assert.match(
      twice.stderr,
      /duplicated: 14 outputs recorded twice: p0\.png variant 0 \(in manifest\.jsonl and manifest-0-of-3\.jsonl\)/,
    );
    assert.equal(twice.stdout, '');

    // Another seed's shard.
    await rm(join(out, 'manifest.jsonl'));
    const other = join(dir, 'other-seed');
    ok(await runCli(['augment', input, '--out', other, ...common.slice(0, -1), '12', '--shard', '1/3']));
    await copyFile(join(other, 'manifest-1-of-3.jsonl'), join(out, 'manifest-1-of-3.jsonl'));
    const mixed = await runCli(['manifest', 'merge', out]);
    assert.equal(mixed.code, 1);
    assert.match(mixed.stderr, /manifest-1-of-3\.jsonl records another run than manifest-0-of-3\.jsonl: seed 11 → 12/);

    // The merged manifest may not go where merge reads manifests.
    const into = await runCli(['manifest', 'merge', out, '--out', join(out, 'manifest.jsonl')]);
    assert.equal(into.code, 2);
    assert.match(into.stderr, /is a manifest merge reads; write the merged one elsewhere/);
  });

  it('refuses malformed shards with a usage error naming the accepted form', async () => {
    // Every form is in src/cli/shard.test.ts; here two of them through the command line.
    for (const [shard, message] of [
      ['3/2', /--shard 3\/2: shard 3 of 2 does not exist: shards are counted from 0, so the index is 0 to 1/],
      ['x', /--shard must be i\/n with 0 ≤ i < n .* or auto; received "x"/],
    ] as const) {
      const run = await augment([input, '--out', join(dir, 'never'), '--shard', shard]);
      assert.equal(run.code, 2, shard);
      assert.match(run.stderr, message);
    }
    // Each shard would pick a seed of its own.
    const unseeded = await runCli(['augment', input, '--out', join(dir, 'never'), '--shard', '0/2'], {
      env: NO_SCHEDULER,
    });
    assert.equal(unseeded.code, 2);
    assert.match(unseeded.stderr, /--shard 0\/2 needs a fixed seed, the same in every shard: give --seed S/);
    await assert.rejects(readdir(join(dir, 'never')), { code: 'ENOENT' });
  });
});

describe('augkit augment --shard auto', () => {
  it('takes the shard from Kubernetes, Slurm and AWS Batch variables; the three make the whole run', async () => {
    const out = join(dir, 'auto');
    const runs = await Promise.all([
      augment([input, '--out', out, '--shard', 'auto', '--shards', '3'], { JOB_COMPLETION_INDEX: '1' }),
      // A Slurm array --array=1-3: task 3 is shard 2.
      augment([input, '--out', out, '--shard', 'auto'], {
        SLURM_ARRAY_TASK_ID: '3',
        SLURM_ARRAY_TASK_MIN: '1',
        SLURM_ARRAY_TASK_COUNT: '3',
      }),
      augment([input, '--out', out, '--shard', 'auto', '--shards', '3'], { AWS_BATCH_JOB_ARRAY_INDEX: '0' }),
    ]);
    for (const run of runs) ok(run);
    assert.match(runs[0].stderr, /shard 1\/3 \(JOB_COMPLETION_INDEX=1\) takes 2/);
    assert.match(runs[1].stderr, /shard 2\/3 \(SLURM_ARRAY_TASK_ID=3\) takes 2/);
    assert.match(runs[2].stderr, /shard 0\/3 \(AWS_BATCH_JOB_ARRAY_INDEX=0\) takes 3/);
    await assertSameImages(out);
    const merged = ok(await runCli(['manifest', 'merge', out]));
    assert.equal(merged.stdout, await readFile(join(whole, 'manifest.jsonl'), 'utf8'));
  });

  it('says which variables it reads when none is set, and asks for --shards where the scheduler has no count', async () => {
    const none = await augment([input, '--out', join(dir, 'never'), '--shard', 'auto']);
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /--shard auto found no scheduler's index: none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set/,
    );
    const k8s = await augment([input, '--out', join(dir, 'never'), '--shard', 'auto'], { JOB_COMPLETION_INDEX: '0' });
    assert.equal(k8s.code, 2);
    assert.match(k8s.stderr, /JOB_COMPLETION_INDEX=0 \(a Kubernetes Indexed Job\) needs --shards N/);
    await assert.rejects(readdir(join(dir, 'never')), { code: 'ENOENT' });
  });
});

describe('augkit augment --files', () => {
  it('reads the inputs from a list (any order, CRLF, blank lines) and writes the folder’s run, also sharded', async () => {
    const list = join(dir, 'list.txt');
    const names = ['sub/p3.png', 'p6.png', 'p0.png', '', 'p5.jpg', 'p1.png', 'p4.png', 'p2.png'];
    await writeFile(list, `${names.join('\r\n')}\r\n\r\n`);
    const out = join(dir, 'listed');
    ok(await augment([input, '--files', list, '--out', out, '--shard', '0/2']));
    ok(await augment([input, '--files', list, '--out', out, '--shard', '1/2']));
    await assertSameImages(out);
    const merged = ok(await runCli(['manifest', 'merge', out]));
    assert.equal(merged.stdout, await readFile(join(whole, 'manifest.jsonl'), 'utf8'));
  });

  it('refuses a missing or empty list, paths outside the folder, a path twice and listed files that do not exist', async () => {
    const never = join(dir, 'never');
    const missingList = await augment(['--files', join(dir, 'nope.txt'), '--out', never]);
    assert.equal(missingList.code, 1);
    assert.match(missingList.stderr, /cannot read --files .*nope\.txt: no such file or folder/);
    const noValue = await runCli(['augment', '--out', never, '--files']);
    assert.equal(noValue.code, 2);
    assert.match(noValue.stderr, /--files <value>' argument missing/);

    const bad = join(dir, 'bad.txt');
    await writeFile(bad, 'p0.png\n../elsewhere.png\np0.png\n');
    const refused = await augment([input, '--files', bad, '--out', never]);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /line 2: \.\.\/elsewhere\.png is not below .*in; line 3: p0\.png is listed already on line 1/,
    );

    await writeFile(bad, '\n\n');
    assert.match((await augment([input, '--files', bad, '--out', never])).stderr, /bad\.txt lists no files/);

    await writeFile(bad, 'p0.png\ngone.png\nsub\n');
    const missing = await augment([input, '--files', bad, '--out', never]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /lists 2 files that cannot be read: line 2: gone\.png \(no such file or folder\), line 3: sub \(not a file\); nothing written/,
    );
    // A shard checks its own share only: gone.png (position 0 of [gone, p0, sub]) is shard 0's of 2.
    const share = await augment([input, '--files', bad, '--out', never, '--shard', '1/2']);
    assert.equal(share.code, 0, share.stderr);
    assert.match(share.stdout, /read 1 image, wrote 2/);

    const both = await augment([input, join(dir, 'x'), '--files', bad, '--out', never]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /with --files, give at most one folder/);
  });
});

describe('augkit augment resuming from its manifest', () => {
  it('records an output written before a kill could record it, and leaves a changed output alone', async () => {
    const out = join(dir, 'resume');
    ok(await augment([input, '--out', out]));
    const manifest = join(out, 'manifest.jsonl');
    const complete = await readFile(manifest, 'utf8');
    // As a kill between renaming p2_1.png into place and appending its line leaves it (and a torn line after it).
    const lines = complete.split('\n');
    const dropped = lines.findIndex((l) => l.includes('"output":"p2_1.png"'));
    await writeFile(manifest, `${lines.filter((_, i) => i !== dropped).join('\n')}{"input":"p4.p`);
    const adopted = ok(await augment([input, '--out', out]));
    assert.match(adopted.stdout, /read 1 image, wrote 0, kept 14 existing, failed 0/);
    assert.match(adopted.stdout, /recorded 1 outputs an interrupted run had written/);
    assert.equal(await readFile(manifest, 'utf8'), complete);

    // An output changed since it was written is not what the manifest records: reported, kept, exit 1.
    await writeFile(join(out, 'p4_0.png'), 'edited by hand');
    const changed = await augment([input, '--out', out]);
    assert.equal(changed.code, 1);
    assert.match(changed.stderr, /p4_0\.png is not what manifest\.jsonl records \(changed since\?\); not replaced/);
    assert.equal(await readFile(join(out, 'p4_0.png'), 'utf8'), 'edited by hand');
    const verified = await runCli(['manifest', 'merge', out, '--verify']);
    assert.equal(verified.code, 1);
    assert.match(verified.stderr, /1 outputs differ from their recorded SHA-256: p4_0\.png/);
    // --overwrite redoes it.
    ok(await augment([input, '--out', out, '--overwrite']));
    await assertSameImages(out);
    assert.equal(await readFile(manifest, 'utf8'), complete);
  });
});
