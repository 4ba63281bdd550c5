import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { Add } from './add.ts';

const gray = makeImage(new Uint8Array([0, 1, 100, 128, 250, 255]), 1, 6);

function added(value: number, image = gray): number[] {
  return Array.from(Add(value, { seed: 1 }).augmentImage(image).data);
}

describe('Add', () => {
  it('adds in integers and saturates at 0 and 255', () => {
    assert.deepEqual(added(10), [10, 11, 110, 138, 255, 255]);
    assert.deepEqual(added(-10), [0, 0, 90, 118, 240, 245]);
  });

  it('rounds the value half to even, as numpy does (2.5 → 2, 3.5 → 4, −2.5 → −2, 0.6 → 1)', () => {
    assert.deepEqual(added(2.5), [2, 3, 102, 130, 252, 255]);
    assert.deepEqual(added(3.5), [4, 5, 104, 132, 254, 255]);
    assert.deepEqual(added(-2.5), [0, 0, 98, 126, 248, 253]);
    assert.deepEqual(added(0.6), [1, 2, 101, 129, 251, 255]);
  });

  it('clips the value to [-255, 255]: 300 makes everything white, -300 everything black', () => {
    assert.deepEqual(added(300), [255, 255, 255, 255, 255, 255]);
    assert.deepEqual(added(-300), [0, 0, 0, 0, 0, 0]);
  });

  it('adds the unrounded value to float32 images without clipping', () => {
    const f = makeImage(new Float32Array([0, 0.5, 1, -0.25]), 2, 2);
    assert.deepEqual(Array.from(Add(0.25).augmentImage(f).data), [0.25, 0.75, 1.25, 0]);
  });

  it('returns identical bytes when value is 0', () => {
    const rgb = makeImage(
      new Uint8Array(48).map((_, i) => (i * 53) & 255),
      4,
      4,
      3,
    );
    const out = Add(0).augmentImage(rgb);
    assert.ok(imagesEqual(out, rgb));
    assert.notEqual(out.data, rgb.data);
  });

  it('draws one value per image within [min, max], different across images', () => {
    const flat = makeImage(new Uint8Array(12).fill(128), 2, 2, 3);
    const aug = Add([-20, 20], { seed: 5 });
    const deltas = new Set<number>();
    for (let index = 0; index < 50; index++) {
      const out = aug.augmentImage(flat, { index });
      const d = out.data[0] - 128;
      assert.ok(d >= -20 && d <= 20, `delta ${d}`);
      for (const v of out.data) assert.equal(v - 128, d, 'one value for every channel without perChannel');
      deltas.add(d);
    }
    assert.ok(deltas.size >= 10, `only ${deltas.size} distinct values`);
  });

  it('draws one value per channel when perChannel is true', () => {
    const flat = makeImage(new Uint8Array(4 * 3).fill(128), 2, 2, 3);
    const aug = Add([-50, 50], { perChannel: true, seed: 9 });
    let distinctImages = 0;
    for (let index = 0; index < 20; index++) {
      const out = aug.augmentImage(flat, { index });
      for (let i = 3; i < out.data.length; i++) assert.equal(out.data[i], out.data[i % 3], 'same value in a channel');
      if (new Set(out.data.subarray(0, 3)).size === 3) distinctImages++;
    }
    assert.ok(distinctImages >= 15, `only ${distinctImages} of 20 images had three different channel values`);
  });

  it('serialises to its named JSON form', () => {
    assert.deepEqual(Add({ seed: 3 }).toJSON(), { type: 'Add', seed: 3, value: [-20, 20], perChannel: false });
    assert.deepEqual(Add(3, { perChannel: 0.5, seed: 1 }).toJSON(), {
      type: 'Add',
      seed: 1,
      value: 3,
      perChannel: 0.5,
    });
  });

  itKeepsPixelProperties(
    ({ a, b, perChannel }) => Add([Math.min(a, b), Math.max(a, b)], { perChannel, seed: 3 }),
    fc.record({
      a: fc.integer({ min: -300, max: 300 }),
      b: fc.integer({ min: -300, max: 300 }),
      perChannel: fc.boolean(),
    }),
  );

  it('rejects bad options with the template error', () => {
    assert.throws(() => Add(Number.NaN), /Add: value must be a number in \[-1000000, 1000000\].*received NaN/);
    assert.throws(() => Add([5, 1]), /Add: value must be .*received \[5, 1\] \(min > max\)/);
    assert.throws(() => Add(Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => Add('5' as unknown as number), TypeError);
    assert.throws(() => Add({ valeu: 3 } as never), /Add: unknown option "valeu"/);
    assert.throws(() => Add(1, { perChannel: 2 }), /Add: perChannel must be a boolean, a probability in \[0, 1\]/);
  });
});
