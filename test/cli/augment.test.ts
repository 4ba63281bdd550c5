import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { readImage } from '../../src/io/image-file.ts';
import { listFiles, runCli, writePng } from './run-cli.ts';

/**
 * Runs `augkit augment input` with `args` and `--workers 1` into `oneOut`, and with `--workers 2 --force-workers`
 * into `twoOut` (forced: the bytes are compared whatever the cores of the machine running the tests); both must
 * succeed and write the same files with the same bytes. Returns the files.
 */
async function assertSameBytesOnOneAndTwoWorkers(
  input: string,
  oneOut: string,
  twoOut: string,
  args: readonly string[],
): Promise<string[]> {
  const one = await runCli(['augment', input, '--out', oneOut, ...args, '--workers', '1']);
  const two = await runCli(['augment', input, '--out', twoOut, ...args, '--workers', '2', '--force-workers']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  const files = await listFiles(oneOut);
  assert.deepEqual(await listFiles(twoOut), files);
  for (const f of files) assert.ok((await readFile(join(oneOut, f))).equals(await readFile(join(twoOut, f))), f);
  return files;
}

const FLIP_HALF = {
  type: 'Sequential',
  children: [
    { type: 'Fliplr', p: 1 },
    { type: 'Multiply', mul: 0.5 },
  ],
};
const RANDOM = {
  type: 'Sequential',
  randomOrder: true,
  children: [
    { type: 'Fliplr', p: 0.5 },
    { type: 'Multiply', mul: [0.3, 1.7] },
    { type: 'Dropout', p: [0, 0.5] },
  ],
};

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-cli-augment-'));
  await writeFile(join(dir, 'flip-half.json'), JSON.stringify(FLIP_HALF));
  await writeFile(join(dir, 'random.json'), JSON.stringify(RANDOM));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('augkit augment', () => {
  it('writes exactly the expected pixels for Fliplr(1) then Multiply(0.5)', async () => {
    const input = join(dir, 'pixels');
    await mkdir(input);
    // 2×3 gray: flipped rows are [30 20 10] and [255 50 40]; halved and truncated as imgaug does (127.5 → 127).
    await writePng(join(input, 'gray.png'), [10, 20, 30, 40, 50, 255], 2, 3, 1);
    // 1×2 RGB: the two pixels swap, every channel halved.
    await writePng(join(input, 'rgb.png'), [200, 100, 0, 3, 5, 255], 1, 2, 3);
    const out = join(dir, 'pixels-out');
    const run = await runCli([
      'augment',
      input,
      '--out',
      out,
      '--pipeline',
      join(dir, 'flip-half.json'),
      '--seed',
      '0',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const gray = await readImage(join(out, 'gray_0.png'));
    assert.deepEqual([gray.height, gray.width, gray.channels], [2, 3, 1]);
    assert.deepEqual([...gray.data], [15, 10, 5, 127, 25, 20]);
    const rgb = await readImage(join(out, 'rgb_0.png'));
    assert.deepEqual([...rgb.data], [1, 2, 127, 100, 50, 0]);
    assert.match(run.stdout, /read 2 images, wrote 2, failed 0/);
  });

  it('skips a corrupt file and an existing output, finishes the rest, mirrors folders and exits 1', async () => {
    const input = join(dir, 'mixed');
    await mkdir(join(input, 'sub', 'deeper'), { recursive: true });
    await writePng(join(input, 'a.png'), [1, 2, 3, 4], 2, 2, 1);
    await writePng(join(input, 'sub', 'b.png'), [5, 6, 7, 8], 2, 2, 1);
    await writePng(join(input, 'sub', 'deeper', 'c.png'), [9, 10, 11, 12, 13, 14], 1, 2, 3);
    await writeFile(join(input, 'sub', 'corrupt.png'), 'this is not a PNG');
    await writeFile(join(input, 'notes.txt'), 'not an image, not picked up from a folder');
    const out = join(dir, 'mixed-out');
    await mkdir(out);
    await writeFile(join(out, 'a_0.png'), 'the user’s own file');

    const run = await runCli([
      'augment',
      input,
      '--out',
      out,
      '--pipeline',
      join(dir, 'random.json'),
      '--n',
      '2',
      '--seed',
      '5',
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /corrupt\.png: cannot read/);
    assert.match(run.stderr, /a_0\.png exists; not replaced/);
    assert.equal(await readFile(join(out, 'a_0.png'), 'utf8'), 'the user’s own file');
    assert.deepEqual(await listFiles(out), [
      'a_0.png',
      'a_1.png',
      'manifest.jsonl',
      join('sub', 'b_0.png'),
      join('sub', 'b_1.png'),
      join('sub', 'deeper', 'c_0.png'),
      join('sub', 'deeper', 'c_1.png'),
    ]);
    const c = await readImage(join(out, 'sub', 'deeper', 'c_1.png'));
    assert.deepEqual([c.height, c.width, c.channels], [1, 2, 3]);
    // Not a TTY here: plain progress lines and a summary naming the counts.
    assert.match(run.stderr, /\[4\/4\]/);
    assert.match(run.stdout, /read 3 images, wrote 5, failed 2, [\d.]+ s, [\d.]+ images\/s/);

    const again = await runCli([
      'augment',
      input,
      '--out',
      out,
      '--pipeline',
      join(dir, 'random.json'),
      '--n',
      '2',
      '--seed',
      '5',
    ]);
    // The same command again resumes: the 5 outputs it wrote match manifest.jsonl and are kept; a_0.png (the
    // user's, compared with what this run would write) and corrupt.png still fail.
    assert.equal(again.code, 1);
    assert.match(again.stdout, /read 1 image, wrote 0, kept 5 existing, failed 2/);
    assert.match(again.stderr, /a_0\.png exists; not replaced/);
    assert.equal(await readFile(join(out, 'a_0.png'), 'utf8'), 'the user’s own file');
    const replaced = await runCli([
      'augment',
      join(input, 'a.png'),
      '--out',
      out,
      '--pipeline',
      join(dir, 'random.json'),
      '--seed',
      '5',
      '--overwrite',
    ]);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.equal((await readImage(join(out, 'a_0.png'))).width, 2);
  });

  it('gives byte-identical files for --workers 1 and --workers 2, and different files per variant', async () => {
    const input = join(dir, 'many');
    await mkdir(join(input, 'nested'), { recursive: true });
    for (let i = 0; i < 6; i++) {
      const pixels = Array.from({ length: 8 * 8 * 3 }, (_, j) => (j * 7 + i * 31) % 256);
      await writePng(join(input, i % 2 ? 'nested' : '.', `img${i}.png`), pixels, 8, 8, 3);
    }
    const common = ['--pipeline', join(dir, 'random.json'), '--n', '3', '--seed', '42'];
    const files = await assertSameBytesOnOneAndTwoWorkers(input, join(dir, 'w1'), join(dir, 'w2'), common);
    assert.equal(files.length, 18 + 1); // and manifest.jsonl, the same bytes too
    const v0 = await readFile(join(dir, 'w1', 'img0_0.png'));
    const v1 = await readFile(join(dir, 'w1', 'img0_1.png'));
    assert.ok(!v0.equals(v1), 'variants 0 and 1 of a file should differ');
  });

  it('writes the format asked for', async () => {
    const input = join(dir, 'format');
    await mkdir(input);
    await writePng(join(input, 'x.png'), [0, 64, 128, 255], 2, 2, 1);
    const out = join(dir, 'format-out');
    const run = await runCli([
      'augment',
      input,
      '--out',
      out,
      '--pipeline',
      join(dir, 'random.json'),
      '--format',
      'webp',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await listFiles(out), ['manifest.jsonl', 'x_0.webp']);
    assert.equal((await readFile(join(out, 'x_0.webp'))).subarray(8, 12).toString('latin1'), 'WEBP');
  });

  it('refuses --out equal to an input folder, even with --overwrite, and writes nothing', async () => {
    const input = join(dir, 'self');
    await mkdir(input);
    await writePng(join(input, 'p.png'), [1, 2, 3, 4], 2, 2, 1);
    await writePng(join(input, 'p_0.png'), [9, 9, 9, 9], 2, 2, 1);
    const before = await readFile(join(input, 'p_0.png'));
    const run = await runCli(['augment', input, '--out', input, '--pipeline', join(dir, 'random.json'), '--overwrite']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out .*self is the input folder/);
    assert.ok((await readFile(join(input, 'p_0.png'))).equals(before));
    assert.deepEqual(await listFiles(input), ['p.png', 'p_0.png']);
  });

  it('keeps grey+alpha as grey+alpha and names the 16-bit and multi-page files it converted', async () => {
    const input = join(dir, 'kinds');
    await mkdir(input);
    // 1×3 grey+alpha, flipped: grey [30 20 10], alpha [0 128 255] (alpha moves with its pixel).
    await sharp(Buffer.from([10, 255, 20, 128, 30, 0]), { raw: { width: 3, height: 1, channels: 2 } })
      .toColourspace('b-w')
      .png()
      .toFile(join(input, 'ga.png'));
    await sharp(Buffer.alloc(2 * 2 * 3, 100), { raw: { width: 2, height: 2, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toFile(join(input, 'deep.png'));
    await sharp(Buffer.alloc(2 * 4 * 3, 50), { raw: { width: 2, height: 4, channels: 3, pageHeight: 2 } })
      .tiff()
      .toFile(join(input, 'pages.tif'));
    const flip = join(dir, 'flip.json');
    await writeFile(flip, JSON.stringify({ type: 'Fliplr', p: 1 }));
    const out = join(dir, 'kinds-out');
    const run = await runCli(['augment', input, '--out', out, '--pipeline', flip]);
    assert.equal(run.code, 0, run.stderr);
    const meta = await sharp(join(out, 'ga_0.png')).metadata();
    assert.deepEqual([meta.channels, meta.space], [2, 'b-w']);
    const { data } = await sharp(join(out, 'ga_0.png'))
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const alpha = await sharp(join(out, 'ga_0.png')).extractChannel('alpha').raw().toBuffer();
    assert.deepEqual([...data], [30, 20, 10]);
    assert.deepEqual([...alpha], [0, 128, 255]);
    assert.match(run.stdout, /converted 1 16-bit files to 8 bits: .*deep\.png/);
    assert.match(run.stdout, /used only the first page of 1 multi-page files: .*pages\.tif \(2\)/);
    assert.match(run.stdout, /kept the alpha channel of 1 files unchanged by colour operations .*: .*ga\.png/);
    assert.equal((await readImage(join(out, 'pages_0.png'))).height, 2);
  });

  it('keeps alpha through colour operations, moves it with geometry, and --augment-alpha augments it', async () => {
    const input = join(dir, 'rgba');
    await mkdir(input);
    // 1×2 RGBA: colours 200 60 10 | 100 40 2, alpha 254 | 8; Fliplr(1) then Multiply(0.5).
    await writePng(join(input, 'a.png'), [200, 60, 10, 254, 100, 40, 2, 8], 1, 2, 4);
    const pipeline = ['--pipeline', join(dir, 'flip-half.json'), '--seed', '1'];
    const kept = await runCli(['augment', input, '--out', join(dir, 'rgba-kept'), ...pipeline]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.deepEqual([...(await readImage(join(dir, 'rgba-kept', 'a_0.png'))).data], [50, 20, 1, 8, 100, 30, 5, 254]);
    assert.match(kept.stdout, /kept the alpha channel of 1 files unchanged by colour operations .*a\.png/);
    const old = await runCli(['augment', input, '--out', join(dir, 'rgba-old'), ...pipeline, '--augment-alpha']);
    assert.equal(old.code, 0, old.stderr);
    assert.deepEqual([...(await readImage(join(dir, 'rgba-old', 'a_0.png'))).data], [50, 20, 1, 4, 100, 30, 5, 127]);
    assert.match(old.stdout, /augmented the alpha channel like a colour \(--augment-alpha\) of 1 files: .*a\.png/);
    // grid: the same rule, cell 0 = variant 0.
    const grid = join(dir, 'rgba-grid.png');
    const cell = ['--rows', '1', '--cols', '1', '--scale', '1', '--padding', '0', '--out', grid];
    const g = await runCli(['grid', join(input, 'a.png'), ...pipeline, ...cell]);
    assert.equal(g.code, 0, g.stderr);
    assert.deepEqual([...(await readImage(grid)).data], [50, 20, 1, 8, 100, 30, 5, 254]);
    assert.match(g.stdout, /alpha moved by geometry only/);
    const gOld = await runCli(['grid', join(input, 'a.png'), ...pipeline, ...cell, '--overwrite', '--augment-alpha']);
    assert.equal(gOld.code, 0, gOld.stderr);
    assert.deepEqual([...(await readImage(grid)).data], [50, 20, 1, 4, 100, 30, 5, 127]);
  });

  it('gives the same RGBA bytes for --workers 1 and 2 with geometry and colour mixed', async () => {
    const input = join(dir, 'rgba-many');
    await mkdir(input);
    for (let i = 0; i < 3; i++) {
      const pixels = Array.from({ length: 9 * 7 * 4 }, (_, j) => (j * 13 + i * 29) % 256);
      await writePng(join(input, `p${i}.png`), pixels, 9, 7, 4);
    }
    await writeFile(
      join(dir, 'mixed.json'),
      JSON.stringify({
        type: 'Sequential',
        randomOrder: true,
        children: [
          { type: 'Affine', rotate: [-30, 30], order: 1 },
          { type: 'Multiply', mul: [0.5, 1.5] },
          { type: 'Sometimes', p: 0.5, then: { type: 'Fliplr', p: 1 } },
        ],
      }),
    );
    const common = ['--pipeline', join(dir, 'mixed.json'), '--n', '2', '--seed', '5'];
    const files = await assertSameBytesOnOneAndTwoWorkers(input, join(dir, 'rgba-w1'), join(dir, 'rgba-w2'), common);
    assert.equal(files.length, 6 + 1); // and manifest.jsonl
  });

  it('names the JSON path of a pipeline error and exits 1', async () => {
    const bad = {
      type: 'Sequential',
      children: [
        { type: 'Fliplr', p: 1 },
        { type: 'Multiply', mul: [2, 1] },
      ],
    };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
    const run = await runCli(['augment', dir, '--out', join(dir, 'never'), '--pipeline', join(dir, 'bad.json')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /children\[1\]\.mul: expected .*received \[2, 1\]/);

    await writeFile(
      join(dir, 'typo.json'),
      JSON.stringify({ type: 'Sequential', children: [{ type: 'Fliplr', q: 1 }] }),
    );
    const typo = await runCli(['augment', dir, '--out', join(dir, 'never'), '--pipeline', join(dir, 'typo.json')]);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /children\[0\]\.q: unknown option for Fliplr/);

    const rotate = { type: 'Sequential', children: [{ type: 'Fliplr' }, { type: 'Affine', rotate: 'a lot' }] };
    await writeFile(join(dir, 'rotate.json'), JSON.stringify(rotate));
    const rot = await runCli(['augment', dir, '--out', join(dir, 'never'), '--pipeline', join(dir, 'rotate.json')]);
    assert.equal(rot.code, 1);
    assert.match(rot.stderr, /children\[1\]\.rotate: expected /);

    await writeFile(join(dir, 'syntax.json'), '{ "type": "Multiply", ');
    const syntax = await runCli(['augment', dir, '--out', join(dir, 'never'), '--pipeline', join(dir, 'syntax.json')]);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stderr, /syntax\.json is not valid JSON/);
    await assert.rejects(readdir(join(dir, 'never')), { code: 'ENOENT' });
  });

  it('reports a missing input and still exits 1', async () => {
    const run = await runCli([
      'augment',
      join(dir, 'no-such-folder'),
      '--out',
      join(dir, 'missing-out'),
      '--pipeline',
      join(dir, 'random.json'),
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no-such-folder: no such file or folder/);
  });
});
