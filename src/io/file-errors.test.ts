import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { plainFileError } from '../core/file-errors.ts';
import { readImage } from './image-file.ts';

const errno = (code: string, message = `${code}: something, open '/x'`) => Object.assign(new Error(message), { code });

describe('plainFileError', () => {
  it('says what a file-system error code means', () => {
    assert.equal(plainFileError(errno('EACCES')), 'permission denied');
    assert.equal(plainFileError(errno('ENOSPC')), 'no space left on the device');
    assert.equal(plainFileError(errno('EISDIR')), 'is a folder, not a file');
    assert.equal(plainFileError(errno('ELOOP')), 'too many levels of symbolic links');
  });

  it('translates libvips messages and keeps other messages to one line', () => {
    assert.equal(plainFileError(new Error('vipspng: libpng read error')), 'the file is truncated or corrupt');
    assert.equal(
      plainFileError(new Error('Warning treated as error due to failOn setting')),
      'the file is truncated or corrupt',
    );
    assert.equal(plainFileError(new Error('Input Buffer is empty')), 'the file is empty');
    assert.match(plainFileError(new Error('Input buffer contains unsupported image format')), /^not an image/);
    assert.equal(plainFileError(new Error('first line\nsecond line')), 'first line');
  });

  it('is what readImage reports for empty, truncated, non-image files and folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'augkit-file-errors-'));
    try {
      const png = await sharp(Buffer.alloc(16 * 16 * 3, 90), { raw: { width: 16, height: 16, channels: 3 } })
        .png()
        .toBuffer();
      const cases: [string, string | Buffer, RegExp][] = [
        ['empty.png', '', /: the file is empty$/],
        ['text.png', 'hello', /: not an image in a format augkit reads/],
        ['cut.png', png.subarray(0, png.length - 30), /: the file is truncated or corrupt$/],
      ];
      for (const [name, bytes, expected] of cases) {
        await writeFile(join(dir, name), bytes);
        await assert.rejects(readImage(join(dir, name)), (e: Error) => {
          assert.match(e.message, expected);
          assert.ok(e.message.startsWith(`readImage: cannot read ${join(dir, name)}: `));
          return true;
        });
      }
      await assert.rejects(readImage(dir), /: is a folder, not a file$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
