import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { runCli } from './run-cli.ts';

const FIGURES = [
  '01-original.png',
  '02-affine-scale-2.png',
  '03-affine-translate-px-10.png',
  '04-affine-translate-px-xy.png',
  '05-fit-output.png',
  '06-rotate-cval-255.png',
  '07-modes.png',
  '08-rotate-draws.png',
  '09-multiply.png',
  '10-linear-contrast.png',
  '11-gaussian-blur.png',
  '12-dropout.png',
  '13-salt-and-pepper.png',
  '14-sequential.png',
  '15-batch-timing.png',
  '16-labels.png',
];

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-cli-demo-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('augkit demo', () => {
  it('writes the 16 figures and an HTML page that shows them, offline', async () => {
    const out = join(dir, 'demo');
    // No data folders: the loader falls back to the sample committed in the repository.
    const run = await runCli(['demo', '--out', out], { timeout: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Open ${join(out, 'index.html').replace(/[.\\]/g, '\\$&')}`));
    assert.match(run.stdout, /Batch timing: 32 images, [\d.]+ ms one call each, [\d.]+ ms in one batch call/);
    const files = (await readdir(out)).filter((f) => f.endsWith('.png')).sort();
    assert.deepEqual(files, FIGURES);
    for (const f of FIGURES) {
      const meta = await sharp(join(out, f)).metadata();
      assert.equal(meta.format, 'png', f);
      assert.ok((meta.width ?? 0) >= 100 && (meta.height ?? 0) >= 100, `${f} is ${meta.width}×${meta.height}`);
    }
    const html = await readFile(join(out, 'index.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<\/html>\n$/);
    const sources = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(sources, FIGURES);
    assert.equal((html.match(/<figcaption>/g) ?? []).length, 16);
    assert.match(html, /Fashion-MNIST training image 0/);
    assert.match(html, /one batch call/);
  });

  it('runs on the user’s photo, and refuses a folder that holds someone else’s files', async () => {
    const photo = join(dir, 'photo.png');
    const pixels = Buffer.alloc(40 * 60 * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 13) % 256;
    await sharp(pixels, { raw: { width: 60, height: 40, channels: 3 } })
      .png()
      .toFile(photo);
    const theirs = join(dir, 'theirs');
    await mkdir(theirs);
    await writeFile(join(theirs, 'index.html'), 'mine');
    const refused = await runCli(['demo', '--out', theirs, '--image', photo]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /holds other files and was not made by "augkit demo"/);
    assert.equal(await readFile(join(theirs, 'index.html'), 'utf8'), 'mine');

    const out = join(dir, 'photo-demo');
    const run = await runCli(['demo', '--out', out, '--image', photo], { timeout: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.match(await readFile(join(out, 'index.html'), 'utf8'), /photo\.png \(60×40, 3 channels\)/);
    const again = await runCli(['demo', '--out', out, '--image', photo], { timeout: 120_000 });
    assert.equal(again.code, 0, 'a folder the demo made may be rewritten');
  });
});
