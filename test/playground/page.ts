// Helpers for driving the playground page in headless Chromium (test/playground/*.test.ts, test/package.test.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as iaa from '../../src/index.ts';
import { readImage } from '../../src/node.ts';

/** Debian's chromium, which playwright-core drives (it downloads no browser). */
export const CHROMIUM = '/usr/bin/chromium';

/** False when Chromium is there, else why the browser tests skip (printed, so the skip is visible). */
export function chromiumSkip(what: string): false | string {
  if (existsSync(CHROMIUM)) return false;
  const reason = `${CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)`;
  console.log(`# SKIPPED ${what}: ${reason}`);
  return reason;
}

/** A photo as `augkit augment` reads it (a grey PNG as one channel). */
export function readPhoto(path: string): Promise<iaa.Image> {
  return readImage(path);
}

/** SHA-256 of an image's RGBA pixels, as a canvas holds them. */
export function rgbaHash(image: iaa.Image): string {
  return createHash('sha256').update(iaa.toImageData(image).data).digest('hex');
}

/**
 * SHA-256 of each cell's canvas pixels (getImageData; `canvases` selects the labels' layer instead), in the page. A string, so that tsx's transform (which names
 * functions with a helper the page lacks) leaves it alone.
 */
export function cellHashes(page: Page, canvases = '#grid canvas.pixels'): Promise<string[]> {
  return page.evaluate(`(async () => {
    const out = [];
    for (const canvas of document.querySelectorAll(${JSON.stringify(canvases)})) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      out.push(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return out;
  })()`);
}

/**
 * Waits until the page shows `spec` as its pipeline (whatever the order of its keys) and has drawn and timed every
 * cell of it.
 */
export async function waitForRun(page: Page, spec: unknown): Promise<void> {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  // A string, like cellHashes; `canon` sorts keys as `sorted` does.
  await page.waitForFunction(
    `(() => {
      const canon = (v) => Array.isArray(v) ? v.map(canon) : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)]))
        : v;
      const text = document.getElementById('json')?.textContent;
      const state = document.getElementById('grid')?.dataset.state;
      return !!text && JSON.stringify(canon(JSON.parse(text))) === ${JSON.stringify(JSON.stringify(sorted(spec)))} && state === 'done';
    })()`,
    undefined,
    { timeout: 30_000 },
  );
}

/** A pipeline with every meta augmenter the page nests, parameters, a branch given as a list, names and seeds. */
export const NESTED_PIPELINE = {
  type: 'Sequential',
  randomOrder: true,
  children: [
    {
      type: 'Sometimes',
      p: 0.7,
      then: {
        type: 'OneOf',
        children: [{ type: 'Fliplr' }, { type: 'Affine', rotate: { normal: [0, 10] }, mode: ['edge', 'constant'] }],
      },
      else: [
        {
          type: 'SomeOf',
          n: [0, 2],
          children: [
            { type: 'Multiply', mul: [0.5, 1.5] },
            { type: 'Add', value: { choice: [-20, 20] } },
          ],
        },
      ],
    },
    { type: 'GaussianBlur', sigma: { clip: [{ normal: [1, 0.5] }, 0, null] }, name: "blur 'it' #1" },
    { type: 'Resize', size: { height: 40, width: 50 }, interpolation: 'linear', seed: 3 },
  ],
  seed: 11,
};
