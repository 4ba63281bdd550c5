import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itChecksMaskAugmenter } from '../../../test/helpers/wasm-mask.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { SaltAndPepper } from './salt-and-pepper.ts';

function grey(height: number, width: number, channels: number) {
  return makeImage(new Uint8Array(height * width * channels).fill(128), height, width, channels);
}

function tally(data: ArrayLike<number>, white = 255) {
  let salt = 0;
  let pepper = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === white) salt++;
    else if (data[i] === 0) pepper++;
  }
  return { salt, pepper };
}

describe('SaltAndPepper', () => {
  it('replaces 10 % ± 0.5 % of 100,000 pixels with p = 0.1, half white and half black (± 2 %)', () => {
    const out = SaltAndPepper(0.1, { seed: 21 }).augmentImage(grey(400, 250, 1));
    const { salt, pepper } = tally(out.data);
    const replaced = (salt + pepper) / 100_000;
    assert.ok(Math.abs(replaced - 0.1) < 0.005, `replaced ${replaced}`);
    // About 10,000 replacements: the white share's standard deviation is 0.005, so ± 0.02 is four of them.
    assert.ok(Math.abs(salt / (salt + pepper) - 0.5) < 0.02, `white share ${salt / (salt + pepper)}`);
    for (const v of out.data) assert.ok(v === 0 || v === 128 || v === 255);
  });

  it('splits black and white evenly (± 1 %) when every pixel is replaced (p = 1)', () => {
    const out = SaltAndPepper(1, { seed: 4 }).augmentImage(grey(300, 400, 1));
    const { salt, pepper } = tally(out.data);
    assert.equal(salt + pepper, 120_000);
    assert.ok(Math.abs(salt / 120_000 - 0.5) < 0.01, `white share ${salt / 120_000}`);
  });

  it('makes replaced pixels entirely white or black without perChannel', () => {
    const out = SaltAndPepper(0.3, { seed: 6 }).augmentImage(grey(60, 60, 3));
    let replaced = 0;
    for (let i = 0; i < out.data.length; i += 3) {
      const [r, g, b] = out.data.subarray(i, i + 3);
      assert.ok(r === g && g === b, `pixel ${i / 3} is (${r}, ${g}, ${b})`);
      if (r !== 128) replaced++;
    }
    assert.ok(Math.abs(replaced / 3600 - 0.3) < 0.03, `replaced ${replaced / 3600}`);
  });

  it('replaces each channel independently with perChannel', () => {
    const out = SaltAndPepper(0.5, { perChannel: true, seed: 8 }).augmentImage(grey(100, 100, 3));
    let mixed = 0;
    for (let i = 0; i < out.data.length; i += 3) if (new Set(out.data.subarray(i, i + 3)).size > 1) mixed++;
    // Each channel keeps 128, turns 255 or turns 0 with chances ½, ¼, ¼: all three equal has chance 1/8+2/64.
    const expectedMixed = 1 - (1 / 8 + 2 / 64);
    assert.ok(Math.abs(mixed / 10_000 - expectedMixed) < 0.02, `mixed ${mixed / 10_000}`);
    const { salt, pepper } = tally(out.data);
    assert.ok(Math.abs((salt + pepper) / 30_000 - 0.5) < 0.01);
  });

  it('uses 1 and 0 for float32 images (0–1 intensities)', () => {
    const image = makeImage(new Float32Array(2000).fill(0.5), 20, 100);
    const out = SaltAndPepper(1, { seed: 2 }).augmentImage(image);
    const { salt, pepper } = tally(out.data, 1);
    assert.equal(salt + pepper, 2000);
    assert.ok(salt > 900 && pepper > 900);
  });

  it('returns identical bytes with p = 0', () => {
    const image = makeImage(
      new Uint8Array(75).map((_, i) => (i * 41) & 255),
      5,
      5,
      3,
    );
    assert.ok(imagesEqual(SaltAndPepper(0).augmentImage(image), image));
  });

  it('serialises to its named JSON form', () => {
    assert.deepEqual(SaltAndPepper({ seed: 2 }).toJSON(), {
      type: 'SaltAndPepper',
      seed: 2,
      p: [0, 0.03],
      perChannel: false,
    });
  });

  itChecksMaskAugmenter((p, perChannel, seed) => SaltAndPepper(p, { perChannel, seed }), 10);

  it('rejects bad options with the template error', () => {
    assert.throws(() => SaltAndPepper(2), /SaltAndPepper: p must be a number in \[0, 1\].*received 2/);
    assert.throws(() => SaltAndPepper([0.5, 0.2]), /min > max/);
    assert.throws(() => SaltAndPepper(Number.NaN), RangeError);
    assert.throws(() => SaltAndPepper({ probability: 0.1 } as never), /SaltAndPepper: unknown option "probability"/);
  });
});
