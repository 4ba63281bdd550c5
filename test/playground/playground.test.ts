// The playground in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): augmenters added
// through the page give Node's bytes in every cell and, exported as JSON, `augkit augment`'s bytes; the astronaut's
// boxes and keypoints are moved and drawn as in Node (drawLabels); a broken import shows the library's error with its JSON path
// and the page keeps working; the URL hash round-trips a nested pipeline; every control has a name. The run writes a
// screenshot (tmp/playground.png, not committed) and checks that it shows photos.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { hashOf, specFromHash } from '../../playground/src/pipeline.ts';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/cli/playground-server.ts';
import * as iaa from '../../src/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { CHROMIUM, NESTED_PIPELINE, cellHashes, chromiumSkip, readPhoto, rgbaHash, waitForRun } from './page.ts';

const skip = chromiumSkip('the playground’s headless-Chromium tests');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = join(ROOT, 'playground/samples');
const SCREENSHOT = join(ROOT, 'tmp/playground.png');

/** Adds an augmenter through the search box and its button in the list. */
async function addAugmenter(page: Page, type: string): Promise<void> {
  await page.fill('#search', type);
  await page.click(`#catalogue button[data-type="${type}"]`);
}

/** The field of option `option` of the last node of type `type`. */
function field(page: Page, type: string, option: string) {
  const node = page
    .locator('li.node', { has: page.locator(`:scope > fieldset > legend .type:text-is("${type}")`) })
    .last();
  return node.locator(`:scope > fieldset [data-option="${option}"]`).first();
}

/** Node's variants k = 0…n−1 of `photo` (epoch k, index 0), as canvas pixel hashes. */
function nodeHashes(aug: iaa.Augmenter, photo: iaa.Image, n: number): string[] {
  return Array.from({ length: n }, (_, k) => rgbaHash(aug.augmentImage(photo, { epoch: k, index: 0 })));
}

