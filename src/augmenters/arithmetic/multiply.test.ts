import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { RandomSource } from '../../random/stream.ts';
import { Multiply } from './multiply.ts';

describe('Multiply', () => {
  it('truncates the float32 product as imgaug 0.4.0 does: with 0.5, 255 → 127 and 3 → 1', () => {
    const image = makeImage(new Uint8Array([255, 3, 0, 100, 201]), 1, 5);
    assert.deepEqual(Array.from(Multiply(0.5).augmentImage(image).data), [127, 1, 0, 50, 100]);
  });

  it('clips at 255 for factors above 1', () => {
    const image = makeImage(new Uint8Array([10, 100, 200]), 1, 3);
    assert.deepEqual(Array.from(Multiply(1.5).augmentImage(image).data), [15, 150, 255]);
  });

  it('multiplies float32 images without clipping', () => {
    const image = makeImage(new Float32Array([0.5, 1, -0.5]), 1, 3);
    assert.deepEqual(Array.from(Multiply(2).augmentImage(image).data), [1, 2, -1]);
  });

  it('returns identical bytes when mul is 1', () => {
    const rgb = makeImage(
      new Uint8Array(75).map((_, i) => (i * 97 + 5) & 255),
      5,
      5,
      3,
    );
    assert.ok(imagesEqual(Multiply(1).augmentImage(rgb), rgb));
  });

  it('draws one factor per channel when perChannel is true, and one for all channels otherwise', () => {
    const flat = makeImage(new Uint8Array(12).fill(200), 2, 2, 3);
    let distinct = 0;
    for (let index = 0; index < 20; index++) {
      const per = Multiply([0.2, 1.2], { perChannel: true, seed: 4 }).augmentImage(flat, { index });
      if (new Set(per.data.subarray(0, 3)).size === 3) distinct++;
      const shared = Multiply([0.2, 1.2], { seed: 4 }).augmentImage(flat, { index });
      assert.equal(new Set(shared.data).size, 1, 'one factor for all channels without perChannel');
    }
    assert.ok(distinct >= 15, `only ${distinct} of 20 images had three different channel factors`);
  });

  itKeepsPixelProperties(
    ({ mul, perChannel }) => Multiply([0, mul], { perChannel, seed: 2 }),
    fc.record({ mul: fc.double({ min: 0, max: 4, noNaN: true }), perChannel: fc.boolean() }),
  );

  it('gives fixed params for constant options, equal to what drawParams draws, and none for ranges', () => {
    const shape = { height: 2, width: 3, channels: 3 };
    for (const aug of [Multiply(0.5), Multiply(1.5, { perChannel: true })]) {
      const fixed = aug.fixedParams(shape);
      assert.ok(fixed !== undefined);
      assert.deepEqual(fixed, aug.drawParams(RandomSource.root(7, 3, 11, 'Multiply'), shape));
    }
    assert.equal(Multiply([0.5, 1.5]).fixedParams(shape), undefined);
    assert.equal(Multiply(0.5, { perChannel: 0.5 }).fixedParams(shape), undefined);
  });

  it('rejects bad options with the template error', () => {
    assert.throws(() => Multiply(Number.NaN), /Multiply: mul must be/);
    assert.throws(() => Multiply([2, 1]), /min > max/);
    assert.throws(() => Multiply({ mull: 2 } as never), /Multiply: unknown option "mull"/);
  });
});
