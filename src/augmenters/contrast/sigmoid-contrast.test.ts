import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { makeImage } from '../../core/image.ts';
import { LogContrast } from './log-contrast.ts';
import { SigmoidContrast } from './sigmoid-contrast.ts';

// SigmoidContrast and LogContrast: float32 lookup tables; the fixture's image 0 is the ramp 0…255, so their output
// on it is the whole table numpy builds for imgaug.
const fixture = loadFilterFixture('filters-contrast.json');
const ramp = fixture.images[0];

describe('SigmoidContrast', () => {
  it('maps 0 → 1, 128 → 128, 255 → 253 with gain 10 and cutoff 0.5', () => {
    const out = SigmoidContrast(10, { cutoff: 0.5 }).augmentImage(ramp).data;
    // 255 / (1 + e^(10 · 0.5)) = 1.7 → 1; at 128/255 ≈ 0.502: 128.4 → 128; 255 / (1 + e^−5) = 253.3 → 253.
    assert.deepEqual([out[0], out[128], out[255]], [1, 128, 253]);
    for (let v = 1; v < 256; v++) assert.ok(out[v] >= out[v - 1], `not monotonic at ${v}`);
  });

  it('matches the numpy float32 tables of imgaug byte for byte (6 gains and cutoffs)', () => {
    assert.ok(checkFixtureCases(fixture, 'SigmoidContrast') >= 6);
  });

  it('draws a gain and a cutoff per channel with perChannel', () => {
    const image = makeImage(
      new Uint8Array(3 * 64).map((_, i) => (i >> 2) * 4 + 2),
      8,
      8,
      3,
    );
    const aug = SigmoidContrast([2, 20], { cutoff: [0.2, 0.8], perChannel: true, seed: 4 });
    const params = aug.drawParams(aug.rootSource(0, 0), image);
    assert.equal(params.gains.length, 3);
    assert.equal(params.cutoffs.length, 3);
    assert.ok(new Set(params.gains).size === 3 && new Set(params.cutoffs).size === 3);
    const one = SigmoidContrast([2, 20], { cutoff: [0.2, 0.8], seed: 4 });
    assert.equal(one.drawParams(one.rootSource(0, 0), image).gains.length, 1);
  });

  it('maps float32 intensities to (0, 1) with the same curve', () => {
    const out = SigmoidContrast(10, { cutoff: 0.5 }).augmentImage(makeImage(Float32Array.from([0, 0.5, 1]), 1, 3));
    assert.ok(Math.abs(out.data[0] - 1 / (1 + Math.exp(5))) < 1e-7);
    assert.equal(out.data[1], 0.5);
    assert.ok(Math.abs(out.data[2] - 1 / (1 + Math.exp(-5))) < 1e-7);
  });

  itKeepsPixelProperties(
    (g) => SigmoidContrast([0, g], { perChannel: 0.5, seed: 3 }),
    fc.double({ min: 0, max: 30, noNaN: true }),
    60,
  );

  it('rejects bad options with the template error', () => {
    assert.throws(() => SigmoidContrast(-1), /SigmoidContrast: gain must be a number in \[0, 1000000\]/);
    assert.throws(() => SigmoidContrast(5, { cutoff: 1.5 }), /SigmoidContrast: cutoff must be a number in \[0, 1\]/);
  });
});

describe('LogContrast', () => {
  it('maps 0 → 0, 64 → 82, 255 → 255 with gain 1', () => {
    // 255 · log2(1 + 64/255) = 82.4 → 82.
    const out = LogContrast(1).augmentImage(ramp).data;
    assert.deepEqual([out[0], out[64], out[255]], [0, 82, 255]);
  });

  it('matches the numpy float32 tables of imgaug byte for byte (5 gains)', () => {
    assert.ok(checkFixtureCases(fixture, 'LogContrast') >= 5);
  });

  it('mirrors the curve for negative float32 values, so it stays finite', () => {
    const out = LogContrast(2).augmentImage(makeImage(Float32Array.from([1, -1, -3]), 1, 3));
    assert.deepEqual([...out.data], [2, -2, -4]);
  });

  itKeepsPixelProperties(
    (g) => LogContrast([0, g], { perChannel: 0.5, seed: 3 }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    60,
  );

  it('rejects a negative gain with the template error', () => {
    assert.throws(() => LogContrast(-0.5), /LogContrast: gain must be a number in \[0, 1000000\]/);
  });
});