describe('the playground in headless Chromium', { skip }, () => {
  let server: PlaygroundServer;
  let browser: Browser;
  const errors: string[] = [];

  async function open(query = '', hash = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    await page.goto(`${server.url}${query}${hash}`);
    return page;
  }

  before(async () => {
    server = await startPlaygroundServer(0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    assert.deepEqual(errors, [], 'the pages logged errors');
  });

  it('draws Node’s bytes for Affine and GaussianBlur added in the page, and augkit augment gives them for its JSON', async () => {
    const page = await open('?sample=astronaut');
    await addAugmenter(page, 'Affine');
    await field(page, 'Affine', 'rotate').locator('input').fill('[-30, 30]');
    await addAugmenter(page, 'GaussianBlur');
    await field(page, 'GaussianBlur', 'sigma').locator('input').fill('[0, 2]');
    await page.fill('#seed', '7');
    const spec = {
      type: 'Sequential',
      children: [
        { type: 'Affine', rotate: [-30, 30] },
        { type: 'GaussianBlur', sigma: [0, 2] },
      ],
      seed: 7,
    };
    await waitForRun(page, spec);
    const cells = await cellHashes(page);
    assert.equal(cells.length, 6);
    // Node, from a pipeline written here (not read from the page).
    const photo = await readPhoto(join(SAMPLES, 'astronaut.png'));
    const aug = iaa.Sequential([iaa.Affine({ rotate: [-30, 30] }), iaa.GaussianBlur({ sigma: [0, 2] })], { seed: 7 });
    assert.deepEqual(cells, nodeHashes(aug, photo, 6), 'the page’s cells differ from Node’s variants');
    assert.equal(new Set(cells).size, 6, 'some variants are the same');
    // Each augmenter's time per image is shown in its legend.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('legend .time')).every((e) => /ms\/image/.test(e.textContent ?? '')),
    );

    // The exported file, run by the command line on the same photo.
    const dir = mkdtempSync(join(tmpdir(), 'augkit-playground-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
      const file = join(dir, 'pipeline.json');
      await download.saveAs(file);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), spec);
      const run = await runCli([
        'augment',
        join(SAMPLES, 'astronaut.png'),
        '--pipeline',
        file,
        '--n',
        '6',
        '--out',
        join(dir, 'out'),
      ]);
      assert.equal(run.code, 0, run.stderr);
      const outputs = readdirSync(join(dir, 'out'))
        .filter((name) => name.endsWith('.png'))
        .sort();
      assert.equal(outputs.length, 6);
      const cli = await Promise.all(outputs.map(async (name) => rgbaHash(await readPhoto(join(dir, 'out', name)))));
      assert.deepEqual(cli, cells, 'augkit augment --pipeline differs from the page');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  it('draws the astronaut’s boxes and keypoints where Node moves them (with drawLabels), and a screenshot shows photos', async () => {
    const page = await open();
    await addAugmenter(page, 'Affine');
    await field(page, 'Affine', 'rotate').locator('input').fill('[-20, 20]');
    await field(page, 'Affine', 'scale').locator('input').fill('[0.8, 1.1]');
    const spec = { type: 'Sequential', children: [{ type: 'Affine', scale: [0.8, 1.1], rotate: [-20, 20] }], seed: 1 };
    await waitForRun(page, spec);
    const photo = await readPhoto(join(SAMPLES, 'astronaut.png'));
    const labels = JSON.parse(readFileSync(join(SAMPLES, 'astronaut.labels.json'), 'utf8'));
    const aug = iaa.fromJSON(spec);
    const drawn = await page.$$eval('#grid figure', (figures) =>
      figures.map((f) => JSON.parse((f as HTMLElement).dataset.labels ?? 'null')),
    );
    assert.equal(drawn.length, 6);
    drawn.forEach((moved, k) => {
      const out = aug.augment({ image: photo, ...labels }, { epoch: k, index: 0 });
      assert.deepEqual(moved, { boundingBoxes: out.boundingBoxes, keypoints: out.keypoints }, `variant ${k}`);
    });
    assert.deepEqual(await cellHashes(page), nodeHashes(aug, photo, 6), 'labels changed the pixels');
    // Over each cell, the variant with its labels drawn by augkit's drawLabels (what augkit grid --labels draws).
    const withLabels = drawn.map((_, k) => {
      const out = aug.augment({ image: photo, ...labels }, { epoch: k, index: 0 });
      return rgbaHash(iaa.drawLabels(out.image, out));
    });
    assert.deepEqual(await cellHashes(page, '#grid canvas.labels'), withLabels);

    // Every control has a name a screen reader can say: a label, aria-label or its text.
    const unnamed = await page.$$eval('input, select, textarea, button', (controls) =>
      controls
        .filter(
          (c) => !((c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || c.textContent?.trim()),
        )
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);

    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`# the playground's screenshot: ${SCREENSHOT}`);
    const grid = await sharp(await page.locator('#grid').screenshot())
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const colours = new Set<number>();
    for (let i = 0; i < grid.data.length; i += 3)
      colours.add((grid.data[i] << 16) | (grid.data[i + 1] << 8) | grid.data[i + 2]);
    assert.ok(colours.size > 5000, `the grid's screenshot has ${colours.size} colours: blank?`);
    const stats = await sharp(SCREENSHOT).stats();
    assert.ok(
      stats.channels.every((c) => c.stdev > 20),
      'the page screenshot is nearly uniform: blank?',
    );
    await page.close();
  });

  it('shows the library’s error with its JSON path for a broken import and a bad field, and keeps working', async () => {
    const page = await open('?sample=fashion-mnist-ankle-boot');
    await waitForRun(page, { type: 'Sequential', children: [], seed: 1 });
    const broken = { type: 'Sequential', children: [{ type: 'Fliplr' }, { type: 'Affine', rotate: [30, -30] }] };
    let message = '';
    try {
      iaa.fromJSON(broken);
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /^children\[1\]\.rotate: /);
    await page.fill('#import-text', JSON.stringify(broken));
    await page.click('#import');
    assert.equal(await page.textContent('#import-error'), `The pasted pipeline: ${message}`);
    await page.fill('#import-text', '{ "type": "Sequential", ');
    await page.click('#import');
    assert.match((await page.textContent('#import-error')) ?? '', /^The pasted pipeline is not valid JSON: /);

    // From the keyboard: the search box's Enter adds the first match.
    await page.focus('#search');
    await page.keyboard.type('Fliplr');
    await page.keyboard.press('Enter');
    await waitForRun(page, { type: 'Sequential', children: [{ type: 'Fliplr' }], seed: 1 });
    // Reordered and removed from the keyboard, with the buttons' names.
    await page.focus('#search');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Flipud');
    await page.keyboard.press('Enter');
    await waitForRun(page, { type: 'Sequential', children: [{ type: 'Fliplr' }, { type: 'Flipud' }], seed: 1 });
    await page.getByRole('button', { name: 'Move Flipud up' }).focus();
    await page.keyboard.press('Enter');
    await waitForRun(page, { type: 'Sequential', children: [{ type: 'Flipud' }, { type: 'Fliplr' }], seed: 1 });
    await page.getByRole('button', { name: 'Remove Flipud' }).focus();
    await page.keyboard.press('Space');
    await waitForRun(page, { type: 'Sequential', children: [{ type: 'Fliplr' }], seed: 1 });
    // A value out of range: the library's error at the field, the grid keeps the last good pipeline.
    await field(page, 'Fliplr', 'p').locator('input').fill('2');
    await page.waitForFunction(() => document.getElementById('grid')?.dataset.state === 'error');
    const fieldError = (await field(page, 'Fliplr', 'p').locator('.field-error').textContent()) ?? '';
    assert.match(fieldError, /^children\[0\]\.p: .*received 2/);
    assert.equal(await field(page, 'Fliplr', 'p').locator('input').getAttribute('aria-invalid'), 'true');
    await field(page, 'Fliplr', 'p').locator('input').fill('0.5');
    const spec = { type: 'Sequential', children: [{ type: 'Fliplr', p: 0.5 }], seed: 1 };
    await waitForRun(page, spec);
    const photo = await readPhoto(join(SAMPLES, 'fashion-mnist-ankle-boot.png'));
    assert.equal(photo.channels, 1);
    assert.deepEqual(await cellHashes(page), nodeHashes(iaa.fromJSON(spec), photo, 6));
    await page.close();
  });

  it('runs on a photo from the file picker, showing progress image by image', async () => {
    const spec = {
      type: 'Sequential',
      children: [{ type: 'ElasticTransformation', alpha: [20, 40], sigma: 5 }],
      seed: 2,
    };
    const page = await open('?sample=fashion-mnist-dress', hashOf(spec));
    await waitForRun(page, spec);
    // Every value the progress bar takes while the cells are drawn.
    await page.evaluate(`(() => {
      const bar = document.getElementById('progress');
      window.progressSeen = [];
      new MutationObserver(() => {
        if (document.getElementById('status').textContent.startsWith('Drew')) window.progressSeen.push(bar.value);
      }).observe(bar, { attributes: true });
    })()`);
    const file = join(ROOT, 'data-sample/photos/coffee.png');
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => document.getElementById('photo-info')?.textContent?.startsWith('coffee.png'));
    await waitForRun(page, spec);
    const photo = await readPhoto(file);
    assert.deepEqual(await cellHashes(page), nodeHashes(iaa.fromJSON(spec), photo, 6));
    const seen = (await page.evaluate('window.progressSeen')) as number[];
    assert.deepEqual(seen.filter((v) => v > 0).slice(0, 6), [1, 2, 3, 4, 5, 6]);
    await page.close();
  });

  it('round-trips a nested pipeline through the URL hash', async () => {
    const page = await open('?sample=fashion-mnist-t-shirt', hashOf(NESTED_PIPELINE));
    await waitForRun(page, NESTED_PIPELINE);
    assert.equal(await page.locator('li.node').count(), 10);
    const cells = await cellHashes(page);
    const photo = await readPhoto(join(SAMPLES, 'fashion-mnist-t-shirt.png'));
    assert.deepEqual(cells, nodeHashes(iaa.fromJSON(NESTED_PIPELINE), photo, 6));
    // The page's own URL holds the pipeline; a new page opened at it shows the same.
    const url = page.url();
    assert.deepEqual(specFromHash(new URL(url).hash), NESTED_PIPELINE);
    const again = await browser.newPage();
    await again.goto(url);
    await waitForRun(again, NESTED_PIPELINE);
    assert.deepEqual(await cellHashes(again), cells);
    await again.close();
    await page.close();
  });
});
