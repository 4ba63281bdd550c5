// The contract every registered augmenter must keep, run over the whole registry: a new augmenter gets these
// checks from the example options in its definition (`examples`; the suite fails if it has none). The suite runs
// twice, in two processes: with the WebAssembly kernels (contract.test.ts) and with the TypeScript kernels only
// (contract-ts-kernels.test.ts), so that both twins keep the contract.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';
import { asList, build, cases, channelsFor, isImageRefusal, randomBatch, sameImages, takes } from './cases.ts';
import { workerInvarianceSuite } from './workers.ts';

// A full garbage collection before counting memory, with the freeing of its ArrayBuffers done before it returns (not
// in a background thread meanwhile), so that garbage freed during the counted calls does not hide what they allocate:
// they allocate far too little to start a collection themselves.
setFlagsFromString('--expose-gc');
setFlagsFromString('--no-concurrent-array-buffer-sweeping');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Augmenters that still allocate memory per `augmentImage` call even with `out`, and why (issue 28): each is held
 * to writing its result into `out`, not to allocating nothing.
 */
const ALLOCATES: Readonly<Record<string, string>> = {
  'PerspectiveTransform #0': 'the warp onto the quadrilateral’s own size, then a resize: an intermediate image',
  'PerspectiveTransform #1': 'the warp onto the quadrilateral’s own size: intermediate maps',
  'PerspectiveTransform #2': 'the warp onto the quadrilateral’s own size, then a resize: an intermediate image',
  'ElasticTransformation #0': 'the displacement fields drawn per image',
  'ElasticTransformation #1': 'the displacement fields drawn per image',
  'MotionBlur #0': 'its k × k kernel, drawn per image (a line turned by the drawn angle)',
  'MotionBlur #1': 'its k × k kernel, drawn per image (a line turned by the drawn angle)',
};

/** Augmenters whose output never depends on the seed: they draw nothing (as in imgaug: a fixed matrix, a histogram). */
const DRAW_NOTHING: readonly string[] = [
  'Identity',
  'Convolve',
  'AllChannelsHistogramEqualization',
  'HistogramEqualization',
  // imgaug's centred crops; and CropToSquare, whose one-pixel crop of the suite's 9 × 8 images goes to the bottom
  // whatever the position (imgaug's int((1 − y) · 1) is 0 for every y > 0).
  'CenterCropToAspectRatio',
  'CenterCropToFixedSize',
  'CenterCropToMultiplesOf',
  'CenterCropToPowersOf',
  'CenterCropToSquare',
  'CropToSquare',
  // Pillow's fixed filters (imgaug's pillike._FilterBase) and Equalize.
  ...[...registry.keys()].filter((t) => /^pillike\.(Filter|Equalize$)/.test(t)),
];

