import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { randomBatch } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';

const randomImages = (n: number, h = 6, w = 5, c = 3, seed = 1): iaa.UniformBatch =>
  randomBatch(n, h, w, c, false, seed);

const pipeline = () =>
  iaa.Sequential(
    [
      iaa.Multiply([0.5, 1.5], { perChannel: 0.5 }),
      iaa.Sometimes(0.5, iaa.Multiply([0.2, 0.4])),
      iaa.SomeOf([0, 2], [iaa.Multiply(1.3), iaa.Multiply([0.9, 1.1]), iaa.Identity()], { randomOrder: true }),
    ],
    { randomOrder: true, seed: 99 },
  );

const bytes = (b: iaa.Batch) => Buffer.from((iaa.isUniformBatch(b) ? b.data : iaa.stackImages(b).data).buffer);

describe('augmentImages with an out buffer', () => {
  it('writes a uniform result into out (same bytes as without), and allocates when out does not fit', () => {
    const batch = randomImages(9);
    const expected = pipeline().augmentImages(batch, { epoch: 2 }) as iaa.UniformBatch;
    const out = new Uint8Array(batch.data.length);
    const got = pipeline().augmentImages(batch, { epoch: 2, out }) as iaa.UniformBatch;
    assert.equal(got.data, out);
    assert.deepEqual(got.data, expected.data);
    const short = new Uint8Array(batch.data.length - 1);
    const other = pipeline().augmentImages(batch, { epoch: 2, out: short }) as iaa.UniformBatch;
    assert.notEqual(other.data, short);
    assert.deepEqual(other.data, expected.data);
    assert.ok(
      short.every((v) => v === 0),
      'an out buffer that does not fit is left untouched',
    );
    const float = pipeline().augmentImages(batch, { epoch: 2, out: new Float32Array(batch.data.length) });
    assert.ok((float as iaa.UniformBatch).data instanceof Uint8Array, 'the dtype follows the input, not out');
  });

  it('rejects an out buffer that shares memory with the batch', () => {
    const batch = randomImages(2);
    assert.throws(
      () => iaa.Multiply(2).augmentImages(batch, { out: batch.data.subarray(0) }),
      /Multiply: out must be a buffer that does not share memory with the batch/,
    );
    const list = [iaa.batchImage(batch, 0), iaa.batchImage(batch, 1)];
    assert.throws(
      () => iaa.Multiply(2).augmentImages(list, { out: batch.data.subarray(5, 9) }),
      /Multiply: out must be a buffer that does not share memory with the batch/,
    );
    // One byte of overlap is enough.
    const big = new Uint8Array(3 * batch.data.length);
    const inside = { ...batch, data: big.subarray(0, batch.data.length) };
    assert.throws(
      () =>
        iaa.Multiply(2).augmentImages(inside, { out: big.subarray(batch.data.length - 1, 2 * batch.data.length - 1) }),
      /Multiply: out must be a buffer that does not share memory with the batch/,
    );
  });

  it('accepts an out in the same buffer as the batch where their bytes do not overlap (as in the kernel heap)', () => {
    const batch = randomImages(2);
    const n = batch.data.length;
    const expected = iaa.Multiply(1.5).augmentImages(batch) as iaa.UniformBatch;
    const big = new Uint8Array(3 * n);
    big.set(batch.data, n);
    const inside = { ...batch, data: big.subarray(n, 2 * n) };
    for (const out of [big.subarray(0, n), big.subarray(2 * n)]) {
      const got = iaa.Multiply(1.5).augmentImages(inside, { out }) as iaa.UniformBatch;
      assert.equal(got.data, out);
      assert.deepEqual(Array.from(out), Array.from(expected.data));
      assert.deepEqual(Array.from(inside.data), Array.from(batch.data), 'the input is left as it was');
    }
  });

  it('writes outputs of different sizes as consecutive views into out, or into one new pool with room to spare', () => {
    // fitOutput makes each output's size depend on its angle.
    const aug = () => iaa.Affine({ rotate: [-45, 45], fitOutput: true, seed: 5 });
    const batch = randomImages(6, 9, 7, 3);
    const expected = aug().augmentImages(batch, { epoch: 1 }) as iaa.Image[];
    assert.ok(Array.isArray(expected) && new Set(expected.map((e) => e.height * e.width)).size > 1);
    const sizes = expected.map((e) => e.data.length);
    const total = sizes.reduce((a, b) => a + b, 0);

    const out = new Uint8Array(total + 10).fill(7);
    const got = aug().augmentImages(batch, { epoch: 1, out }) as iaa.Image[];
    let offset = 0;
    got.forEach((image, i) => {
      assert.equal(image.data.buffer, out.buffer, `image ${i} is a view into out`);
      assert.equal(image.data.byteOffset, offset);
      assert.deepEqual(image.data, expected[i].data);
      assert.deepEqual([image.height, image.width, image.channels], [expected[i].height, expected[i].width, 3]);
      offset += sizes[i];
    });
    assert.ok(
      out.subarray(total).every((v) => v === 7),
      'nothing written past the outputs',
    );

    const short = new Uint8Array(total - 1);
    const pooled = aug().augmentImages(batch, { epoch: 1, out: short }) as iaa.Image[];
    const pool = pooled[0].data.buffer;
    assert.notEqual(pool, short.buffer);
    assert.equal(pool.byteLength, total + (total >> 2), 'a new pool with a quarter to spare');
    pooled.forEach((image, i) => {
      assert.equal(image.data.buffer, pool);
      assert.deepEqual(image.data, expected[i].data);
    });
    assert.ok(
      short.every((v) => v === 0),
      'an out buffer that does not fit is left untouched',
    );

    // Without out, or with inputs of mixed dtypes, every output has its own buffer.
    const mixed = [
      iaa.batchImage(batch, 0),
      { ...iaa.batchImage(batch, 1), data: Float32Array.from(iaa.batchImage(batch, 1).data) },
    ];
    const separate = aug().augmentImages(mixed, { epoch: 1, out: new Uint8Array(10_000) });
    assert.equal(separate[0].data.byteOffset, 0);
    assert.ok(separate[1].data instanceof Float32Array);
    assert.notEqual(separate[0].data.buffer, separate[1].data.buffer);
  });
});

