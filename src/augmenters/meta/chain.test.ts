import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as iaa from '../../index.ts';

type Spec = { readonly type: string } & Record<string, unknown>;

// Ranges in hundredths, so that a counterexample prints short numbers.
const upTo = (max: number) => fc.integer({ min: 0, max: Math.round(max * 100) }).map((v) => v / 100);
const around1 = fc.tuple(upTo(1), upTo(1)).map(([a, b]) => [0.5 + Math.min(a, b), 0.5 + Math.max(a, b)]);

/** Children whose outputs keep the input's shape. */
const keepingShape: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    type: fc.constant('Dropout'),
    p: fc.oneof(
      upTo(0.5),
      upTo(0.5).map((p) => [0, p]),
    ),
    perChannel: fc.constantFrom(false, true, 0.5),
  }),
  fc.record({
    type: fc.constant('Affine'),
    rotate: fc.integer({ min: 0, max: 45 }).map((r) => [-r, r]),
    translatePx: fc.integer({ min: 0, max: 4 }).map((t) => ({ x: [-t, t], y: [-t, t] })),
    order: fc.constantFrom(0, 1, 3, [0, 1]),
    mode: fc.constantFrom('constant', 'edge', 'reflect', 'wrap'),
    cval: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ type: fc.constant('Multiply'), mul: around1, perChannel: fc.constantFrom(false, 0.5) }),
  fc.record({ type: fc.constant('LinearContrast'), alpha: around1, perChannel: fc.constantFrom(false, 0.5) }),
  fc.record({ type: fc.constant('GaussianBlur'), sigma: upTo(2).map((s) => [0, s]) }),
  fc.record({ type: fc.constant('Fliplr'), p: fc.constantFrom(0, 0.5, 1) }),
);

/** Children whose outputs may differ in size from their input (so the pipeline takes the per-image path). */
const changingShape: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    type: fc.constant('Resize'),
    size: fc.integer({ min: 1, max: 9 }).map((height) => ({ height, width: 'keep' })),
  }),
  fc.record({
    type: fc.constant('Affine'),
    rotate: fc.integer({ min: 0, max: 60 }).map((r) => [-r, r]),
    fitOutput: fc.constant(true),
  }),
  // A quarter turn swaps height and width; two of them restore the shape, with a transposed shape in between.
  fc.record({ type: fc.constant('Affine'), rotate: fc.constantFrom(90, -90), fitOutput: fc.constant(true) }),
  fc.record({
    type: fc.constant('Sequential'),
    children: fc
      .tuple(fc.constantFrom(90, -90), keepingShape, fc.constantFrom(90, -90))
      .map(([a, middle, b]) => [
        { type: 'Affine', rotate: a, fitOutput: true },
        middle,
        { type: 'Affine', rotate: b, fitOutput: true },
      ]),
  }),
);

/** Pipelines of meta augmenters (nested up to three levels) over the given children. */
function pipelines(leaf: fc.Arbitrary<Spec>): fc.Arbitrary<Spec> {
  const { root } = fc.letrec<{ root: Spec; aug: Spec; meta: Spec }>((tie) => ({
    root: fc.record({
      type: fc.constant('Sequential'),
      randomOrder: fc.boolean(),
      children: fc.array(tie('aug'), { minLength: 1, maxLength: 4 }),
    }),
    aug: fc.oneof({ maxDepth: 3, depthIdentifier: 'pipeline' }, leaf, leaf, tie('meta')),
    meta: fc.oneof(
      { depthIdentifier: 'pipeline' },
      fc.record({
        type: fc.constant('Sequential'),
        randomOrder: fc.boolean(),
        children: fc.array(tie('aug'), { maxLength: 3 }),
      }),
      fc.record(
        { type: fc.constant('Sometimes'), p: fc.constantFrom(0, 0.3, 1), then: tie('aug'), else: tie('aug') },
        { requiredKeys: ['type', 'p', 'then'] },
      ),
      fc.record({ type: fc.constant('OneOf'), children: fc.array(tie('aug'), { minLength: 1, maxLength: 3 }) }),
      fc.record({
        type: fc.constant('SomeOf'),
        n: fc.constantFrom(1, [0, 2], [1, 3]),
        randomOrder: fc.boolean(),
        children: fc.array(tie('aug'), { minLength: 1, maxLength: 3 }),
      }),
    ),
  }));
  return root;
}

interface Case {
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly float: boolean;
  readonly seed: number;
  readonly epoch: number;
  readonly firstIndex: number;
}

const cases: fc.Arbitrary<Case> = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  height: fc.integer({ min: 1, max: 9 }),
  width: fc.integer({ min: 1, max: 9 }),
  channels: fc.constantFrom(1, 3),
  float: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
  epoch: fc.integer({ min: 0, max: 5 }),
  firstIndex: fc.integer({ min: 0, max: 1000 }),
});

