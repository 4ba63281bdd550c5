import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { Dropout2d } from './dropout-2d.ts';

/** n 1×2 RGB images whose channels hold 10, 20 and 30; returns which channels of each came out zeroed. */
function droppedChannels(aug: iaa.Augmenter, n: number): number[][] {
  const data = new Uint8Array(n * 6);
  for (let i = 0; i < data.length; i++) data[i] = 10 * ((i % 3) + 1);
  const out = aug.augmentImages({ data, n, height: 1, width: 2, channels: 3 }, { epoch: 0 }) as iaa.UniformBatch;
  const result: number[][] = [];
  for (let i = 0; i < n; i++) {
    const dropped: number[] = [];
    for (let c = 0; c < 3; c++) {
      const a = out.data[6 * i + c];
      const b = out.data[6 * i + 3 + c];
      assert.equal(a, b, 'both pixels of a channel agree');
      assert.ok(a === 0 || a === 10 * (c + 1));
      if (a === 0) dropped.push(c);
    }
    result.push(dropped);
  }
  return result;
}

describe('Dropout2d', () => {
  it('drops two of three channels with p = 1, keeping one channel chosen uniformly (each 1/3 ± 0.04)', () => {
    const kept = [0, 0, 0];
    for (const dropped of droppedChannels(Dropout2d(1, { seed: 2 }), 1500)) {
      assert.equal(dropped.length, 2);
      kept[3 - dropped[0] - dropped[1]]++;
    }
    for (const k of kept) assert.ok(Math.abs(k / 1500 - 1 / 3) < 0.04, `kept ${kept}`);
  });

  it('drops 0, 1 or 2 channels with chances 1/8, 3/8 and 1/2 with p = 0.5 (± 0.04)', () => {
    const counts = [0, 0, 0];
    for (const dropped of droppedChannels(Dropout2d(0.5, { seed: 3 }), 2000)) counts[dropped.length]++;
    const expected = [1 / 8, 3 / 8, 1 / 2];
    counts.forEach((c, k) => assert.ok(Math.abs(c / 2000 - expected[k]) < 0.04, `counts ${counts}`));
  });

  it('drops every channel with nbKeepChannels 0, and never touches a grayscale image with the default 1', () => {
    for (const dropped of droppedChannels(Dropout2d(1, { nbKeepChannels: 0 }), 20))
      assert.deepEqual(dropped, [0, 1, 2]);
    const gray = iaa.makeImage(Uint8Array.from([7, 8, 9]), 1, 3, 1);
    assert.deepEqual(Array.from(Dropout2d(1).augmentImage(gray).data), [7, 8, 9]);
  });

  it('rejects a negative or fractional nbKeepChannels and p outside [0, 1]', () => {
    assert.throws(
      () => Dropout2d({ nbKeepChannels: -1 }),
      /^RangeError: Dropout2d: nbKeepChannels must be an integer ≥ 0/,
    );
    assert.throws(() => Dropout2d({ nbKeepChannels: 1.5 }), /Dropout2d: nbKeepChannels/);
    assert.throws(() => Dropout2d(-0.1), /Dropout2d: p must be/);
  });
});