/** Registers the contract's tests; `wasm` says whether this process runs the WebAssembly kernels (checked). */
export function contractSuite(wasm: boolean): void {
  const kernels = wasm ? 'WebAssembly kernels on' : 'TypeScript kernels only';
  it(`runs with the ${kernels}`, () => {
    assert.equal(iaa.wasmKernelsAvailable(), wasm);
  });

  describe(`contract: every registered augmenter (${kernels})`, () => {
    it('has example options in this suite', () => {
      const missing = [...registry.keys()].filter((t) => !(cases[t]?.length > 0));
      assert.deepEqual(missing, [], `add example options (\`examples\`) to the definitions of ${missing.join(', ')}`);
    });

    for (const type of registry.keys()) {
      for (const [k, options] of (cases[type] ?? []).entries()) {
        describe(`${type} #${k} ${JSON.stringify(options)}`, () => {
          it('gives the same bytes for the same address, and other bytes for another seed', () => {
            const batch = randomBatch(12, 9, 8, 3);
            const a = build(type, options).augmentImages(batch, { epoch: 1 });
            const b = build(type, options).augmentImages(batch, { epoch: 1 });
            assert.ok(sameImages(a, b));
            if (!DRAW_NOTHING.includes(type)) {
              const seeds = [6, 7, 8].map((s) => build(type, options, s).augmentImages(batch, { epoch: 1 }));
              assert.ok(
                seeds.some((c) => !sameImages(a, c)),
                'output does not depend on the seed',
              );
            }
          });

          it('gives each sample the same result alone as in a batch, in any split', () => {
            const batch = randomBatch(10, 7, 6, channelsFor(type, 1));
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

          it('keeps dtype and channel count for uint8 and float32, 1×1, 1×N and 5-channel images (or refuses the images it does not take, naming its rule)', () => {
            for (const [h, w, c] of [
              [1, 1, 1],
              [1, 9, 3],
              [6, 1, 1],
              [5, 6, 5],
              [4, 4, 4],
            ]) {
              for (const float of [false, true]) {
                const batch = randomBatch(3, h, w, c, float);
                if (!takes(type, c, float)) {
                  assert.throws(
                    () => build(type, options).augmentImages(batch),
                    (e) => isImageRefusal(e, type),
                  );
                  continue;
                }
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

          it('gives a list of same-shape images the bytes of the packed batch, through its batch path', () => {
            const batch = randomBatch(9, 7, 6, 3, false, 31);
            const packed = build(type, options).augmentImages(batch, {
              epoch: 2,
              indices: [4, 8, 1, 0, 3, 7, 6, 5, 2],
            });
            // Separate buffers (gathered first) and views of one buffer (read where they lie).
            const separate = iaa.batchToImages(batch).map((image) => ({ ...image, data: image.data.slice() }));
            for (const list of [separate, iaa.batchToImages(batch)]) {
              const got = build(type, options).augmentImages(list, { epoch: 2, indices: [4, 8, 1, 0, 3, 7, 6, 5, 2] });
              assert.ok(Array.isArray(got), 'a list gives a list');
              assert.ok(sameImages(got, packed));
            }
          });

          const allocates = ALLOCATES[`${type} #${k}`];
          it(`writes augmentImage’s result into \`out\`${allocates ? ` (still allocates: ${allocates})` : ' and allocates no memory per call'}`, () => {
            const aug = build(type, options);
            const image = iaa.batchToImages(randomBatch(1, 16, 16, 3, false, 21))[0];
            // Room for any output size the example options draw (Resize up to 1.5× per side, fitOutput).
            const out = new Uint8Array(4 * image.data.length);
            // Scratch buffers grow and tables kept per size or mode appear in the first 8 calls; the counted calls
            // repeat 4 of their draws (new output sizes may still make a table each).
            for (let e = 0; e < 8; e++) aug.augmentImage(image, { epoch: e, index: e, out });
            collectGarbage();
            const before = process.memoryUsage().arrayBuffers;
            for (let e = 4; e < 8; e++) {
              const got = aug.augmentImage(image, { epoch: e, index: e, out });
              assert.ok(got.data.buffer === out.buffer && got.data.byteOffset === out.byteOffset, 'not in `out`');
            }
            const allocated = process.memoryUsage().arrayBuffers - before;
            if (!allocates) assert.equal(allocated, 0, 'bytes of ArrayBuffers allocated in 4 calls');
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

  it(`ran ${wasm ? 'WebAssembly twins' : 'no WebAssembly twin'} in the kernel table’s count of this thread`, () => {
    const runs = Object.values(iaa.kernelRuns());
    const twins = runs.reduce((sum, r) => sum + r.wasm, 0);
    const references = runs.reduce((sum, r) => sum + r.typescript, 0);
    if (wasm) assert.ok(twins > 0, 'no WebAssembly twin ran');
    else assert.equal(twins, 0, 'a WebAssembly twin ran with the WebAssembly kernels off');
    assert.ok(references > 0, 'no TypeScript reference ran');
  });

  workerInvarianceSuite(wasm);
}
