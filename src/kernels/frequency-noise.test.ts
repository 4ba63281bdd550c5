import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fillFrequencyNoise, inverseDftReal } from './frequency-noise.ts';

// scripts/gen-noise-fixtures.py: imgaug 0.4.0's FrequencyNoise field (numpy's ifft2) for given uniform draws.
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/noise.json', import.meta.url), 'utf8')) as {
  frequency: { height: number; width: number; exponent: number; radius: number[]; angle: number[]; values: number[] }[];
};

describe('fillFrequencyNoise', () => {
  it("gives imgaug's field (numpy's ifft2, min-max normalised) to 1e-12 for square and odd sizes", () => {
    assert.equal(fixture.frequency.length, 5);
    for (const c of fixture.frequency) {
      const out = new Float64Array(c.height * c.width);
      fillFrequencyNoise({ ...c, radius: Float64Array.from(c.radius), angle: Float64Array.from(c.angle), out });
      for (let i = 0; i < out.length; i++) {
        assert.ok(Math.abs(out[i] - c.values[i]) < 1e-12, `${c.height}×${c.width} ^${c.exponent} [${i}]`);
      }
    }
  });

  it('gives a flat 0.5 instead of NaN for an all-zero spectrum', () => {
    const out = new Float64Array(16);
    fillFrequencyNoise({
      height: 4,
      width: 4,
      exponent: 1,
      radius: new Float64Array(16),
      angle: new Float64Array(16),
      out,
    });
    assert.deepEqual([...out], new Array(16).fill(0.5));
  });
});

describe('inverseDftReal', () => {
  it('turns a single frequency into a cosine wave and a constant into a constant', () => {
    // (k, l) = (0, 1) with value 12 on a 3 × 4 grid: Re e^{2πi x / 4} · 12 / 12 = cos(πx / 2) in every row.
    const re = new Float64Array(12);
    re[1] = 12;
    const out = new Float64Array(12);
    inverseDftReal(re, new Float64Array(12), 3, 4, out);
    const wave = [1, 0, -1, 0];
    out.forEach((v, i) => assert.ok(Math.abs(v - wave[i % 4]) < 1e-12, `[${i}] ${v}`));
    re.fill(0);
    re[0] = 24;
    inverseDftReal(re, new Float64Array(12), 3, 4, out);
    assert.ok(out.every((v) => Math.abs(v - 2) < 1e-12));
  });
});
