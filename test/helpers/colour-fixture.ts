// test/fixtures/colour-augmenters.json (scripts/gen-colour-fixtures.py): imgaug 0.4.0's colour augmenters for fixed
// settings, reproduced on cv2.cvtColor; and the checks the colour augmenters' tests share.
import assert from 'node:assert/strict';
import type { Augmenter } from '../../src/augmenters/base/augmenter.ts';
import { fromJSON } from '../../src/augmenters/index.ts';
import { makeImage } from '../../src/core/image.ts';
import { RandomSource } from '../../src/random/stream.ts';
import { fixtureBytes, readFixture } from './fixtures.ts';

/** One case: an augmenter's JSON options, an image (3 channels unless `channels` says) and imgaug's output. */
export interface ColourCase {
  readonly type: string;
  readonly options: Record<string, unknown>;
  readonly height: number;
  readonly width: number;
  readonly channels?: number;
  readonly image: string;
  readonly out: string;
  /** MultiplyAndAddToBrightness's cases: whether Add ran before Multiply. */
  readonly addFirst?: boolean;
}

export const colourCases = readFixture<{ cases: ColourCase[] }>('colour-augmenters.json').cases;

/** The cases of augmenter `type`, with the options its test reads typed as `O`. */
export function colourCasesOf<O>(type: string): (ColourCase & { readonly options: O })[] {
  return colourCases.filter((c) => c.type === type) as (ColourCase & { readonly options: O })[];
}

/** Runs every case of `types` through `fromJSON({ type, ...options })`, expects imgaug's bytes; returns how many ran. */
export function assertColourCases(types: readonly string[]): number {
  const cases = colourCases.filter((c) => types.includes(c.type));
  for (const c of cases) {
    const image = makeImage(fixtureBytes(c.image), c.height, c.width, c.channels ?? 3);
    const out = fromJSON({ type: c.type, ...c.options }).augmentImage(image);
    assert.deepEqual(out.data, fixtureBytes(c.out), `${c.type} ${JSON.stringify(c.options)}`);
  }
  return cases.length;
}

/** What `aug` draws for a 4×4 RGB image at indices 0…n−1 of call 0 under `seed`. */
export function drawsOf<P>(aug: Augmenter, n: number, seed: number): P[] {
  const shape = { height: 4, width: 4, channels: 3 };
  return Array.from({ length: n }, (_, i) => aug.drawParams(RandomSource.root(seed, 0, i, aug.type), shape) as P);
}
