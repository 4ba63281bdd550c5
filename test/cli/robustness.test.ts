// The CLI against what goes wrong with files: corrupt, truncated, empty, non-image and unreadable files, unreadable
// folders, symlink loops, --out inside, equal to or linked to an input, a full disk and kill -9 at several points.
// After each: the inputs are unchanged (checksums), no temporary file is left, each problem is said once in plain
// words, and the rest of the work is done.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, copyFile, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { parseManifest, sha256 } from '../../src/cli/manifest.ts';
import { MAIN, ROOT, type RunCliOptions, runCli } from './run-cli.ts';

/** The photos committed in the repository (data-sample/photos/SOURCES.md). */
const PHOTOS = join(ROOT, 'data-sample', 'photos');
/** As root, chmod 000 stops nobody: the runs that need permissions to bite run as user nobody then. */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const asUser: RunCliOptions = AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {};
const TEMP = /\.tmp$/;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-robustness-'));
  await chmod(dir, 0o777); // nobody writes its output folders here
});
after(async () => {
  // Unreadable folders first, so that rm can go in.
  execFileSync('chmod', ['-R', 'u+rwx', dir]);
  await rm(dir, { recursive: true, force: true });
});

/** Every file and link below `root` (hidden ones too) with a checksum of its bytes (links: their target). */
async function checksums(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const s = await lstat(path);
      if (s.isSymbolicLink()) out.set(relative(root, path), `link ${s.mode}`);
      else if (e.isDirectory()) await walk(path);
      else
        out.set(
          relative(root, path),
          `${s.mode} ${createHash('sha256')
            .update(await readFile(path))
            .digest('hex')}`,
        );
    }
  };
  await walk(root);
  return out;
}

/** Every file below `root`, sorted, relative (hidden files included, to catch temporary files). */
async function files(root: string): Promise<string[]> {
  return [...(await checksums(root)).keys()].sort();
}

/** A PNG of incompressible noise, about side² × 3 bytes. */
async function noisePng(path: string, side: number, seed: number): Promise<void> {
  const pixels = Buffer.alloc(side * side * 3);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < pixels.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toFile(path);
}

/** How many lines of `text` mention `name`. */
function mentions(text: string, name: string): number {
  return text.split('\n').filter((line) => line.includes(name)).length;
}

/** Asserts that every image below `root` decodes completely (no half-written image). */
async function assertAllDecode(root: string): Promise<void> {
  for (const f of await files(root)) {
    if (f.endsWith('.jsonl')) continue; // the manifest
    await sharp(join(root, f), { failOn: 'truncated' })
      .raw()
      .toBuffer()
      .catch((error: Error) => assert.fail(`${f} does not decode: ${error.message}`));
  }
}

describe('augkit augment with bad files and folders', () => {
  it('reports each bad file and folder once in plain words, skips them and augments the rest', async () => {
    const input = join(dir, 'bad');
    await mkdir(join(input, 'sub'), { recursive: true });
    await mkdir(join(input, 'locked'));
    await copyFile(join(PHOTOS, 'astronaut.png'), join(input, 'astronaut.png'));
    await copyFile(join(PHOTOS, 'camera.png'), join(input, 'camera.png'));
    await copyFile(join(PHOTOS, 'chelsea.png'), join(input, 'sub', 'chelsea.png'));
    await copyFile(join(PHOTOS, 'clock.png'), join(input, 'locked', 'clock.png'));
    await copyFile(join(PHOTOS, 'coffee.png'), join(input, 'secret.png'));
    const coffee = await readFile(join(PHOTOS, 'coffee.png'));
    const jpeg = await sharp(coffee).jpeg().toBuffer();
    await writeFile(join(input, 'truncated.png'), coffee.subarray(0, coffee.length >> 1));
    await writeFile(join(input, 'truncated.jpg'), jpeg.subarray(0, jpeg.length >> 1));
    await writeFile(join(input, 'corrupt.png'), 'this is not a PNG');
    await writeFile(join(input, 'fake.jpg'), '<html>not a JPEG</html>');
    await writeFile(join(input, 'empty.png'), '');
    await writeFile(join(input, 'notes.txt'), 'not an image');
    await writeFile(join(input, 'scan.bmp'), 'BM not read');
    await symlink('..', join(input, 'sub', 'loop'));
    await symlink('nowhere.png', join(input, 'dead.png'));
    await chmod(join(input, 'secret.png'), 0o000);
    await chmod(join(input, 'locked'), 0o000);
    const before = await checksums(input);
    const out = join(dir, 'bad-out');

    const run = await runCli(['augment', input, '--out', out, '--n', '2', '--seed', '3', '--preset', 'light'], asUser);
    assert.equal(run.code, 1, run.stderr);
    const expected: [string, RegExp][] = [
      ['corrupt.png', /corrupt\.png: cannot read: not an image in a format augkit reads/],
      ['fake.jpg', /fake\.jpg: cannot read: not an image in a format augkit reads/],
      ['empty.png', /empty\.png: cannot read: the file is empty/],
      ['truncated.png', /truncated\.png: cannot read: the file is truncated or corrupt/],
      ['truncated.jpg', /truncated\.jpg: cannot read: the file is truncated or corrupt/],
      ['secret.png', /secret\.png: cannot read: permission denied/],
      ['locked', /locked: permission denied; skipped/],
      ['dead.png', /dead\.png: a link to nothing/],
      ['sub/loop', /sub\/loop: a link to a folder already searched; not followed/],
    ];
    for (const [name, message] of expected) {
      assert.match(run.stderr, message);
      assert.equal(mentions(run.stderr, name), 1, `${name} should be reported once:\n${run.stderr}`);
    }
    assert.doesNotMatch(run.stderr, /vips|failOn|libpng|at .*\.ts:\d+/i);
    assert.match(run.stdout, /read 3 images, wrote 6, failed 8,/);
    assert.match(run.stdout, /skipped 2 files of other formats: .*notes\.txt, .*scan\.bmp/);
    assert.deepEqual(await files(out), [
      'astronaut_0.png',
      'astronaut_1.png',
      'camera_0.png',
      'camera_1.png',
      'manifest.jsonl',
      join('sub', 'chelsea_0.png'),
      join('sub', 'chelsea_1.png'),
    ]);
    await assertAllDecode(out);
    assert.deepEqual(await checksums(input), before);
  });

  it('says so and exits 1 when a folder holds no images', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'readme.md'), 'no images here');
    const run = await runCli(['augment', empty, '--out', join(dir, 'empty-out'), '--preset', 'light']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no images found in .*empty/);
    assert.match(run.stdout, /skipped 1 files of other formats: .*readme\.md/);
  });
});