describe('augmentImage with an out buffer', () => {
  it('writes into out itself when it has the output’s length, into its start when longer, and allocates otherwise', () => {
    const image = iaa.batchImage(randomImages(1), 0);
    const expected = iaa.Multiply(0.5).augmentImage(image);
    // 0.5 truncates: each byte of the input halved, worked out here rather than taken from the augmenter.
    assert.deepEqual(
      expected.data,
      image.data.map((v) => v >> 1),
    );
    const exact = new Uint8Array(image.data.length);
    const got = iaa.Multiply(0.5).augmentImage(image, { out: exact });
    assert.equal(got.data, exact);
    assert.deepEqual(got.data, expected.data);
    const longer = new Uint8Array(image.data.length + 7).fill(9);
    const start = iaa.Multiply(0.5).augmentImage(image, { out: longer });
    assert.equal(start.data.buffer, longer.buffer);
    assert.equal(start.data.byteOffset, 0);
    assert.equal(start.data.length, image.data.length);
    assert.deepEqual(start.data, expected.data);
    assert.deepEqual([...longer.subarray(image.data.length)], [9, 9, 9, 9, 9, 9, 9], 'the rest of out is untouched');
    for (const unfit of [new Uint8Array(image.data.length - 1), new Float32Array(image.data.length)]) {
      const fresh = iaa.Multiply(0.5).augmentImage(image, { out: unfit });
      assert.notEqual(fresh.data.buffer, unfit.buffer);
      assert.ok(fresh.data instanceof Uint8Array);
      assert.deepEqual(fresh.data, expected.data);
    }
  });

  it('gives a resized image its own shape inside out', () => {
    const image = iaa.batchImage(randomImages(1, 8, 6, 3), 0);
    const out = new Uint8Array(1000);
    const got = iaa.Resize({ height: 4, width: 3 }).augmentImage(image, { out });
    assert.deepEqual([got.height, got.width, got.channels, got.data.length], [4, 3, 3, 36]);
    assert.equal(got.data.buffer, out.buffer);
    assert.deepEqual(got.data, iaa.Resize({ height: 4, width: 3 }).augmentImage(image).data);
  });

  it('rejects an out buffer that shares memory with the image', () => {
    const batch = randomImages(2);
    assert.throws(
      () => iaa.Multiply(2).augmentImage(iaa.batchImage(batch, 1), { out: batch.data.subarray(100, 200) }),
      /Multiply: out must be a buffer that does not share memory with the image/,
    );
  });
});

