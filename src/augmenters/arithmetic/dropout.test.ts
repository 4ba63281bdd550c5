import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itChecksMaskAugmenter } from '../../../test/helpers/wasm-mask.ts';
import { imagesEqual, makeImage, shapeOf } from '../../core/image.ts';
import { RandomSource } from '../../random/stream.ts';
import { Dropout } from './dropout.ts';

function filled(height: number, width: number, channels: number, value = 200) {
  return makeImage(new Uint8Array(height * width * channels).fill(value), height, width, channels);
}

const zeros = (data: ArrayLike<number>) => Array.prototype.filter.call(data, (v: number) => v === 0).length;

describe('Dropout', () => {
  it('drops 20 % ± 1 % of 100,000 pixels with p = 0.2 (fixed seed)', () => {
    const image = filled(400, 250, 1);
    const out = Dropout(0.2, { seed: 11 }).augmentImage(image);
    const share = zeros(out.data) / out.data.length;
    assert.ok(Math.abs(share - 0.2) < 0.01, `dropped ${share}`);
    for (const v of out.data) assert.ok(v === 0 || v === 200);
  });

  it('drops all channels of a pixel together without perChannel', () => {
    const out = Dropout(0.3, { seed: 2 }).augmentImage(filled(100, 100, 3));
    let dropped = 0;
    for (let i = 0; i < out.data.length; i += 3) {
      const n = zeros(out.data.subarray(i, i + 3));
      assert.ok(n === 0 || n === 3, `pixel ${i / 3} has ${n} dropped channels`);
      if (n === 3) dropped++;
    }
    assert.ok(Math.abs(dropped / 10_000 - 0.3) < 0.02, `dropped ${dropped / 10_000}`);
  });

  it('drops channels independently with perChannel (p = 0.5: 1/8 of pixels lose none, 1/8 all three, ± 1 %)', () => {
    const out = Dropout(0.5, { perChannel: true, seed: 7 }).augmentImage(filled(200, 200, 3));
    const counts = [0, 0, 0, 0];
    let both01 = 0;
    for (let i = 0; i < out.data.length; i += 3) {
      counts[zeros(out.data.subarray(i, i + 3))]++;
      if (out.data[i] === 0 && out.data[i + 1] === 0) both01++;
    }
    const n = 40_000;
    assert.ok(Math.abs(counts[0] / n - 0.125) < 0.01, `none dropped: ${counts[0] / n}`);
    assert.ok(Math.abs(counts[3] / n - 0.125) < 0.01, `all dropped: ${counts[3] / n}`);
    assert.ok(Math.abs(counts[1] / n - 0.375) < 0.015, `one dropped: ${counts[1] / n}`);
    // Independence: P(channel 0 and channel 1 dropped) = 0.25.
    assert.ok(Math.abs(both01 / n - 0.25) < 0.01, `channels 0 and 1 both dropped: ${both01 / n}`);
  });

  it('draws p once per image from a range', () => {
    const aug = Dropout([0, 0.4], { seed: 5 });
    const shares: number[] = [];
    for (let index = 0; index < 40; index++) {
      const out = aug.augmentImage(filled(50, 50, 1), { index });
      shares.push(zeros(out.data) / 2500);
    }
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    assert.ok(
      Math.min(...shares) < 0.1 && Math.max(...shares) > 0.3,
      `shares ${Math.min(...shares)}–${Math.max(...shares)}`,
    );
    assert.ok(Math.abs(mean - 0.2) < 0.05, `mean share ${mean}`);
  });

  it('returns identical bytes with p = 0 and zeros with p = 1', () => {
    const image = makeImage(
      new Uint8Array(300).map((_, i) => 1 + (i % 250)),
      10,
      10,
      3,
    );
    assert.ok(imagesEqual(Dropout(0).augmentImage(image), image));
    assert.equal(zeros(Dropout(1).augmentImage(image).data), 300);
  });

  it('gives the same bytes when the same params are applied twice, and other bytes at another index', () => {
    const aug = Dropout(0.3, { seed: 1 });
    const image = filled(20, 30, 3);
    const params = aug.drawParams(RandomSource.root(1, 0, 4, 'Dropout'), shapeOf(image));
    const a = aug.apply(image, params);
    const b = aug.apply(image, params);
    assert.ok(imagesEqual(a, b));
    assert.ok(zeros(a.data) > 0);
    const other = aug.apply(image, aug.drawParams(RandomSource.root(1, 0, 5, 'Dropout'), shapeOf(image)));
    assert.ok(!imagesEqual(a, other));
  });

  it('sets dropped float32 values to 0', () => {
    const image = makeImage(new Float32Array(1000).fill(0.75), 10, 100);
    const out = Dropout(0.5, { seed: 3 }).augmentImage(image);
    const dropped = zeros(out.data);
    assert.ok(dropped > 400 && dropped < 600, `dropped ${dropped}`);
    for (const v of out.data) assert.ok(v === 0 || v === 0.75);
  });

  itChecksMaskAugmenter((p, perChannel, seed) => Dropout(p, { perChannel, seed }), 9);

  it('rejects bad options with the template error', () => {
    assert.throws(() => Dropout(1.5), /Dropout: p must be a number in \[0, 1\].*received 1.5/);
    assert.throws(() => Dropout(-0.1), RangeError);
    assert.throws(() => Dropout(Number.NaN), RangeError);
    assert.throws(() => Dropout([0.3, 0.1]), /min > max/);
    assert.throws(() => Dropout({ p: 0.1, perchannel: true } as never), /Dropout: unknown option "perchannel"/);
  });
});
