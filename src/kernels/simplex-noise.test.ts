import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fillSimplexNoise, openSimplex2d, openSimplexPermutation } from './simplex-noise.ts';

// scripts/gen-noise-fixtures.py: opensimplex 0.3 (imgaug 0.4.0's) on integer grids, and the package's published seed-0
// samples from ojrac/opensimplex-go (an independent implementation).
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/noise.json', import.meta.url), 'utf8')) as {
  simplexSamples: [number, number, number][];
  simplexGrids: { seed: number; height: number; width: number; values: number[] }[];
};

describe('openSimplex2d', () => {
  it('gives the published seed-0 samples at fractional points, to the last bit', () => {
    const perm = openSimplexPermutation(0);
    assert.ok(fixture.simplexSamples.length >= 50);
    for (const [x, y, value] of fixture.simplexSamples) assert.equal(openSimplex2d(perm, x, y), value, `(${x}, ${y})`);
  });

  it("gives opensimplex 0.3's values on integer grids for seeds up to 2^31 − 2", () => {
    for (const { seed, height, width, values } of fixture.simplexGrids) {
      const perm = openSimplexPermutation(seed);
      for (let y = 0, i = 0; y < height; y++) {
        for (let x = 0; x < width; x++, i++)
          assert.equal(openSimplex2d(perm, x, y), values[i], `seed ${seed} (${x}, ${y})`);
      }
    }
  });

  it('builds a permutation of 0–255 that changes with the seed', () => {
    const a = openSimplexPermutation(5);
    assert.deepEqual(
      [...a].sort((p, q) => p - q),
      Array.from({ length: 256 }, (_, i) => i),
    );
    assert.notDeepEqual([...a], [...openSimplexPermutation(6)]);
  });
});

describe('fillSimplexNoise', () => {
  it('maps each grid value v to (v + 1) / 2 in float32', () => {
    const { seed, height, width, values } = fixture.simplexGrids[1];
    const out = new Float32Array(height * width);
    fillSimplexNoise(seed, height, width, out);
    const f32 = Math.fround;
    assert.deepEqual(
      [...out],
      values.map((v) => f32(f32(f32(v) + 1) / 2)),
    );
    assert.ok(out.every((v) => v >= 0 && v <= 1));
  });
});
