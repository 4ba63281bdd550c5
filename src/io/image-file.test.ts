import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { imageFromRows, makeImage } from '../core/image.ts';
import { readImage, writeImage } from './image-file.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-image-file-'));
});
after(async () => {
  await rm(dir, { recursive: true });
});

const gray = imageFromRows([
  [0, 50, 100],
  [150, 200, 255],
]);
const rgba = makeImage(
  Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => (i * 37) % 256),
  2,
  3,
  4,
);
const rgb = makeImage(
  Uint8Array.from({ length: 4 * 5 * 3 }, (_, i) => (i * 11) % 256),
  4,
  5,
  3,
);

describe('writeImage and readImage', () => {
  it('round-trip a gray PNG exactly, as one channel, stored as a gray PNG', async () => {
    const path = join(dir, 'gray.png');
    await writeImage(path, gray);
    const back = await readImage(path);
    assert.deepEqual(back, { data: gray.data, height: 2, width: 3, channels: 1 });
    assert.equal((await sharp(path).metadata()).channels, 1);
  });

  it('round-trip RGB and RGBA PNGs exactly', async () => {
    await writeImage(join(dir, 'rgb.png'), rgb);
    await writeImage(join(dir, 'rgba.png'), rgba);
    assert.deepEqual(await readImage(join(dir, 'rgb.png')), rgb);
    assert.deepEqual(await readImage(join(dir, 'rgba.png')), rgba);
  });

  it('convert channels on request', async () => {
    const asRgb = await readImage(join(dir, 'gray.png'), { channels: 3 });
    assert.equal(asRgb.channels, 3);
    assert.deepEqual([...asRgb.data.subarray(3, 6)], [50, 50, 50]);
    const asRgba = await readImage(join(dir, 'gray.png'), { channels: 4 });
    assert.deepEqual([...asRgba.data.subarray(4, 8)], [50, 50, 50, 255]);
  });

  it('write JPEG and WebP by extension, close to the original', async () => {
    const flat = makeImage(new Uint8Array(16 * 16 * 3).fill(120), 16, 16, 3);
    for (const name of ['flat.jpg', 'flat.webp']) {
      await writeImage(join(dir, name), flat, { quality: 95 });
      const back = await readImage(join(dir, name));
      assert.equal(back.channels, 3);
      assert.ok(
        back.data.every((v) => Math.abs(v - 120) <= 3),
        name,
      );
    }
    const bytes = await readFile(join(dir, 'flat.jpg'));
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8]);
  });

  it('leave no temporary file behind', async () => {
    const names = await readdir(dir);
    assert.ok(names.length > 0);
    assert.deepEqual(
      names.filter((n) => n.endsWith('.tmp') || n.startsWith('.')),
      [],
    );
  });

  it('never replace an existing file unless overwrite is set', async () => {
    const path = join(dir, 'keep.png');
    await writeFile(path, 'precious');
    await assert.rejects(writeImage(path, gray), {
      code: 'EEXIST',
      message: /keep\.png already exists; pass \{ overwrite: true \}/,
    });
    assert.equal(await readFile(path, 'utf8'), 'precious');
    await writeImage(path, gray, { overwrite: true });
    assert.deepEqual((await readImage(path)).data, gray.data);
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('reject float32 images with a hint how to convert', async () => {
    const f = makeImage(new Float32Array(4), 2, 2);
    await assert.rejects(writeImage(join(dir, 'f.png'), f), {
      name: 'TypeError',
      message:
        /^writeImage: image\.data must be a Uint8Array \(0–255\); received a Float32Array of length 4 \(convert float32 images to uint8 first/,
    });
  });

  it('reject unknown extensions and alpha in JPEG', async () => {
    await assert.rejects(
      writeImage(join(dir, 'x.bmp'), gray),
      /path must be a file name ending in \.png, \.jpg, \.jpeg or \.webp/,
    );
    await assert.rejects(
      writeImage(join(dir, 'x.jpg'), rgba),
      /image\.channels must be 1 or 3 for JPEG \(no alpha\); received 4/,
    );
  });

  it('report an unreadable file with its path', async () => {
    const path = join(dir, 'broken.png');
    await writeFile(path, 'not a png');
    await assert.rejects(readImage(path), (error: Error) =>
      error.message.startsWith(`readImage: cannot read ${path}: `),
    );
  });
});
