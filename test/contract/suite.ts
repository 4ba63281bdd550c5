// The contract every registered augmenter must keep, run over the whole registry: a new augmenter gets these
// checks by adding one line of example options to `cases` (the suite fails if it has none).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../src/index.ts';

/** Example JSON options per augmenter type: random enough that the output depends on the draws. */
const cases: Record<string, Record<string, unknown>[]> = {
  Identity: [{}],
  Grayscale: [{ alpha: [0, 1] }],
  AdditiveGaussianNoise: [{ scale: [0, 30], loc: [-5, 5], perChannel: 0.5 }],
  Multiply: [{ mul: [0.5, 1.5], perChannel: 0.5 }],
  Add: [{ value: [-40, 40], perChannel: 0.5 }],
  LinearContrast: [{ alpha: [0.5, 1.5], perChannel: 0.5 }],
  GammaContrast: [{ gamma: [0.5, 2] }],
  GaussianBlur: [{ sigma: [0, 2] }],
  Dropout: [{ p: [0.1, 0.3], perChannel: 0.5 }],
  SaltAndPepper: [{ p: [0.1, 0.3], perChannel: 0.5 }],
  Affine: [
    { rotate: [-45, 45], scale: [0.8, 1.2], mode: ['constant', 'edge', 'reflect', 'symmetric', 'wrap'], order: [0, 1] },
    { rotate: [-30, 30], fitOutput: true, cval: [0, 255], order: 3 },
    { translatePx: { x: [-3, 3], y: [-2, 2] }, shear: { x: [-10, 10], y: [-5, 5] } },
  ],
  Resize: [
    { size: [0.5, 1.5], interpolation: ['nearest', 'linear', 'cubic'] },
    { size: { height: [3, 9], width: 'keep' } },
  ],
  PerspectiveTransform: [
    { scale: [0.01, 0.15], mode: ['constant', 'replicate'], cval: [0, 255] },
    { scale: [0, 0.1], keepSize: false },
    { scale: 0.05, fitOutput: true },
  ],
  ElasticTransformation: [
    { alpha: [0, 40], sigma: [4, 8] },
    { alpha: [5, 20], sigma: [0, 2], order: [0, 1, 2, 3, 4, 5], mode: ['constant', 'nearest', 'reflect', 'wrap'] },
    { alpha: 30, sigma: 3, order: 1, cval: [0, 255], mode: 'constant' },
  ],
  Fliplr: [{ p: 0.5 }],
  Flipud: [{ p: 0.5 }],
  Rotate: [{ rotate: [-20, 20] }],
  ShearX: [{ shear: [-20, 20] }],
  ShearY: [{ shear: [-20, 20] }],
  ScaleX: [{ scale: [0.5, 1.5] }],
  ScaleY: [{ scale: [0.5, 1.5] }],
  TranslateX: [{ px: [-3, 3] }],
  TranslateY: [{ px: [-3, 3] }],
  Sequential: [{ randomOrder: true, children: [{ type: 'Multiply', mul: [0.5, 1.5] }, { type: 'Identity' }] }],
  Sometimes: [{ p: 0.5, then: { type: 'Multiply', mul: [0.1, 0.5] }, else: { type: 'Multiply', mul: [1.5, 2] } }],
  OneOf: [
    {
      children: [
        { type: 'Multiply', mul: [0.1, 0.5] },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
  SomeOf: [
    {
      n: [0, 2],
      randomOrder: true,
      children: [
        { type: 'Multiply', mul: 0.5 },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
};

function randomBatch(n: number, h: number, w: number, c: number, float = false, seed = 11): iaa.UniformBatch {
  const s = iaa.RandomSource.root(seed, 0, 0).stream('pixels');
  const data = float ? new Float32Array(n * h * w * c) : new Uint8Array(n * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = float ? (s.nextUint32() & 255) / 255 : s.nextUint32() & 255;
  return { data, n, height: h, width: w, channels: c };
}

const asList = (b: iaa.Batch): iaa.Image[] => (iaa.isUniformBatch(b) ? iaa.batchToImages(b) : [...b]);

function sameImages(a: iaa.Batch, b: iaa.Batch): boolean {
  const x = asList(a);
  const y = asList(b);
  return x.length === y.length && x.every((img, i) => iaa.imagesEqual(img, y[i]));
}

const build = (type: string, options: Record<string, unknown>, seed = 5) => iaa.fromJSON({ type, seed, ...options });

describe('contract: every registered augmenter', () => {
  it('has example options in this suite', () => {
    const missing = [...iaa.registry.keys()].filter((t) => !cases[t]);
    assert.deepEqual(missing, [], `add example options for ${missing.join(', ')} to test/contract/contract.test.ts`);
  });

  for (const type of iaa.registry.keys()) {
    for (const [k, options] of (cases[type] ?? []).entries()) {
      describe(`${type} #${k} ${JSON.stringify(options)}`, () => {
        it('gives the same bytes for the same address, and other bytes for another seed', () => {
          const batch = randomBatch(12, 9, 8, 3);
          const a = build(type, options).augmentImages(batch, { epoch: 1 });
          const b = build(type, options).augmentImages(batch, { epoch: 1 });
          assert.ok(sameImages(a, b));
          if (type !== 'Identity') {
            const seeds = [6, 7, 8].map((s) => build(type, options, s).augmentImages(batch, { epoch: 1 }));
            assert.ok(
              seeds.some((c) => !sameImages(a, c)),
              'output does not depend on the seed',
            );
          }
        });

        it('gives each sample the same result alone as in a batch, in any split', () => {
          const batch = randomBatch(10, 7, 6, 1);
          const whole = asList(build(type, options).augmentImages(batch, { epoch: 4 }));
          const aug = build(type, options);
          const images = iaa.batchToImages(batch);
          const pieces = [
            ...asList(aug.augmentImages(images.slice(0, 3), { epoch: 4, indices: [0, 1, 2] })),
            ...asList(aug.augmentImages(images.slice(3), { epoch: 4, indices: [3, 4, 5, 6, 7, 8, 9] })),
          ];
          const single = images.map((img, i) => aug.augmentImage(img, { epoch: 4, index: i }));
          assert.ok(sameImages(whole, pieces));
          assert.ok(sameImages(whole, single));
        });

        it('never mutates its input', () => {
          const batch = randomBatch(6, 8, 8, 3);
          const copy = batch.data.slice();
          build(type, options).augmentImages(batch);
          build(type, options).augmentImages(iaa.batchToImages(batch));
          assert.deepEqual(batch.data, copy);
        });

        it('keeps dtype and channel count for uint8 and float32, 1×1, 1×N and 5-channel images', () => {
          for (const [h, w, c] of [
            [1, 1, 1],
            [1, 9, 3],
            [6, 1, 1],
            [5, 6, 5],
            [4, 4, 4],
          ]) {
            for (const float of [false, true]) {
              const batch = randomBatch(3, h, w, c, float);
              const out = asList(build(type, options).augmentImages(batch));
              assert.equal(out.length, 3);
              for (const img of out) {
                assert.equal(img.channels, c);
                assert.equal(img.data instanceof Float32Array, float);
                assert.equal(img.data.length, img.height * img.width * img.channels);
                if (float) assert.ok(img.data.every(Number.isFinite), 'a float output holds NaN or Infinity');
              }
            }
          }
        });

        it('gives the same bytes reading from and writing into SharedArrayBuffers at any byte offset', () => {
          // Worker threads read batches from shared memory; copies into and out of the WebAssembly kernels place the
          // pixels at the shared buffer's alignment (src/kernels/copy.ts). 13×11×3 images: an odd size, so every
          // image of the batch sits at another alignment.
          const plain = randomBatch(4, 13, 11, 3) as iaa.UniformBatch<Uint8Array>;
          const expected = build(type, options).augmentImages(plain, { epoch: 3 });
          const outLength = asList(expected).reduce((sum, img) => sum + img.data.length, 0);
          for (const [inOffset, outOffset] of [
            [1, 0],
            [3, 6],
            [0, 5],
            [7, 7],
          ]) {
            const data = new Uint8Array(new SharedArrayBuffer(inOffset + plain.data.length), inOffset);
            data.set(plain.data);
            const out = new Uint8Array(new SharedArrayBuffer(outOffset + outLength), outOffset);
            const got = build(type, options).augmentImages({ ...plain, data }, { epoch: 3, out });
            assert.ok(sameImages(got, expected), `input at byte ${inOffset}, output at byte ${outOffset}`);
            assert.ok(
              asList(got).every((img) => img.data.buffer === out.buffer),
              'the result is not in `out`',
            );
          }
        });

        it('behaves identically after a JSON round trip', () => {
          const aug = build(type, options);
          const copy = iaa.fromJSON(JSON.parse(JSON.stringify(aug.toJSON())));
          assert.deepEqual(copy.toJSON(), aug.toJSON());
          const batch = randomBatch(8, 6, 6, 3);
          assert.ok(sameImages(copy.augmentImages(batch, { epoch: 2 }), aug.augmentImages(batch, { epoch: 2 })));
        });

        it('rejects an unknown option with the template error', () => {
          assert.throws(() => iaa.fromJSON({ type, ...options, bogusOption: 1 }), /bogusOption: unknown option/);
        });
      });
    }
  }
});
