import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';
import { CoarsePepper } from './coarse-pepper.ts';
import { CoarseSaltAndPepper } from './coarse-salt-and-pepper.ts';
import { CoarseSalt } from './coarse-salt.ts';

const grey = (h: number, w: number, c: number) => iaa.makeImage(new Uint8Array(h * w * c).fill(128), h, w, c);

/** Per 8 × 8 block of a 32 × 32 gray image (sizePx 4): the set of values it holds. */
function blockValues(image: iaa.Image): Set<number>[] {
  const blocks: Set<number>[] = [];
  for (let by = 0; by < 4; by++) {
    for (let bx = 0; bx < 4; bx++) {
      const values = new Set<number>();
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) values.add(image.data[(by * 8 + y) * 32 + bx * 8 + x]);
      blocks.push(values);
    }
  }
  return blocks;
}

describe('CoarseSaltAndPepper', () => {
  it('speckles the picked blocks: each pixel in them white or black, half and half (± 2 %)', () => {
    let picked = 0;
    let white = 0;
    let black = 0;
    for (let seed = 0; seed < 40; seed++) {
      const out = CoarseSaltAndPepper(0.5, { sizePx: 4, seed }).augmentImage(grey(32, 32, 1));
      for (const values of blockValues(out)) {
        if (values.has(128)) assert.deepEqual([...values], [128], 'a block is picked whole or not at all');
        else picked++;
      }
      for (const v of out.data) {
        if (v === 255) white++;
        else if (v === 0) black++;
      }
    }
    assert.ok(Math.abs(picked / 640 - 0.5) < 0.06, `picked ${picked / 640}`);
    assert.ok(Math.abs(white / (white + black) - 0.5) < 0.02, `white share ${white / (white + black)}`);
    assert.equal(white + black, picked * 64);
  });

  it('gives a pixel one colour for all channels without perChannel', () => {
    const out = CoarseSaltAndPepper(1, { sizePx: 3, seed: 4 }).augmentImage(grey(9, 9, 3));
    for (let i = 0; i < out.data.length; i += 3) {
      assert.equal(new Set(out.data.subarray(i, i + 3)).size, 1);
      assert.ok(out.data[i] === 0 || out.data[i] === 255);
    }
  });
});

describe('CoarseSalt and CoarsePepper', () => {
  it('turn whole picked blocks white, or black, and keep the others', () => {
    for (const [aug, colour] of [
      [CoarseSalt, 255],
      [CoarsePepper, 0],
    ] as const) {
      let picked = 0;
      for (let seed = 0; seed < 20; seed++) {
        for (const values of blockValues(aug(0.5, { sizePx: 4, seed }).augmentImage(grey(32, 32, 1)))) {
          assert.equal(values.size, 1);
          const [v] = values;
          assert.ok(v === 128 || v === colour, `value ${v}`);
          if (v === colour) picked++;
        }
      }
      assert.ok(Math.abs(picked / 320 - 0.5) < 0.09, `picked ${picked / 320}`);
    }
  });

  it("have imgaug's defaults: p in [0.02, 0.1], 3 to 8 cells, minSize 3", () => {
    for (const aug of [CoarseSalt(), CoarsePepper(), CoarseSaltAndPepper()]) {
      const json = aug.toJSON();
      assert.deepEqual([json.p, json.minSize, json.perChannel], [[0.02, 0.1], 3, false]);
    }
  });
});
