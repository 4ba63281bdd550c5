// The OpenCV fixtures of the blur, convolution and contrast augmenters (test/fixtures/filters-*.json, written by
// scripts/gen-filter-fixtures.py from Debian's OpenCV 4.6): shared images, and per case an augmenter with constant
// options and the bytes imgaug's OpenCV call gives for each image (null where OpenCV rejects it; a shorter list
// covers the first images only).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as iaa from '../../src/index.ts';
import { fixtureBytes } from './blur-fixture.ts';

export interface FilterFixtureCase {
  readonly type: string;
  readonly options: Record<string, unknown>;
  readonly outputs: readonly (string | null)[];
}

export interface FilterFixture {
  readonly images: readonly iaa.Image[];
  readonly cases: readonly FilterFixtureCase[];
}

/** Reads `test/fixtures/<name>` and decodes its images. */
export function loadFilterFixture(name: string): FilterFixture {
  const raw = JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as {
    images: { height: number; width: number; channels: number; data: string }[];
    cases: FilterFixtureCase[];
  };
  const images = raw.images.map((i) => iaa.makeImage(fixtureBytes(i.data), i.height, i.width, i.channels));
  return { images, cases: raw.cases };
}

/**
 * Runs every case of `type` on every fixture image OpenCV accepted and asserts equal bytes; returns how many
 * images were compared (so that a caller can require a minimum and an emptied fixture cannot pass).
 */
export function checkFixtureCases(fixture: FilterFixture, type: string): number {
  let compared = 0;
  for (const c of fixture.cases.filter((c) => c.type === type)) {
    const aug = iaa.fromJSON({ type, ...c.options });
    fixture.images.forEach((image, i) => {
      const expected = c.outputs[i];
      if (expected === null || expected === undefined) return;
      const out = aug.augmentImage(image);
      const what = `${type} ${JSON.stringify(c.options)} on ${image.height}×${image.width}×${image.channels}`;
      assert.deepEqual(out.data, fixtureBytes(expected), what);
      compared++;
    });
  }
  return compared;
}