describe('augkit augment with --out among its inputs', () => {
  it('leaves an --out inside the input folder out of the search, resumes with --skip-existing', async () => {
    const input = join(dir, 'clean');
    await mkdir(input);
    await copyFile(join(PHOTOS, 'rocket.png'), join(input, 'rocket.png'));
    await copyFile(join(PHOTOS, 'retina.png'), join(input, 'retina.png'));
    const before = await checksums(input);
    const args = ['augment', input, '--out', join(input, 'aug'), '--seed', '1', '--preset', 'light'];
    const first = await runCli(args);
    assert.equal(first.code, 0, first.stderr);
    const written = ['manifest.jsonl', 'retina_0.png', 'rocket_0.png'];
    assert.deepEqual(await files(join(input, 'aug')), written);
    const resumed = await runCli([...args, '--skip-existing']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /read 0 images, wrote 0, kept 2 existing, failed 0/);
    // Another seed into the same --out: its manifest records another run, so nothing is touched.
    const outputs = await checksums(join(input, 'aug'));
    const other = await runCli([...args.slice(0, -4), '--seed', '2', '--preset', 'light']);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /manifest\.jsonl records another run \(seed 1 → 2\).*--overwrite to redo/);
    assert.deepEqual(await checksums(join(input, 'aug')), outputs);
    const after = await checksums(input);
    for (const [name, sum] of before) assert.equal(after.get(name), sum, name);

    // --out equal to the input, a link to it, or a folder holding it: refused before anything is written.
    await symlink(input, join(dir, 'clean-link'));
    for (const out of [input, join(dir, 'clean-link'), dir]) {
      const refused = await runCli(['augment', input, '--out', out, '--preset', 'light', '--overwrite']);
      assert.equal(refused.code, 2, `--out ${out}: ${refused.stderr}`);
      assert.match(refused.stderr, /is the input folder|lies inside --out/);
    }
    assert.deepEqual(await checksums(input), after);
  });
});