describe('Augmenter batches and determinism', () => {
  it('gives identical bytes for 64 images at once and split into calls of 1, 7 and 56 (acceptance)', () => {
    const all = randomImages(64);
    const whole = pipeline().augmentImages(all, { epoch: 3 }) as iaa.UniformBatch;
    const aug = pipeline();
    const parts: Uint8Array[] = [];
    let start = 0;
    for (const size of [1, 7, 56]) {
      const images = iaa.batchToImages(all).slice(start, start + size);
      const indices = Array.from({ length: size }, (_, i) => start + i);
      const out = aug.augmentImages(images, { epoch: 3, indices });
      parts.push(iaa.stackImages(out).data as Uint8Array);
      start += size;
    }
    const joined = Buffer.concat(parts.map((p) => Buffer.from(p)));
    assert.equal(Buffer.compare(joined, Buffer.from(whole.data)), 0);
    // and the images were actually changed, so the comparison is not trivially true
    assert.notEqual(Buffer.compare(Buffer.from(all.data), Buffer.from(whole.data)), 0);
  });

  it('gives the same bytes in another process for the same seed', () => {
    const code = `import * as iaa from './src/index.ts';
      const data = new Uint8Array(4 * 3 * 3).map((_, i) => (i * 37) & 255);
      const aug = iaa.Multiply([0.2, 2], { perChannel: 0.5, seed: 5 });
      const out = aug.augmentImages({ data, n: 4, height: 3, width: 3, channels: 1 }, { epoch: 1 });
      console.log(Buffer.from(out.data).toString('hex'));`;
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    const a = run();
    assert.equal(a.status, 0, a.stderr);
    const data = new Uint8Array(4 * 3 * 3).map((_, i) => (i * 37) & 255);
    const here = iaa
      .Multiply([0.2, 2], { perChannel: 0.5, seed: 5 })
      .augmentImages({ data, n: 4, height: 3, width: 3, channels: 1 }, { epoch: 1 });
    assert.equal(a.stdout.trim(), Buffer.from((here as iaa.UniformBatch).data).toString('hex'));
  });

  it('differs when the seed, the epoch or the indices differ', () => {
    const all = randomImages(16);
    const base = bytes(iaa.Multiply([0.2, 2], { seed: 1 }).augmentImages(all, { epoch: 0 }));
    assert.notEqual(
      Buffer.compare(base, bytes(iaa.Multiply([0.2, 2], { seed: 2 }).augmentImages(all, { epoch: 0 }))),
      0,
    );
    assert.notEqual(
      Buffer.compare(base, bytes(iaa.Multiply([0.2, 2], { seed: 1 }).augmentImages(all, { epoch: 1 }))),
      0,
    );
    const shifted = Array.from({ length: 16 }, (_, i) => i + 100);
    const other = iaa.Multiply([0.2, 2], { seed: 1 }).augmentImages(all, { epoch: 0, indices: shifted });
    assert.notEqual(Buffer.compare(base, bytes(other)), 0);
  });

  it('advances its own call counter, so two plain calls draw differently (as imgaug)', () => {
    const aug = iaa.Multiply([0.2, 2], { seed: 4 });
    const img = randomImages(1).data;
    const image = iaa.makeImage(img, 6, 5, 3);
    const a = aug.augmentImage(image);
    const b = aug.augmentImage(image);
    assert.equal(iaa.imagesEqual(a, b), false);
  });

  it('toDeterministic repeats the same draws on every call', () => {
    const det = iaa.Multiply([0.2, 2], { seed: 4 }).toDeterministic();
    const image = iaa.batchImage(randomImages(1), 0);
    const a = det.augmentImage(image);
    assert.ok(iaa.imagesEqual(a, det.augmentImage(image)));
    assert.ok(iaa.imagesEqual(a, det.augmentImage(image)));
    assert.equal(iaa.imagesEqual(a, image), false);
  });

  it('reseed restarts from a new seed and reproduces that seed', () => {
    const image = iaa.batchImage(randomImages(1), 0);
    const a = iaa.Multiply([0.2, 2], { seed: 1 });
    a.augmentImage(image);
    a.reseed(8);
    const fresh = iaa.Multiply([0.2, 2], { seed: 8 });
    assert.ok(iaa.imagesEqual(a.augmentImage(image), fresh.augmentImage(image)));
  });

  it('iaa.seed makes unseeded augmenters reproducible', () => {
    const image = iaa.batchImage(randomImages(1), 0);
    iaa.seed(1234);
    const a = iaa.Multiply([0.2, 2]).augmentImage(image);
    iaa.seed(1234);
    const b = iaa.Multiply([0.2, 2]).augmentImage(image);
    assert.ok(iaa.imagesEqual(a, b));
    assert.equal(iaa.getSeed(), 1234);
  });

  it('returns a uniform batch for a uniform batch and a list for a list, never mutating the input', () => {
    const all = randomImages(3);
    const copy = all.data.slice();
    const out = iaa.Multiply(0.5).augmentImages(all);
    assert.ok(iaa.isUniformBatch(out));
    assert.deepEqual(all.data, copy);
    const list = iaa.Multiply(0.5).augmentImages(iaa.batchToImages(all));
    assert.ok(Array.isArray(list) && list.length === 3);
    assert.deepEqual(Buffer.from(iaa.stackImages(list).data), Buffer.from((out as iaa.UniformBatch).data));
  });

  it('maps a uniform batch with constant parameters in one pass, with the same bytes as image by image', () => {
    const cases = [
      iaa.Multiply(0.5),
      iaa.Add(7, { perChannel: true }),
      iaa.LinearContrast(1.5),
      iaa.GammaContrast(2),
      iaa.Multiply(iaa.iap.uniform(0.7, 0.7)),
      iaa.Sometimes(0.5, iaa.Multiply(0.3)), // runs of shared params broken by untouched images
    ];
    for (const float of [false, true]) {
      const u8 = randomImages(9, 5, 4, 3);
      const batch: iaa.UniformBatch = float ? { ...u8, data: new Float32Array(u8.data).map((v) => v / 255) } : u8;
      for (const aug of cases) {
        const whole = aug.augmentImages(batch, { epoch: 0 }) as iaa.UniformBatch;
        const single = iaa.batchToImages(batch).map((img, i) => aug.augmentImage(img, { epoch: 0, index: i }));
        assert.deepEqual(
          Array.from(whole.data),
          Array.from(iaa.stackImages(single).data),
          `${aug.type} float=${float}`,
        );
      }
    }
  });

  it('applyBatchInto writes the bytes of apply for each image, through a batch kernel or image by image', () => {
    const batch = randomImages(7, 6, 5, 3);
    const cases: [iaa.Augmenter, iaa.Shape][] = [
      [iaa.Dropout(0.3, { seed: 1 }), batch], // has a batch kernel
      [iaa.Affine({ rotate: [-40, 40], seed: 2 }), batch], // has a batch kernel
      [iaa.Resize({ height: 3, width: 'keep' }, { seed: 3 }), { height: 3, width: 5, channels: 3 }], // changes the shape
    ];
    for (const [aug, shape] of cases) {
      const params = Array.from({ length: batch.n }, (_, i) => aug.drawParams(aug.rootSource(0, i), batch));
      const size = shape.height * shape.width * shape.channels;
      const out = new Uint8Array(batch.n * size);
      aug.applyBatchInto(batch, params, out, shape);
      const expected = iaa.batchToImages(batch).map((img, i) => aug.apply(img, params[i]));
      assert.equal(expected[0].height * expected[0].width * expected[0].channels, size);
      assert.ok(Buffer.from(out).equals(Buffer.from(iaa.stackImages(expected).data)), aug.type);
    }
  });

  it('hands a batch of more than 1 MB to the kernels in pieces only where pieces pay, with the same bytes', () => {
    // 160×160×3 = 76.8 KB per image, 20 images: pieces of 13 images (1 MB) where the batch path passes over the
    // pixels more than once or shares work between images; one call for a kernel of one pass.
    const batch = randomImages(20, 160, 160, 3);
    for (const [aug, pieces] of [
      [iaa.Affine({ rotate: 30 }), [13, 7]], // one warp for the whole batch (sharesBatchWork)
      [iaa.GaussianBlur(1), [13, 7]], // two passes
      [iaa.Sequential([iaa.Fliplr(1), iaa.Multiply(0.5)]), [13, 7]], // a pass per child
      [iaa.Affine({ rotate: [-30, 30] }), [20]],
      [iaa.Affine({ translatePx: { x: 10, y: 2 } }), [20]],
      [iaa.Fliplr(1), [20]],
      [iaa.Multiply(0.5), [20]],
    ] as [iaa.Augmenter, number[]][]) {
      const sizes: number[] = [];
      const kernels = aug.applyUniformBatch.bind(aug);
      aug.applyUniformBatch = (...args: Parameters<typeof kernels>) => {
        sizes.push(args[0].n);
        return kernels(...args);
      };
      const got = aug.augmentImages(batch, { epoch: 1 }) as iaa.UniformBatch;
      assert.deepEqual(sizes, pieces, aug.type);
      const expected = iaa.batchToImages(batch).map((image, i) => aug.augmentImage(image, { epoch: 1, index: i }));
      assert.ok(Buffer.from(got.data).equals(Buffer.from(iaa.stackImages(expected).data)), aug.type);
    }
  });

  it('handles an empty batch', () => {
    const empty = { data: new Uint8Array(0), n: 0, height: 2, width: 2, channels: 1 };
    const out = iaa.Multiply(0.5).augmentImages(empty) as iaa.UniformBatch;
    assert.equal(out.n, 0);
    assert.deepEqual(iaa.Multiply(0.5).augmentImages([]), []);
  });

  it('accepts a gray image given without channels', () => {
    const out = iaa.Multiply(0.5).augmentImage({ data: new Uint8Array([10, 20]), height: 1, width: 2 } as iaa.Image);
    assert.deepEqual(Array.from(out.data), [5, 10]);
    assert.equal(out.channels, 1);
  });

  it('rejects malformed images and batches with a clear message', () => {
    const aug = iaa.Multiply(0.5);
    assert.throws(
      () => aug.augmentImage({ data: new Uint8Array(5), height: 2, width: 2, channels: 1 }),
      /image.data must be of length height × width × channels = 2 × 2 × 1 = 4; received a Uint8Array of length 5/,
    );
    assert.throws(
      () => aug.augmentImage({ data: new Uint8Array(0), height: 0, width: 2, channels: 1 }),
      /image.height must be a positive integer; received 0/,
    );
    assert.throws(
      () => aug.augmentImage({ data: new Uint8Array(4), height: 2.5, width: 2, channels: 1 } as iaa.Image),
      /height must be a positive integer/,
    );
    assert.throws(
      () => aug.augmentImage({ data: new Int16Array(4), height: 2, width: 2, channels: 1 } as never),
      /image.data must be a Uint8Array or a Float32Array; received a Int16Array/,
    );
    assert.throws(() => aug.augmentImage({ data: [1, 2, 3, 4], height: 2, width: 2, channels: 1 } as never), TypeError);
    assert.throws(
      () => aug.augmentImages({ data: new Uint8Array(7), n: 2, height: 2, width: 2, channels: 1 }),
      /batch.data must be of length/,
    );
    assert.throws(
      () => aug.augmentImages([iaa.makeImage(new Uint8Array(4), 2, 2)], { indices: [0, 1] }),
      /indices must be an array of 1 indices/,
    );
    assert.throws(
      () => aug.augmentImages([iaa.makeImage(new Uint8Array(4), 2, 2)], { indices: [-1] }),
      /indices\[0\] must be an integer/,
    );
    assert.throws(() => aug.augmentImages([], { epoch: 1.5 }), /epoch must be an integer/);
  });
});

