import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UsageError } from './command.ts';
import { collectInputs } from './inputs.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-inputs-'));
  // in/a.png, in/sub/b.jpg, in/sub/up -> .. (a loop), in/sub/again -> ../sub (a second way in), in/dead.png -> nothing,
  // in/notes.txt, in/x.bmp, in/.hidden.png, in/out/ (an output folder inside the input)
  await mkdir(join(dir, 'in', 'sub'), { recursive: true });
  await mkdir(join(dir, 'in', 'out'));
  for (const f of ['a.png', 'sub/b.jpg', 'notes.txt', 'x.bmp', '.hidden.png', 'out/a_0.png']) {
    await writeFile(join(dir, 'in', f), 'bytes are not read here');
  }
  await symlink('..', join(dir, 'in', 'sub', 'up'));
  await symlink('../sub', join(dir, 'in', 'sub', 'again'));
  await symlink('nowhere.png', join(dir, 'in', 'dead.png'));
  await mkdir(join(dir, 'other', 'sub'), { recursive: true });
  await writeFile(join(dir, 'other', 'a.png'), '');
  await writeFile(join(dir, 'other', 'sub', 'b.jpg'), '');
  await symlink(join(dir, 'in'), join(dir, 'in-link'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectInputs', () => {
  it('searches each real folder once, leaves out --out, lists other formats and reports dead links', async () => {
    const found = await collectInputs(['in'], dir, join(dir, 'in', 'out'), 'augment');
    assert.deepEqual(
      found.files.map((f) => [f.display, f.stem]),
      [
        [join('in', 'a.png'), 'a'],
        [join('in', 'sub', 'b.jpg'), join('sub', 'b')],
      ],
    );
    assert.deepEqual(found.revisits.sort(), [join('in', 'sub', 'again'), join('in', 'sub', 'up')]);
    assert.deepEqual(found.skipped, [join('in', 'notes.txt'), join('in', 'x.bmp')]);
    assert.deepEqual(found.problems, [
      { display: join('in', 'dead.png'), message: 'a link to nothing (or a loop of links); skipped' },
    ]);
  });

  it('puts each folder below its name when there are several inputs, so equal names do not collide', async () => {
    const found = await collectInputs(['in', 'other'], dir, join(dir, 'elsewhere'), 'augment');
    const stems = found.files.map((f) => f.stem);
    assert.deepEqual(stems, [
      join('in', 'a'),
      join('in', 'out', 'a_0'),
      join('in', 'sub', 'b'),
      join('other', 'a'),
      join('other', 'sub', 'b'),
    ]);
    assert.equal(new Set(stems).size, stems.length);
  });

  it('refuses --out equal to an input folder, a link to one, or holding one', async () => {
    for (const [out, message] of [
      [join(dir, 'in'), /is the input folder in$/],
      [join(dir, 'in-link'), /is the input folder in \(a link to it\)|is the input folder in$/],
      [dir, /the input folder in lies inside --out/],
    ] as const) {
      await assert.rejects(collectInputs(['in'], dir, out, 'augment'), (e: Error) => {
        assert.ok(e instanceof UsageError);
        assert.match(e.message, message);
        return true;
      });
    }
    // Through the link the input is the same folder as --out.
    await assert.rejects(collectInputs(['in-link'], dir, join(dir, 'in'), 'augment'), /is the input folder in-link/);
  });

  it('reports a missing input and finds nothing in an empty folder', async () => {
    await mkdir(join(dir, 'empty'));
    const found = await collectInputs(['empty', 'missing'], dir, join(dir, 'o'), 'augment');
    assert.deepEqual(found.files, []);
    assert.deepEqual(found.problems, [{ display: 'missing', message: 'no such file or folder' }]);
  });
});
