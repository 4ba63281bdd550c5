import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registry } from '../../src/augmenters/index.ts';
import { SUMMARIES } from '../../src/cli/command.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import * as iaa from '../../src/index.ts';
import { readImage } from '../../src/io/image-file.ts';
import { ROOT, runCli, writePng } from './run-cli.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-cli-main-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('augkit usage errors', () => {
  it('exits 2 with a usage hint on an unknown flag', async () => {
    const run = await runCli(['augment', 'x', '--out', 'y', '--nn', '3']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown option '--nn'/);
    assert.match(run.stderr, /Usage: augkit augment <inputs\.\.\.> --out DIR/);
  });

  it('exits 2 when an option has no value', async () => {
    const run = await runCli(['grid', 'a.png', '--rows']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--rows <value>' argument missing/);
  });

  it('exits 2 on a bad number, a missing --out, a missing input and an unknown preset', async () => {
    for (const [args, message] of [
      [['augment', 'x', '--out', 'y', '--n', '0'], /--n must be an integer from 1 to 100000; received "0"/],
      [['augment', 'x', '--out', 'y', '--workers', 'two'], /--workers must be an integer/],
      [['augment', 'x'], /missing --out DIR/],
      [['augment', '--out', 'y'], /missing inputs/],
      [['augment', 'x', '--out', 'y', '--preset', 'wild'], /unknown preset "wild" \(presets: light, medium/],
      [['augment', 'x', '--out', 'y', '--format', 'gif'], /--format must be one of png, jpeg, webp/],
      [['list', 'extra'], /unexpected argument: extra/],
    ] as const) {
      const run = await runCli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
  });

  it('exits 2 on an unknown command or none', async () => {
    const unknown = await runCli(['augmnt']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "augmnt"/);
    const none = await runCli([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: augkit <command>/);
  });
});

describe('augkit --help', () => {
  it('lists every command of the table', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.code, 0);
    for (const name of Object.keys(COMMANDS)) assert.match(run.stdout, new RegExp(`^  ${name} `, 'm'));
  });

  it('takes the summaries from one list with the same commands as the table, loading none of them', async () => {
    assert.deepEqual(Object.keys(SUMMARIES).sort(), Object.keys(COMMANDS).sort());
    for (const [name, load] of Object.entries(COMMANDS)) {
      assert.equal((await load()).command.summary, SUMMARIES[name as keyof typeof SUMMARIES], name);
    }
    // The top help imports no command module: sharp's native library (libvips) stays unloaded.
    const probe = [
      `const { main } = await import(${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))});`,
      'const sink = { write: () => true };',
      "await main(['--help'], { stdout: sink, stderr: sink, cwd: '.' });",
      'const loaded = process.report.getReport().sharedObjects.filter((f) => /sharp|vips/.test(f));',
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const loaded = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT }, (e, out) =>
        e ? reject(e) : resolve(out),
      ),
    );
    assert.deepEqual(JSON.parse(loaded), []);
  });

  it('shows each command’s usage and options', async () => {
    for (const name of Object.keys(COMMANDS)) {
      const run = await runCli([name, '--help']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Usage: augkit ${name}`));
      assert.match(run.stdout, /--help/);
    }
  });

  it('runs through the package bin', async () => {
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin', 'augkit.js'), 'list'], { cwd: dir }, (error, stdout) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout }),
      );
    });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Multiply +pixel +mul\*=\[0\.8,1\.2\]/m);
  });
});

describe('augkit list', () => {
  it('shows every registered augmenter with its kind and options', async () => {
    const run = await runCli(['list', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const list = JSON.parse(run.stdout) as { type: string; kind: string; options: { name: string }[] }[];
    assert.deepEqual(list.map((a) => a.type).sort(), [...registry.keys()].sort());
    for (const a of list) {
      const entry = registry.get(a.type);
      assert.equal(a.kind, entry?.kind);
      assert.deepEqual(
        a.options.map((o) => o.name),
        entry?.keys,
      );
    }
    const text = await runCli(['list']);
    assert.match(text.stdout, /^Sequential +meta +children\*=\[\], randomOrder=false$/m);
  });
});

describe('augkit grid', () => {
  it('draws rows × cols variants equal to augment’s variants, in order', async () => {
    await writePng(join(dir, 'g.png'), [0, 50, 100, 150, 200, 250], 2, 3, 1);
    const spec = {
      type: 'Sequential',
      children: [
        { type: 'Multiply', mul: [0.2, 1.0] },
        { type: 'Fliplr', p: 0.5 },
      ],
    };
    await writeFile(join(dir, 'g.json'), JSON.stringify(spec));
    const pipeline = ['--pipeline', join(dir, 'g.json'), '--seed', '9'];
    const grid = await runCli([
      'grid',
      join(dir, 'g.png'),
      ...pipeline,
      '--rows',
      '2',
      '--cols',
      '3',
      '--scale',
      '1',
      '--padding',
      '1',
      '--out',
      join(dir, 'grid.png'),
    ]);
    assert.equal(grid.code, 0, grid.stderr);
    const aug = await runCli(['augment', join(dir, 'g.png'), '--out', join(dir, 'g-out'), ...pipeline, '--n', '6']);
    assert.equal(aug.code, 0, aug.stderr);
    const image = await readImage(join(dir, 'grid.png'));
    // 2 rows of 2-pixel cells and 3 columns of 3-pixel cells, 1 pixel of padding between and around.
    assert.deepEqual([image.height, image.width], [2 * 2 + 3, 3 * 3 + 4]);
    const seen = new Set<string>();
    for (let k = 0; k < 6; k++) {
      const variant = await readImage(join(dir, 'g-out', `g_${k}.png`));
      const y0 = 1 + Math.floor(k / 3) * 3;
      const x0 = 1 + (k % 3) * 4;
      const cell: number[] = [];
      for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) cell.push(image.data[(y0 + y) * image.width + x0 + x]);
      assert.deepEqual(cell, [...variant.data], `cell ${k}`);
      seen.add(cell.join(','));
    }
    assert.ok(seen.size > 1, 'the cells should differ');
    assert.equal(image.data[0], 255, 'padding is white');

    const again = await runCli(['grid', join(dir, 'g.png'), ...pipeline, '--out', join(dir, 'grid.png')]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /grid\.png exists; pass --overwrite/);
    assert.ok((await readFile(join(dir, 'grid.png'))).length > 0);
  });
});