describe('Multiply', () => {
  const img = (values: number[]) => iaa.makeImage(new Uint8Array(values), 1, values.length);
  it('maps 255 to 127 and 3 to 1 with mul 0.5 (truncating, as imgaug)', () => {
    assert.deepEqual(Array.from(iaa.Multiply(0.5).augmentImage(img([255, 3, 0, 128])).data), [127, 1, 0, 64]);
  });
  it('clips at 255', () => {
    assert.deepEqual(Array.from(iaa.Multiply(2).augmentImage(img([100, 128, 200])).data), [200, 255, 255]);
  });
  it('returns identical bytes when mul is 1', () => {
    const values = Array.from({ length: 256 }, (_, i) => i);
    assert.deepEqual(Array.from(iaa.Multiply(1).augmentImage(img(values)).data), values);
  });
  it('does not clip float32 images', () => {
    const f = iaa.makeImage(new Float32Array([200, -1, 0.5]), 1, 3);
    assert.deepEqual(Array.from(iaa.Multiply(2).augmentImage(f).data), [400, -2, 1]);
  });
  it('draws one factor per channel when perChannel is true', () => {
    const data = new Uint8Array(3 * 100).fill(100);
    const out = iaa.Multiply([0.1, 2], { perChannel: true, seed: 3 }).augmentImage(iaa.makeImage(data, 10, 10, 3));
    const firsts = [out.data[0], out.data[1], out.data[2]];
    assert.equal(new Set(firsts).size, 3);
    for (let i = 0; i < out.data.length; i++) assert.equal(out.data[i], firsts[i % 3]);
  });
  it('accepts the options-object form and the positional form alike', () => {
    const a = iaa.Multiply({ mul: 0.5, perChannel: true }).toJSON();
    const b = iaa.Multiply(0.5, { perChannel: true }).toJSON();
    assert.deepEqual(a, b);
    assert.deepEqual(a, { type: 'Multiply', seed: a.seed, mul: 0.5, perChannel: true });
  });
  it('rejects bad options naming the option and range', () => {
    assert.throws(
      () => iaa.Multiply([1.5, 0.5]),
      /Multiply: mul must be a number in \[-1000000, 1000000\], a \[min, max\] range of such or an iap parameter; received \[1.5, 0.5\] \(min > max\)/,
    );
    assert.throws(() => iaa.Multiply(Number.POSITIVE_INFINITY), /received Infinity/);
    assert.throws(
      () => iaa.Multiply(0.5, { perChannel: 2 }),
      /perChannel must be a boolean, a probability in \[0, 1\]/,
    );
    assert.throws(() => iaa.Multiply({ mull: 2 } as never), /unknown option "mull"/);
    assert.throws(() => iaa.Multiply(0.5, { mul: 2 } as never), /given twice/);
    assert.throws(() => iaa.Multiply(0.5, { seed: -2 }), /seed must be a non-negative integer/);
  });
});
