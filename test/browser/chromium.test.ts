// The `augkit` sources in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core,
// which downloads nothing) loads a page bundled from src/ by esbuild. There, one example of every registered
// augmenter on a photo must give the SHA-256 it gives in Node, with the WebAssembly kernels running (the same
// kernels as in Node), and a DataLoader with 2 Web Workers the bytes of workers: 0 (and of Node).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import sharp from 'sharp';
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';
import { exampleHashes, loaderHash, wasmKernelsRun } from './runs.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)`;
if (skip) console.log(`# SKIPPED the headless-Chromium test: ${skip}`);

const PHOTO = new URL('../../data-sample/photos/chelsea.png', import.meta.url).pathname;

interface PageResults {
  readonly wasmAvailable: boolean;
  readonly examples: Record<string, string>;
  readonly wasmKernels: string[];
  readonly loader0: string;
  readonly loader2: string;
  readonly webWorkersStarted: number;
  readonly error?: string;
}

/** The page and the Web Worker script, bundled from the sources for the browser. */
async function bundle(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = {
    'page.js': new URL('./page.ts', import.meta.url).pathname,
    'augment-web-worker.js': new URL('../../src/data/augment-web-worker.ts', import.meta.url).pathname,
  };
  for (const [name, entry] of Object.entries(entries)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    files.set(name, result.outputFiles[0].text);
  }
  files.set('index.html', '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');
  return files;
}

describe('augkit in headless Chromium', { skip }, () => {
  let server: Server;
  let origin: string;
  let photo: iaa.Image;

  before(async () => {
    const { data, info } = await sharp(PHOTO).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    photo = iaa.makeImage(new Uint8Array(data.buffer, data.byteOffset, data.length), info.height, info.width, 3);
    const files = await bundle();
    server = createServer((request, response) => {
      const name = new URL(request.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
      if (name === 'photo.raw') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(photo.data);
        return;
      }
      const text = files.get(name);
      if (text === undefined) {
        response.writeHead(404).end();
        return;
      }
      const type = name.endsWith('.html') ? 'text/html' : 'text/javascript';
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server?.close();
  });

  it('gives Node’s bytes for every augmenter’s example, runs the WebAssembly kernels, and 2 Web Workers give the bytes of 0', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    const messages: string[] = [];
    let results: PageResults;
    try {
      const page = await browser.newPage();
      page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
      page.on('console', (message) => messages.push(`console.${message.type()}: ${message.text()}`));
      await page.goto(`${origin}/index.html?height=${photo.height}&width=${photo.width}&channels=3`);
      await page.waitForFunction(() => (window as { augkitResults?: unknown }).augkitResults !== undefined, null, {
        timeout: 50_000,
      });
      results = (await page.evaluate(() => (window as { augkitResults?: unknown }).augkitResults)) as PageResults;
    } finally {
      await browser.close();
    }
    assert.equal(results.error, undefined, `${results.error}\n${messages.join('\n')}`);

    iaa.resetKernelRuns();
    const examples = await exampleHashes(photo);
    assert.equal(Object.keys(examples).length, registry.size);
    assert.deepEqual(results.examples, examples, 'the browser’s bytes differ from Node’s');

    assert.equal(results.wasmAvailable, true, 'the WebAssembly kernels are not active in Chromium');
    assert.ok(results.wasmKernels.length > 0, 'no WebAssembly kernel ran in Chromium');
    assert.deepEqual(
      results.wasmKernels,
      wasmKernelsRun(),
      'other kernels ran as WebAssembly in Chromium than in Node',
    );

    assert.equal(results.webWorkersStarted, 2, 'workers: 2 did not start two Web Workers');
    assert.equal(results.loader2, results.loader0, 'the DataLoader with 2 Web Workers differs from workers: 0');
    assert.equal(results.loader0, await loaderHash(photo, 0), 'the browser’s DataLoader differs from Node’s');
  });
});
