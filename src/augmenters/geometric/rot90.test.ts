import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMatches, cropPadCases, cropPadImages } from '../../../test/helpers/croppad-fixture.ts';
import * as iaa from '../../index.ts';

describe('Rot90', () => {
  it('equals imgaug 0.4.0 for k = 1, 2, 3, −1 and 5, with and without the resize back', () => {
    const cases = cropPadCases.filter((k) => k.op === 'rot90');
    assert.ok(cases.length >= 60);
    for (const k of cases) {
      if (k.op !== 'rot90') continue;
      const image = cropPadImages[k.image];
      const out = iaa.Rot90(k.k, { keepSize: k.keepSize }).augmentImage(image);
      assertMatches(out.data, k, k.keepSize && k.k % 2 !== 0 && image.height !== image.width);
    }
  });

  it('turns clockwise: the top-left pixel goes to the top-right corner', () => {
    const image = iaa.imageFromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const out = iaa.Rot90(1, { keepSize: false }).augmentImage(image);
    assert.deepEqual(iaa.imageToRows(out), [
      [4, 1],
      [5, 2],
      [6, 3],
    ]);
  });

  it('chooses k from a list per image, each about equally often', () => {
    const aug = iaa.Rot90([0, 1, 2, 3], { keepSize: false, seed: 9 });
    const image = iaa.imageFromRows([
      [1, 2],
      [3, 4],
    ]);
    const counts = new Map<number, number>();
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const first = aug.apply(image, aug.drawParams(aug.rootSource(0, i), image)).data[0];
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    // The top-left pixel after 0, 1, 2, 3 turns is 1, 3, 4, 2.
    assert.deepEqual([...counts.keys()].sort(), [1, 2, 3, 4]);
    for (const c of counts.values()) assert.ok(Math.abs(c / n - 0.25) < 0.03, `${[...counts]}`);
  });

  it('draws k from [min, max] as imgaug draws a tuple: every integer of the range, the ends included', () => {
    // imgaug's handle_discrete_param turns (1, 3) into DiscreteUniform(1, 3); a 2 × 3 image shows which k was drawn
    // by its output's size (odd turns) and its first pixel.
    const aug = iaa.Rot90([1, 3], { keepSize: false, seed: 4 });
    const image = iaa.imageFromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const counts = new Map<string, number>();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const out = aug.apply(image, aug.drawParams(aug.rootSource(0, i), image));
      const key = `${out.height}x${out.width}:${out.data[0]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // k = 1: 3 × 2 starting 4; k = 2: 2 × 3 starting 6; k = 3: 3 × 2 starting 3.
    assert.deepEqual([...counts.keys()].sort(), ['2x3:6', '3x2:3', '3x2:4']);
    for (const c of counts.values()) assert.ok(Math.abs(c / n - 1 / 3) < 0.03, `${[...counts]}`);
  });

  it('chooses from iap.choice([1, 3]) without the turn between', () => {
    const aug = iaa.Rot90(iaa.iap.choice([1, 3]), { keepSize: false, seed: 4 });
    const image = iaa.imageFromRows([[1, 2, 3]]);
    const firsts = new Set<number>();
    for (let i = 0; i < 200; i++) firsts.add(aug.apply(image, aug.drawParams(aug.rootSource(0, i), image)).data[0]);
    assert.deepEqual([...firsts].sort(), [1, 3]);
  });

  it('rejects k that is not an integer, naming the option', () => {
    assert.throws(() => iaa.Rot90(1.5), /Rot90: k must be an integer/);
    assert.throws(() => iaa.Rot90([1, 2.5]), /Rot90: k must be an integer/);
    assert.throws(() => iaa.Rot90([3, 1]), /Rot90: k must be .*min > max/);
    assert.throws(() => iaa.Rot90([1, 'x', 2] as never), /Rot90: k\[1\] must be an integer/);
    assert.throws(() => iaa.Rot90([] as never), /Rot90: k must be .*the list is empty/);
  });
});
