import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeImage } from '../core/image.ts';
import { writeImage } from '../io/image-file.ts';
import { DataLoader } from './data-loader.ts';
import { ImageFolder } from './image-folder.ts';

let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'augkit-folder-'));
  const rgb = (h: number, w: number, v: number) => makeImage(new Uint8Array(h * w * 3).fill(v), h, w, 3);
  await mkdir(join(root, 'dogs', 'nested'), { recursive: true });
  await mkdir(join(root, 'cats'));
  await mkdir(join(root, '.hidden'));
  await writeImage(join(root, 'dogs', 'b.png'), rgb(4, 6, 200));
  await writeImage(join(root, 'dogs', 'nested', 'c.webp'), rgb(8, 8, 100), { lossless: true });
  await writeImage(join(root, 'cats', 'a.png'), rgb(3, 3, 10));
  await writeFile(join(root, 'cats', 'notes.txt'), 'not an image');
  await writeImage(join(root, '.hidden', 'x.png'), rgb(3, 3, 1));
});
after(async () => {
  await rm(root, { recursive: true });
});

describe('ImageFolder', () => {
  it('labels sub-folders in sorted order and lists images recursively, skipping others', () => {
    const ds = new ImageFolder(root);
    assert.deepEqual(ds.classNames, ['cats', 'dogs']);
    assert.deepEqual(
      ds.files.map((f) => [f.path.slice(root.length + 1), f.label]),
      [
        ['cats/a.png', 0],
        ['dogs/b.png', 1],
        ['dogs/nested/c.webp', 1],
      ],
    );
  });

  it('decodes lazily with sharp, at each file size by default', async () => {
    const ds = new ImageFolder(root);
    const { image, label, index, path } = await ds.get(1);
    assert.deepEqual([image.height, image.width, image.channels, label, index], [4, 6, 3, 1, 1]);
    assert.ok(image.data.every((v) => v === 200));
    assert.ok(path.endsWith('b.png'));
  });

  it('resizes to a fixed size so that the DataLoader can stack a batch', async () => {
    const ds = new ImageFolder(root, { resize: { height: 5, width: 5 }, channels: 1 });
    const loader = new DataLoader(ds, { batchSize: 3 });
    for await (const batch of loader) {
      const images = batch.images as { n: number; height: number; width: number; channels: number; data: Uint8Array };
      assert.deepEqual([images.n, images.height, images.width, images.channels], [3, 5, 5, 1]);
      assert.deepEqual([...batch.labels], [0, 1, 1]);
      assert.equal(images.data[0], 10);
      assert.equal(images.data[25], 200);
    }
  });

  it('gives a clear error when sizes differ and no resize is set', async () => {
    const loader = new DataLoader(new ImageFolder(root), { batchSize: 3 });
    await assert.rejects(async () => {
      for await (const _ of loader) {
      }
    }, /dataset images must be of one size to be stacked \(resize them, e\.g\. ImageFolder's resize option/);
  });

  it('names the file that cannot be decoded', async () => {
    const dir = join(root, '..', `${root.split('/').at(-1)}-bad`);
    await mkdir(join(dir, 'broken'), { recursive: true });
    await writeFile(join(dir, 'broken', 'bad.png'), 'garbage');
    try {
      await assert.rejects(
        new ImageFolder(dir).get(0),
        /ImageFolder: cannot decode .*broken\/bad\.png: not an image in a format augkit reads/,
      );
      // A file gone since the listing (here a link to nothing) is said to be missing, not an unsupported format.
      await symlink('nowhere.png', join(dir, 'broken', 'gone.png'));
      await assert.rejects(new ImageFolder(dir).get(1), /cannot decode .*gone\.png: no such file or folder$/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rejects a root that is not a folder or holds no images', () => {
    assert.throws(
      () => new ImageFolder(join(root, 'missing')),
      /ImageFolder: root must be a folder of class sub-folders; .*\(not a folder\)/,
    );
    assert.throws(() => new ImageFolder(join(root, 'dogs', 'nested')), /\(no images found\)/);
  });
});