describe('augkit augment on a full disk', () => {
  it('says the disk is full, keeps every written image whole and leaves no temporary file', async (t) => {
    const mount = join(dir, 'disk');
    await mkdir(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0777', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      t.skip(`cannot mount a 256 KB tmpfs (${(error as Error).message.split('\n')[0]}); full disk untested`);
      return;
    }
    try {
      const input = join(dir, 'noise');
      await mkdir(input);
      for (let i = 0; i < 12; i++) await noisePng(join(input, `n${String(i).padStart(2, '0')}.png`), 48, i);
      const before = await checksums(input);
      // 12 × 4 variants of about 7 KB each: about 340 KB into 256 KB.
      const run = await runCli(['augment', input, '--out', join(mount, 'out'), '--n', '4', '--preset', 'light']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /no space left on the device/);
      assert.doesNotMatch(run.stderr, /ENOSPC/);
      const written = await files(join(mount, 'out'));
      assert.ok(written.length > 0, 'some variants fit');
      assert.deepEqual(
        written.filter((f) => TEMP.test(f)),
        [],
      );
      await assertAllDecode(join(mount, 'out'));
      assert.deepEqual(await checksums(input), before);
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});

describe('augkit augment killed with SIGKILL', () => {
  it('leaves only whole images and manifest lines at every point, and rerunning the command completes it byte for byte', async () => {
    const input = join(dir, 'kill-in');
    await mkdir(input);
    for (let i = 0; i < 24; i++) await noisePng(join(input, `k${String(i).padStart(2, '0')}.png`), 64, 100 + i);
    const before = await checksums(input);
    const common = ['--n', '2', '--seed', '9', '--preset', 'medium'];
    const reference = join(dir, 'kill-ref');
    const ref = await runCli(['augment', input, '--out', reference, ...common]);
    assert.equal(ref.code, 0, ref.stderr);
    const refFiles = await files(reference);
    assert.equal(refFiles.length, 48 + 1); // and manifest.jsonl
    const refRecords = new Map(
      parseManifest(await readFile(join(reference, 'manifest.jsonl'), 'utf8'), 'reference').records.map((r) => [
        r.output,
        r.sha256,
      ]),
    );
    assert.equal(refRecords.size, 48);

    // Killed right after the start (before any output) and when the progress shows the 1st, 8th and 16th file
    // done: mid-run, with writes and manifest appends under way.
    for (const point of [0, 1, 8, 16]) {
      const out = join(dir, `kill-${point}`);
      const when = point === 0 ? /augkit augment: 24 images/ : new RegExp(`\\[\\s*${point}/24\\]`);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'augment', input, '--out', out, ...common], {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          if (when.test(err)) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (signal === 'SIGKILL') resolve();
          else reject(new Error(`ended with ${code} before the kill at file ${point}:\n${err}`));
        });
      });
      // Whatever is there is whole and equal to the reference; a temporary file may be left by the kill. Every
      // manifest line is whole and records an output that is there with the reference's bytes.
      // (Killed at the start, the run may not have made --out yet.)
      await mkdir(out, { recursive: true });
      for (const f of await files(out)) {
        if (TEMP.test(f) || f === 'manifest.jsonl') continue;
        assert.ok((await readFile(join(out, f))).equals(await readFile(join(reference, f))), `${f} after kill`);
      }
      const killed = await readFile(join(out, 'manifest.jsonl'), 'utf8').catch(() => '');
      const { records, tornTail } = parseManifest(killed, `manifest after the kill at ${point}`);
      assert.equal(tornTail, false);
      for (const r of records) {
        assert.equal(r.sha256, refRecords.get(r.output), r.output);
        assert.equal(sha256(await readFile(join(out, r.output))), r.sha256, `${r.output} is there as recorded`);
      }
      // One more, as a killed run of another process would leave it.
      await writeFile(join(out, '.k00_0.png.4194305-0123456789ab.tmp'), 'half an image');
      // The same command again (once with 2 worker threads: the bytes do not depend on them).
      const workers = point === 8 ? ['--workers', '2', '--force-workers'] : [];
      const resumed = await runCli(['augment', input, '--out', out, ...common, ...workers]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /removed \d+ temporary files an interrupted run had left/);
      assert.deepEqual(await files(out), refFiles);
      for (const f of refFiles) {
        assert.ok((await readFile(join(out, f))).equals(await readFile(join(reference, f))), `${f} after resume`);
      }
    }
    assert.deepEqual(await checksums(input), before);
  });
});

describe('augkit grid limits', () => {
  it('refuses a grid beyond the pixel limit before drawing any cell', async () => {
    const run = await runCli([
      'grid',
      join(PHOTOS, 'chelsea.png'),
      '--preset',
      'heavy',
      '--rows',
      '100',
      '--cols',
      '100',
      '--out',
      join(dir, 'big-grid.png'),
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /100×100 grid of 256×256 cells .* megapixels, more than augkit's limit of 67108864 pixels \(8192 × 8192\)/,
    );
    await assert.rejects(readFile(join(dir, 'big-grid.png')), { code: 'ENOENT' });
  });
});

describe('output folders of demo, train and evaluate', () => {
  it('follow one rule: a folder holding the user’s own files is refused unless --overwrite, before any work', async () => {
    const mine = join(dir, 'my-site');
    await mkdir(mine);
    await writeFile(join(mine, 'index.html'), '<h1>my own page</h1>');
    await writeFile(join(mine, 'report.json'), '{"mine": true}');
    const before = await checksums(mine);
    for (const args of [
      ['demo', '--out', mine],
      ['train', '--limit', '100', '--epochs', '1', '--out', mine],
      ['evaluate', '--model', join(dir, 'no-model'), '--out', mine],
    ]) {
      const run = await runCli(args);
      assert.equal(run.code, 1, `${args[0]}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`holds other files and was not made by "augkit ${args[0]}".*--overwrite`));
    }
    assert.deepEqual(await checksums(mine), before);
  });
});
