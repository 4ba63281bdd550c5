import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBatch } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';

const randomImages = (n: number, h = 6, w = 5, c = 3, seed = 1): iaa.UniformBatch =>
  randomBatch(n, h, w, c, false, seed);

describe('augmentImages with a list of same-shape images', () => {
  it('runs the batch path once for the whole list, with the bytes of the packed batch', () => {
    const batch = randomImages(6);
    const aug = iaa.Multiply(0.5);
    const packed = aug.augmentImages(batch, { epoch: 1 }) as iaa.UniformBatch;
    let calls = 0;
    const batchPath = aug.applyBatchInto.bind(aug);
    aug.applyBatchInto = (...args) => {
      calls++;
      return batchPath(...args);
    };
    const separate = iaa.batchToImages(batch).map((image) => iaa.cloneImage(image));
    const list = aug.augmentImages(separate, { epoch: 1 });
    assert.equal(calls, 1);
    assert.equal(list.length, 6);
    assert.deepEqual(iaa.stackImages(list).data, packed.data);
    assert.ok(
      list.every((image) => image.data.buffer === list[0].data.buffer),
      'the outputs are views of one buffer',
    );
    const out = new Uint8Array(batch.data.length);
    const into = aug.augmentImages(separate, { epoch: 1, out });
    assert.equal(calls, 2);
    assert.ok(into.every((image, i) => image.data.buffer === out.buffer && image.data.byteOffset === i * 90));
    assert.deepEqual(out, packed.data);
  });

  it('gives each image of a list result a view of exactly its own part of out, call after call', () => {
    // The views of the last list result are reused when the next one lies in the same memory the same way; any
    // other layout (another buffer, offset, count, size or dtype) must get views of its own.
    const aug = iaa.Multiply(0.5);
    const out = new Uint8Array(6 * 90 + 180);
    const expect = (list: iaa.Image[], batch: iaa.UniformBatch, from: number, data: Uint8Array | Float32Array) => {
      const size = batch.height * batch.width * batch.channels;
      assert.equal(list.length, batch.n);
      list.forEach((image, i) => {
        assert.equal(image.data.buffer, data.buffer);
        assert.equal(image.data.byteOffset, data.byteOffset + from + i * size * data.BYTES_PER_ELEMENT);
        assert.equal(image.data.length, size);
        assert.equal(image.data.constructor, data.constructor);
        assert.deepEqual([image.height, image.width, image.channels], [batch.height, batch.width, batch.channels]);
      });
      const packed = aug.augmentImages(batch, { epoch: 1 }) as iaa.UniformBatch;
      assert.deepEqual(iaa.stackImages(list).data, packed.data);
    };
    const six = randomImages(6);
    const separate = (b: iaa.UniformBatch) => iaa.batchToImages(b).map((image) => iaa.cloneImage(image));
    for (let round = 0; round < 2; round++) expect(aug.augmentImages(separate(six), { epoch: 1, out }), six, 0, out);
    // The same memory laid out the same way, but images of another shape (5 × 6 instead of 6 × 5, as many values).
    const turned = randomImages(6, 5, 6, 3, 4);
    expect(aug.augmentImages(separate(turned), { epoch: 1, out }), turned, 0, out);
    const five = randomImages(5, 6, 5, 3, 2);
    expect(aug.augmentImages(separate(five), { epoch: 1, out }), five, 0, out);
    const wider = randomImages(5, 6, 6, 3, 3);
    expect(aug.augmentImages(separate(wider), { epoch: 1, out }), wider, 0, out);
    const later = out.subarray(90);
    expect(aug.augmentImages(separate(five), { epoch: 1, out: later }), five, 0, later);
    const other = new Uint8Array(out.length);
    expect(aug.augmentImages(separate(five), { epoch: 1, out: other }), five, 0, other);
    const floats = { ...five, data: Float32Array.from(five.data) };
    const fout = new Float32Array(out.length);
    expect(aug.augmentImages(separate(floats), { epoch: 1, out: fout }), floats, 0, fout);
  });

  it('names the malformed image of a list and its field in the error', () => {
    const a = { data: new Uint8Array(6), height: 2, width: 3, channels: 1 };
    const aug = iaa.Multiply(0.5);
    const cases: [unknown, RegExp][] = [
      [{ ...a, height: 0 }, /Multiply: batch\[1\]\.height must be a positive integer; received 0$/],
      [{ ...a, data: [1] }, /Multiply: batch\[1\]\.data must be a Uint8Array or a Float32Array/],
      [{ ...a, width: 4 }, /Multiply: batch\[1\]\.data must be of length height × width × channels = 2 × 4 × 1 = 8/],
      [5, /Multiply: batch\[1\] must be an image \{ data, height, width, channels \}/],
      [null, /Multiply: batch\[1\] must be an image \{ data, height, width, channels \}/],
      // Looks like the first image's data to a check of constructor and length alone.
      [{ ...a, data: { constructor: Uint8Array, length: 6 } }, /Multiply: batch\[1\]\.data must be a Uint8Array/],
      [{ ...a, data: new Uint8ClampedArray(6) }, /Multiply: batch\[1\]\.data must be a Uint8Array or a Float32Array/],
    ];
    for (const [bad, message] of cases) assert.throws(() => aug.augmentImages([a, bad as iaa.Image]), message);
    assert.throws(() => aug.augmentImage({ ...a, channels: 1.5 }), /Multiply: image\.channels must be a positive/);
  });

  it('gathers large images for a batch path that shares work between them (Affine, one warp), else goes one by one', () => {
    // 160×160×3 = 76.8 KB per image: above the size up to which every list is gathered.
    const batch = randomImages(4, 160, 160, 3);
    const separate = iaa.batchToImages(batch).map((image) => iaa.cloneImage(image));
    for (const [aug, calls] of [
      [iaa.Affine({ rotate: 30 }), [4]],
      [iaa.Affine({ rotate: [-30, 30] }), [1, 1, 1, 1]],
      [iaa.Multiply(0.5), [1, 1, 1, 1]],
    ] as [iaa.Augmenter, number[]][]) {
      const packed = aug.augmentImages(batch, { epoch: 1 }) as iaa.UniformBatch;
      const sizes: number[] = [];
      const batchPath = aug.applyBatchInto.bind(aug);
      aug.applyBatchInto = (...args: Parameters<typeof batchPath>) => {
        sizes.push(args[0].n);
        return batchPath(...args);
      };
      const list = aug.augmentImages(separate, { epoch: 1 });
      assert.deepEqual(sizes, calls, aug.type);
      assert.deepEqual(iaa.stackImages(list).data, packed.data);
    }
  });

  it('reads an image without channels as one channel, wherever it stands in the list', () => {
    const [a, b] = iaa.batchToImages(randomImages(2, 4, 5, 1));
    const aug = iaa.Multiply(0.5);
    const expected = aug.augmentImages([a, b], { epoch: 1 }).map((image) => [...image.data]);
    for (const list of [
      [{ data: a.data, height: 4, width: 5 }, b],
      [a, { data: b.data, height: 4, width: 5 }],
    ]) {
      const got = aug.augmentImages(list as iaa.Image[], { epoch: 1 });
      assert.deepEqual(
        got.map((image) => [...image.data]),
        expected,
      );
      assert.ok(got.every((image) => image.channels === 1));
    }
  });

  it('goes image by image when the shapes or data types differ', () => {
    const aug = iaa.Multiply(0.5);
    let calls = 0;
    const batchPath = aug.applyBatchInto.bind(aug);
    aug.applyBatchInto = (...args) => {
      calls++;
      return batchPath(...args);
    };
    const a = iaa.batchImage(randomImages(1, 6, 5, 3), 0);
    const b = iaa.batchImage(randomImages(1, 5, 6, 3), 0);
    const f = { ...a, data: Float32Array.from(a.data) };
    for (const list of [
      [a, b],
      [a, f],
    ]) {
      const got = aug.augmentImages(list, { epoch: 1 });
      assert.deepEqual(
        got.map((image) => [...image.data]),
        list.map((image, i) => [...aug.augmentImage(image, { epoch: 1, index: i }).data]),
      );
    }
    assert.equal(calls, 0);
  });
});
