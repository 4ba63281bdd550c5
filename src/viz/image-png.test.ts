import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { type Image, makeImage } from '../core/image.ts';
import { encodePng, savePng } from './image-png.ts';

/**
 * Decodes a PNG back to raw pixels with the file's channel count. sharp decodes gray files to sRGB (and its
 * b-w conversion drops alpha), so gray files are decoded as RGB(A) and reduced to gray (+ alpha) here.
 */
async function decode(png: Buffer): Promise<Image<Uint8Array>> {
  const meta = await sharp(png).metadata();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  if (meta.space !== 'b-w') return makeImage(new Uint8Array(data), info.height, info.width, info.channels);
  const channels = meta.hasAlpha ? 2 : 1;
  const out = new Uint8Array(info.width * info.height * channels);
  for (let p = 0; p < info.width * info.height; p++) {
    out[p * channels] = data[p * info.channels];
    if (meta.hasAlpha) out[p * channels + 1] = data[p * info.channels + info.channels - 1];
  }
  return makeImage(out, info.height, info.width, channels);
}

describe('encodePng', () => {
  for (const channels of [1, 2, 3, 4]) {
    it(`round-trips a ${channels}-channel uint8 image byte for byte`, async () => {
      const data = new Uint8Array(3 * 2 * channels).map((_, i) => (i * 37 + 11) % 256);
      const image = makeImage(data, 3, 2, channels);
      const png = await encodePng(image);
      const meta = await sharp(png).metadata();
      assert.equal(meta.format, 'png');
      assert.equal(meta.channels, channels);
      const back = await decode(png);
      assert.deepEqual([back.height, back.width, back.channels], [3, 2, channels]);
      assert.deepEqual(Array.from(back.data), Array.from(data));
    });
  }

  it('upscales with nearest neighbour before encoding', async () => {
    const back = await decode(await encodePng(makeImage(new Uint8Array([10, 250]), 1, 2), { scale: 2 }));
    assert.deepEqual([back.height, back.width], [2, 4]);
    assert.deepEqual(Array.from(back.data), [10, 10, 250, 250, 10, 10, 250, 250]);
  });

  it('encodes float32 images as 0–1 intensities', async () => {
    const back = await decode(await encodePng(makeImage(new Float32Array([0, 0.5, 1, 2]), 2, 2)));
    assert.deepEqual(Array.from(back.data), [0, 128, 255, 255]);
  });

  it('encodes an image that is a view into a larger buffer', async () => {
    const buffer = new Uint8Array([99, 99, 1, 2, 3, 4, 99]);
    const back = await decode(await encodePng(makeImage(buffer.subarray(2, 6), 2, 2)));
    assert.deepEqual(Array.from(back.data), [1, 2, 3, 4]);
  });

  it('rejects a bad scale and more than 4 channels', async () => {
    const image = makeImage(new Uint8Array(1), 1, 1);
    await assert.rejects(encodePng(image, { scale: 0 }), /encodePng: scale must be a positive integer; received 0/);
    await assert.rejects(
      encodePng(makeImage(new Uint8Array(5), 1, 1, 5)),
      /encodePng: image\.channels must be an integer in 1–4/,
    );
  });
});

describe('savePng', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'augkit-png-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a PNG that reads back to the same pixels and leaves no temporary file', async () => {
    const image = makeImage(new Uint8Array([0, 64, 128, 255, 1, 2]), 1, 2, 3);
    const path = join(dir, 'rgb.png');
    await savePng(path, image, { scale: 3 });
    const back = await decode(await readFile(path));
    assert.deepEqual([back.height, back.width, back.channels], [3, 6, 3]);
    assert.deepEqual(Array.from(back.data.subarray(0, 6)), [0, 64, 128, 0, 64, 128]);
    assert.deepEqual(Array.from(back.data.subarray(back.data.length - 3)), [255, 1, 2]);
    assert.deepEqual(await readdir(dir), ['rgb.png']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'replace.png');
    await writeFile(path, 'old');
    await savePng(path, makeImage(new Uint8Array([42]), 1, 1));
    assert.deepEqual(Array.from((await decode(await readFile(path))).data), [42]);
  });

  it('fails without leaving a temporary file when the folder does not exist', async () => {
    await assert.rejects(savePng(join(dir, 'missing', 'x.png'), makeImage(new Uint8Array([1]), 1, 1)), /ENOENT/);
    const leftovers = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  it('keeps an existing file when overwrite is false', async () => {
    const path = join(dir, 'keep.png');
    await writeFile(path, 'old');
    await assert.rejects(savePng(path, makeImage(new Uint8Array([1]), 1, 1), { overwrite: false }), { code: 'EEXIST' });
    assert.equal(await readFile(path, 'utf8'), 'old');
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });
});