function batchOf({ n, height, width, channels, float, seed }: Case): iaa.UniformBatch {
  const stream = iaa.RandomSource.root(seed, 0, 0).stream('pixels');
  const length = n * height * width * channels;
  // float32 values reach outside 0–255, which only float32 arithmetic keeps.
  const data = float
    ? new Float32Array(length).map(() => (stream.nextUint32() % 3000) / 10 - 20)
    : new Uint8Array(length).map(() => stream.nextUint32() & 255);
  return { data, n, height, width, channels };
}

const rawBytes = (data: iaa.PixelArray) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const bytesOf = (image: iaa.Image) => rawBytes(image.data);

/**
 * Augments `c`'s batch as one uniform batch, as a list of separate images, and image by image, and requires the
 * same bytes from all three (and an untouched input). Returns whether the uniform result stayed uniform.
 */
function checkSameBytes(spec: Spec, c: Case): boolean {
  const aug = iaa.fromJSON({ ...spec, seed: c.seed });
  const batch = batchOf(c);
  const before = Buffer.from(rawBytes(batch.data));
  const indices = Array.from({ length: c.n }, (_, i) => c.firstIndex + 3 * i);
  const options = { epoch: c.epoch, indices };
  const whole = aug.augmentImages(batch, options);
  const wholeImages = iaa.isUniformBatch(whole) ? iaa.batchToImages(whole) : whole;
  const list = aug.augmentImages(iaa.batchToImages(batch), options);
  assert.equal(wholeImages.length, c.n);
  for (let i = 0; i < c.n; i++) {
    const single = aug.augmentImage(iaa.batchImage(batch, i), { epoch: c.epoch, index: indices[i] });
    for (const [what, other] of [
      ['list', list[i]],
      ['augmentImage', single],
    ] as const) {
      assert.deepEqual(
        [other.height, other.width, other.channels],
        [wholeImages[i].height, wholeImages[i].width, wholeImages[i].channels],
        `image ${i}: shape of the uniform batch's result vs ${what}`,
      );
      assert.ok(bytesOf(wholeImages[i]).equals(bytesOf(other)), `image ${i}: uniform batch vs ${what}`);
    }
  }
  assert.ok(rawBytes(batch.data).equals(before), 'the input was not changed');
  return iaa.isUniformBatch(whole);
}

describe('pipelines on a uniform batch', () => {
  it('give the bytes of separate images and of augmentImage, for random pipelines that keep the shape', () => {
    fc.assert(
      fc.property(pipelines(keepingShape), cases, (spec, c) => {
        assert.ok(checkSameBytes(spec, c), 'a pipeline that keeps the shape returns a uniform batch');
      }),
      { numRuns: 250 },
    );
  });

  it('give the same bytes when some children change the shape (the per-image fallback)', () => {
    let lists = 0;
    fc.assert(
      fc.property(pipelines(fc.oneof(keepingShape, changingShape)), cases, (spec, c) => {
        if (!checkSameBytes(spec, c)) lists++;
      }),
      { numRuns: 250 },
    );
    assert.ok(lists > 10, `${lists} runs gave images of several sizes`);
  });

  it('falls back when a step changes the shape, even where a later step restores it', () => {
    const seq = iaa.Sequential(
      [iaa.Resize({ height: 4, width: 'keep' }), iaa.Dropout(0.3), iaa.Resize({ height: 8, width: 8 })],
      { seed: 2 },
    );
    const c: Case = { n: 5, height: 8, width: 8, channels: 1, float: false, seed: 1, epoch: 0, firstIndex: 0 };
    const batch = batchOf(c);
    const params = Array.from({ length: c.n }, (_, i) => seq.drawParams(seq.rootSource(0, i), batch));
    assert.equal(seq.applyUniformBatch(batch, params, new Uint8Array(batch.data.length)), false);
    assert.ok(checkSameBytes(seq.toJSON(), c), 'the result keeps the shape, so it is a uniform batch');
  });

  it("calls each child's batch path once per step, never image by image, in Sequential with randomOrder", () => {
    const children: iaa.Augmenter[] = [iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })];
    const calls = children.map(() => ({ batches: 0, images: 0, single: 0 }));
    children.forEach((child, k) => {
      const batchPath = child.applyUniformBatch.bind(child);
      child.applyUniformBatch = (batch, params, out) => {
        calls[k].batches++;
        calls[k].images += batch.n;
        return batchPath(batch, params, out);
      };
      const imagePath = child.applyInto.bind(child);
      child.applyInto = (image, params, out) => {
        calls[k].single++;
        imagePath(image, params, out);
      };
    });
    const seq = iaa.Sequential(children, { randomOrder: true, seed: 7 });
    const c: Case = { n: 32, height: 28, width: 28, channels: 1, float: false, seed: 3, epoch: 0, firstIndex: 0 };
    seq.augmentImages(batchOf(c), { epoch: 0 });
    // Both orders occur among 32 images: images are laid out by order, so each step has two runs, one per child.
    assert.deepEqual(calls, [
      { batches: 2, images: 32, single: 0 },
      { batches: 2, images: 32, single: 0 },
    ]);
  });
});
