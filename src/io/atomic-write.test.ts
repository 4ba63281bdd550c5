import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-atomic-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process id that is not running: the largest pid Linux hands out, plus one. */
const DEAD_PID = 4_194_305;

describe('writeFileAtomic', () => {
  it('writes, refuses to replace without overwrite, replaces with it, and leaves no temporary file', async () => {
    const path = join(dir, 'a.bin');
    await writeFileAtomic(path, Uint8Array.of(1, 2));
    await assert.rejects(writeFileAtomic(path, Uint8Array.of(3)), { code: 'EEXIST' });
    assert.deepEqual([...(await readFile(path))], [1, 2]);
    await writeFileAtomic(path, Uint8Array.of(3), { overwrite: true });
    assert.deepEqual([...(await readFile(path))], [3]);
    assert.deepEqual(await readdir(dir), ['a.bin']);
  });

  it('removes its temporary file when the disk fills up while writing it', async (t) => {
    const mount = join(dir, 'small');
    await mkdir(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      t.skip(
        `cannot mount a 64 KB tmpfs here (${(error as Error).message.split('\n')[0]}); the full-disk case is untested`,
      );
      return;
    }
    try {
      // 200 KB into 64 KB: the write of the temporary file itself fails with ENOSPC, part-way.
      await assert.rejects(writeFileAtomic(join(mount, 'big.bin'), new Uint8Array(200_000).fill(7)), {
        code: 'ENOSPC',
      });
      assert.deepEqual(await readdir(mount), []);
      // The space is free again: a small file fits.
      await writeFileAtomic(join(mount, 'small.bin'), Uint8Array.of(1));
      assert.deepEqual(await readdir(mount), ['small.bin']);
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});

describe('removeStaleTempFiles', () => {
  it('removes temporary files of dead processes, old-style ones and day-old ones, and keeps everything else', async () => {
    const folder = join(dir, 'stale');
    await mkdir(folder);
    const names = {
      dead: `.cat_0.png.${DEAD_PID}-0123456789ab.tmp`,
      oldStyle: '.cat_1.png.a1b2c3d4e5f6.tmp',
      mine: `.cat_2.png.${process.pid}-0123456789ab.tmp`,
      mineOld: `.cat_3.png.${process.pid}-ba9876543210.tmp`,
      user: '.notes.tmp',
      userHex: 'cat.png.0123456789ab.tmp',
      image: 'cat_0.png',
    };
    for (const name of Object.values(names)) await writeFile(join(folder, name), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(join(folder, names.mineOld), twoDaysAgo, twoDaysAgo);
    const removed = await removeStaleTempFiles(folder);
    assert.deepEqual(removed.sort(), [names.dead, names.oldStyle, names.mineOld].sort());
    assert.deepEqual((await readdir(folder)).sort(), [names.mine, names.user, names.userHex, names.image].sort());
    assert.deepEqual(await removeStaleTempFiles(join(dir, 'no-such-folder')), []);
  });
});
