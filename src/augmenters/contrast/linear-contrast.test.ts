import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { LinearContrast } from './linear-contrast.ts';

const ramp = makeImage(new Uint8Array([0, 1, 126, 127, 128, 200, 254, 255]), 1, 8);

function contrast(alpha: number): number[] {
  return Array.from(LinearContrast(alpha).augmentImage(ramp).data);
}

describe('LinearContrast', () => {
  it('maps 0 to 63 and 255 to 191 with alpha 0.5 (centre 127, truncated)', () => {
    // 127 + 0.5 · (v − 127): 63.5 → 63, 63.5+0.5 → 64, 126.5 → 126, 127, 127.5 → 127, 163.5 → 163, 190.5 → 190, 191.
    assert.deepEqual(contrast(0.5), [63, 64, 126, 127, 127, 163, 190, 191]);
  });

  it('clips strong contrast to 0 and 255', () => {
    // 127 + 1.8 · (v − 127): −101.6 → 0, …, 127 + 1.8 · 73 = 258.4 → 255.
    assert.deepEqual(contrast(1.8), [0, 0, 125, 127, 128, 255, 255, 255]);
  });

  it('inverts around 127 with alpha −1', () => {
    assert.deepEqual(contrast(-1), [254, 253, 128, 127, 126, 54, 0, 0]);
  });

  it('returns identical bytes when alpha is 1', () => {
    const rgb = makeImage(
      new Uint8Array(60).map((_, i) => (i * 71 + 3) & 255),
      4,
      5,
      3,
    );
    assert.ok(imagesEqual(LinearContrast(1).augmentImage(rgb), rgb));
  });

  it('scales float32 images around 0.5 (0–1 intensities), not around imgaug’s float centre 0', () => {
    const f = makeImage(new Float32Array([0, 0.5, 1, 1.5]), 1, 4);
    assert.deepEqual(Array.from(LinearContrast(0.5).augmentImage(f).data), [0.25, 0.5, 0.75, 1]);
  });

  it('draws one alpha per channel when perChannel is true', () => {
    const image = makeImage(new Uint8Array([0, 0, 0, 255, 255, 255]), 1, 2, 3);
    let distinct = 0;
    for (let index = 0; index < 20; index++) {
      const out = LinearContrast([0.2, 1], { perChannel: true, seed: 8 }).augmentImage(image, { index });
      if (new Set(out.data.subarray(0, 3)).size === 3) distinct++;
    }
    assert.ok(distinct >= 15, `only ${distinct} of 20 images had three different channel alphas`);
    const shared = LinearContrast([0.2, 1], { seed: 8 }).augmentImage(image);
    assert.equal(new Set(shared.data.subarray(0, 3)).size, 1);
  });

  itKeepsPixelProperties(
    ({ a, perChannel }) => LinearContrast([Math.min(a, 1), Math.max(a, 1)], { perChannel, seed: 6 }),
    fc.record({ a: fc.double({ min: -3, max: 3, noNaN: true }), perChannel: fc.boolean() }),
  );

  it('rejects bad options with the template error', () => {
    assert.throws(
      () => LinearContrast(Number.NaN),
      /LinearContrast: alpha must be a number in \[-1000000, 1000000\].*received NaN/,
    );
    assert.throws(() => LinearContrast([1.4, 0.6]), /min > max/);
    assert.throws(() => LinearContrast({ alpah: 1 } as never), /LinearContrast: unknown option "alpah"/);
  });
});
