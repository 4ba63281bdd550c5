import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as iaa from '../../index.ts';

/** The matrix an Affine draw warps by (an identity warp, which imgaug skips, is the identity matrix). */
function matrixOf(params: unknown): readonly number[] {
  const { warp } = params as { warp: { kind: string; matrix?: readonly number[] } };
  return warp.kind === 'affine' && warp.matrix ? warp.matrix : [1, 0, 0, 0, 1, 0];
}

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => (i * 7 + 3) & 255),
    h,
    w,
    c,
  );

const at = (img: iaa.Image, r: number, col: number, ch = 0) => img.data[(r * img.width + col) * img.channels + ch];

describe('Affine', () => {
  it('rotates 180° with order 0 by reversing rows and columns', () => {
    const img = ramp(5, 7);
    const out = iaa.Affine({ rotate: 180, order: 0 }).augmentImage(img);
    for (let r = 0; r < 5; r++) for (let c = 0; c < 7; c++) assert.equal(at(out, r, c), at(img, 4 - r, 6 - c));
  });

  it('rotates 90° (clockwise on screen) with order 0: pixel (r, c) moves to (c, H−1−r) on a square image', () => {
    // With y down, a clockwise quarter turn about the centre ((W−1)/2, (H−1)/2) maps (x, y) → (H−1−y, x):
    // column c, row r lands at column H−1−r, row c.
    const img = ramp(6, 6);
    const out = iaa.Affine({ rotate: 90, order: 0 }).augmentImage(img);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) assert.equal(at(out, c, 5 - r), at(img, r, c));
  });

  it('gives a 28×28 canvas for rotate 90 with fitOutput (imgaug 0.4.0 gives 29×29 from float32 noise)', () => {
    const img = ramp(28, 28);
    assert.equal(iaa.Affine({ rotate: 90, fitOutput: true }).augmentImage(img).height, 28);
    // the float path (a parameter that draws exactly 90.0) reproduces imgaug's float32 rounding and its 29×29:
    const float = iaa.Affine({ rotate: iaa.iap.uniform(90, 90), fitOutput: true }).augmentImage(img);
    assert.deepEqual([float.height, float.width], [29, 29]);
  });

  it('matches imgaug’s fitOutput sizes: scale 2 → 55×55, rotate 30 → 38×38, shear 30 → 25×42', () => {
    const img = ramp(28, 28);
    const size = (o: Record<string, unknown>) => {
      const out = iaa.Affine({ ...o, fitOutput: true } as never).augmentImage(img);
      return [out.height, out.width];
    };
    assert.deepEqual(size({ scale: 2 }), [55, 55]);
    assert.deepEqual(size({ rotate: 30.5 - 0.5 }), [38, 38]);
    assert.deepEqual(size({ shear: iaa.iap.uniform(30, 30) }), [25, 42]);
    const big = iaa.Affine({ rotate: iaa.iap.uniform(30, 30), fitOutput: true }).augmentImage(ramp(64, 64));
    assert.deepEqual([big.height, big.width], [88, 88]);
  });

  it('shifts by exactly translatePx with order 0: cval fill, wrap, edge, symmetric and reflect borders', () => {
    const img = iaa.imageFromRows([[10, 20, 30, 40, 50, 60]]);
    const shift = (mode: string) =>
      Array.from(iaa.Affine({ translatePx: { x: 3 }, order: 0, mode: mode as never, cval: 99 }).augmentImage(img).data);
    assert.deepEqual(shift('constant'), [99, 99, 99, 10, 20, 30]);
    assert.deepEqual(shift('wrap'), [40, 50, 60, 10, 20, 30]); // cd|abcd
    assert.deepEqual(shift('edge'), [10, 10, 10, 10, 20, 30]); // aa|abcd
    assert.deepEqual(shift('symmetric'), [30, 20, 10, 10, 20, 30]); // ba|abcd: the edge pixel repeats
    assert.deepEqual(shift('reflect'), [40, 30, 20, 10, 20, 30]); // cb|abcd: the edge pixel does not
  });

  it('returns identical bytes for identity parameters, for every order and mode', () => {
    const img = ramp(9, 8, 3);
    for (const order of [0, 1, 3] as const) {
      for (const mode of ['constant', 'edge', 'symmetric', 'reflect', 'wrap'] as const) {
        const out = iaa.Affine({ scale: 1, rotate: 0, shear: 0, translatePx: 0, order, mode }).augmentImage(img);
        assert.ok(iaa.imagesEqual(out, img), `order ${order} mode ${mode}`);
      }
    }
  });

  it('zooms about the centre: scale 2 maps output (x, y) to input ((x + 13.5) / 2, …) on 28×28', () => {
    // The matrix is x' = 2x − 13.5, so output column 13.5 ± 2k reads input column 13.5 ± k. With order 0 and the
    // OpenCV rounding, output pixel (14, 14) reads input (13.75 → 14), (12, 12) reads (12.75 → 13).
    const img = ramp(28, 28);
    const out = iaa.Affine({ scale: 2, order: 0 }).augmentImage(img);
    assert.equal(at(out, 14, 14), at(img, 14, 14));
    assert.equal(at(out, 12, 12), at(img, 13, 13));
  });

  it('fills with cval and blends at the border with bilinear interpolation', () => {
    const img = iaa.makeImage(new Uint8Array(16).fill(200), 4, 4);
    const out = iaa.Affine({ translatePx: { x: 2 }, cval: 255, order: 1 }).augmentImage(img);
    assert.deepEqual(Array.from(out.data.subarray(0, 4)), [255, 255, 200, 200]);
    const half = iaa.Affine({ translatePercent: { x: 0.125 }, cval: 0, order: 1 }).augmentImage(img); // 0.5 px
    assert.equal(half.data[0], 100);
    assert.equal(half.data[1], 200);
  });

  it('draws cval per image from a range, truncated to an integer for uint8', () => {
    const img = iaa.makeImage(new Uint8Array(4), 2, 2);
    const aug = iaa.Affine({ translatePx: { x: 5 }, cval: [0, 255], seed: 1 });
    const batch = aug.augmentImages(Array.from({ length: 50 }, () => img));
    const fills = new Set(batch.map((b) => b.data[0]));
    assert.ok(fills.size > 30);
    for (const b of batch) assert.ok(b.data.every((v) => v === b.data[0]));
  });

  it('chooses mode and order per image from lists or iap.choice', () => {
    const img = iaa.imageFromRows([[10, 20, 30, 40]]);
    const aug = iaa.Affine({ translatePx: { x: 1 }, order: 0, mode: iaa.iap.choice(['edge', 'constant']), seed: 2 });
    const firsts = new Set(aug.augmentImages(Array.from({ length: 40 }, () => img)).map((o) => o.data[0]));
    assert.deepEqual(
      [...firsts].sort((a, b) => a - b),
      [0, 10],
    );
  });

  it('warps a uniform batch sharing one transformation exactly as image by image (every mode, 1 and 3 channels)', () => {
    // Constant options draw the same matrix for every image, so the batch goes through the kernel's batch loops.
    for (const channels of [1, 3]) {
      const images = Array.from({ length: 5 }, (_, k) =>
        iaa.makeImage(
          new Uint8Array(11 * 13 * channels).map((_, i) => (i * 37 + k * 101 + 5) & 255),
          11,
          13,
          channels,
        ),
      );
      for (const mode of ['constant', 'edge', 'symmetric', 'reflect', 'wrap'] as const) {
        for (const options of [
          { rotate: 30 },
          { scale: 1.7, shear: 12.5 },
          { rotate: [-20, 20] as [number, number] },
        ]) {
          const aug = iaa.Affine({ ...options, mode, cval: 77, seed: 3 });
          const batch = aug.augmentImages(iaa.stackImages(images), { epoch: 0 });
          assert.ok(!Array.isArray(batch));
          const size = 11 * 13 * channels;
          images.forEach((img, i) => {
            const one = aug.augmentImage(img, { epoch: 0, index: i });
            assert.deepEqual(
              batch.data.subarray(i * size, (i + 1) * size),
              one.data,
              `${mode} ${JSON.stringify(options)}`,
            );
          });
        }
      }
    }
  });

  it('warps a batch mixing skipped, shared and own transformations exactly as image by image (property)', () => {
    // translatePx x in [−1, 1] draws 0 (imgaug skips the warp) for about a third of the images: runs of skipped
    // images of every length sit between shifted ones, and those among warped images ride the kernel as identities.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('constant', 'edge', 'wrap'),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (n, w, channels, mode, seed, vertical) => {
          const h = 9;
          const size = h * w * channels;
          const data = new Uint8Array(n * size).map((_, i) => (i * 37 + seed) & 255);
          const aug = iaa.Affine({ translatePx: vertical ? { y: [-1, 1] } : { x: [-1, 1] }, mode, cval: 9, seed });
          const batch = aug.augmentImages({ data, n, height: h, width: w, channels }, { epoch: 2 });
          assert.ok(!Array.isArray(batch));
          for (let i = 0; i < n; i++) {
            const image = iaa.makeImage(data.slice(i * size, (i + 1) * size), h, w, channels);
            const one = aug.augmentImage(image, { epoch: 2, index: i });
            assert.deepEqual(batch.data.subarray(i * size, (i + 1) * size), one.data, `image ${i}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('maps the four input corners inside the canvas with fitOutput (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0.3, max: 2.5, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (rotate, scale, shearX, shearY, h, w) => {
          const aug = iaa.Affine({ rotate, scale, shear: { x: shearX, y: shearY }, translatePx: 7, fitOutput: true });
          const shape = { height: h, width: w, channels: 1 };
          const params = aug.drawParams(aug.rootSource(0, 0), shape);
          const out = aug.outputShape(shape, params);
          const [a, b, c, d, e, f] = matrixOf(params);
          const eps = 1e-6;
          for (const [x, y] of [
            [0, 0],
            [w - 1, 0],
            [0, h - 1],
            [w - 1, h - 1],
          ]) {
            const X = a * x + b * y + c;
            const Y = d * x + e * y + f;
            if (X < -eps || Y < -eps || X > out.width - 1 + eps || Y > out.height - 1 + eps) return false;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, keeps dtype and channels, and keeps uint8 in range for random parameters (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          rotate: fc.double({ min: -360, max: 360, noNaN: true }),
          scale: fc.double({ min: 0.1, max: 4, noNaN: true }),
          shearX: fc.double({ min: -60, max: 60, noNaN: true }),
          shearY: fc.double({ min: -60, max: 60, noNaN: true }),
          tx: fc.integer({ min: -50, max: 50 }),
          order: fc.constantFrom(0, 1, 3),
          mode: fc.constantFrom('constant', 'edge', 'symmetric', 'reflect', 'wrap'),
          fit: fc.boolean(),
          float: fc.boolean(),
          c: fc.integer({ min: 1, max: 5 }),
        }),
        (p) => {
          const h = 7;
          const w = 5;
          const data = p.float ? new Float32Array(h * w * p.c).map((_, i) => i / 10) : ramp(h, w, p.c).data;
          const img = iaa.makeImage(data, h, w, p.c);
          const out = iaa
            .Affine({
              rotate: p.rotate,
              scale: p.scale,
              shear: { x: p.shearX, y: p.shearY },
              translatePx: { x: p.tx },
              order: p.order as 0,
              mode: p.mode as 'edge',
              fitOutput: p.fit,
            })
            .augmentImage(img);
          return (
            out.channels === p.c &&
            out.data instanceof Float32Array === p.float &&
            out.data.length === out.height * out.width * p.c &&
            (p.float ? out.data.every(Number.isFinite) : true)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad options with the template error', () => {
    assert.throws(
      () => iaa.Affine({ mode: 'mirror' as never }),
      /Affine: mode must be one of "constant", "edge", "symmetric", "reflect", "wrap"/,
    );
    assert.throws(() => iaa.Affine({ order: 2 as never }), /Affine: order must be one of 0, 1, 3/);
    assert.throws(() => iaa.Affine({ rotate: Number.NaN }), /Affine: rotate must be .*received NaN/);
    assert.throws(
      () => iaa.Affine({ translatePercent: { x: [0.2, -0.2] } }),
      /Affine: translatePercent.x must be .*min > max/,
    );
    assert.throws(() => iaa.Affine({ scale: 0 }), /Affine: scale must be a number in \(0, 1000\]/);
    assert.throws(() => iaa.Affine({ scale: -1 }), RangeError);
    assert.throws(() => iaa.Affine({ translatePx: 1.5 }), /translatePx must be an integer/);
    assert.throws(
      () => iaa.Affine({ translatePx: 1, translatePercent: 0.1 }),
      /not given together with translatePercent/,
    );
    assert.throws(() => iaa.Affine({ scale: { z: 2 } as never }), /unknown axis "z"/);
    assert.throws(
      () => iaa.Affine({ translatePx: {} }),
      /Affine: translatePx must be .*received \{\} \(give x, y or both\)/,
    );
    assert.throws(() => iaa.Affine({ rotate: Number.POSITIVE_INFINITY }), RangeError);
    assert.throws(() => iaa.Affine(30 as never), /Affine: options must be an options object/);
  });
});

describe('Affine shortcuts', () => {
  const img = ramp(9, 9);
  const same = (a: iaa.Augmenter, b: iaa.Augmenter) => iaa.imagesEqual(a.augmentImage(img), b.augmentImage(img));
  it('equal the corresponding Affine', () => {
    assert.ok(same(iaa.Rotate(20.5), iaa.Affine({ rotate: 20.5 })));
    assert.ok(same(iaa.ShearX(15.5), iaa.Affine({ shear: { x: 15.5 } })));
    assert.ok(same(iaa.ShearY(15.5), iaa.Affine({ shear: { y: 15.5 } })));
    assert.ok(same(iaa.ScaleX(1.5), iaa.Affine({ scale: { x: 1.5 } })));
    assert.ok(same(iaa.ScaleY(0.5, { mode: 'edge' }), iaa.Affine({ scale: { y: 0.5 }, mode: 'edge' })));
    assert.ok(same(iaa.TranslateX({ px: 3 }), iaa.Affine({ translatePx: { x: 3 } })));
    assert.ok(same(iaa.TranslateY({ percent: 0.2 }), iaa.Affine({ translatePercent: { y: 0.2 } })));
    assert.equal(same(iaa.Rotate(20.5), iaa.Affine({ rotate: 10 })), false);
  });
  it('reject giving both percent and px', () => {
    assert.throws(
      () => iaa.TranslateX({ px: 3, percent: 0.1 }),
      /TranslateX: px must be not given together with percent/,
    );
  });
});

describe('Affine draws', () => {
  // Records the names of the streams a draw makes.
  const recording = (random: iaa.RandomSource, names: string[]) =>
    new Proxy(random, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'stream') return value;
        return (name: string) => {
          names.push(name);
          return target.stream(name);
        };
      },
    });
  const shape = { height: 28, width: 28, channels: 1 };

  it('reads one stream per varying parameter and none for parameters with one value', () => {
    const cases: [iaa.Augmenter, string[]][] = [
      [iaa.Affine({ translatePx: { x: [-10, 10] } }), ['translateX']],
      [
        iaa.Affine({ translatePx: { x: [-10, 10] }, rotate: [-5, 5], scale: 2, cval: [3, 3] }),
        ['translateX', 'rotate'],
      ],
      [iaa.Affine({ scale: [0.5, 2], shear: { y: [-5, 5] }, mode: ['edge', 'wrap'] }), ['scale', 'shearY', 'mode']],
      [iaa.Affine({ rotate: 90, order: [0, 1] }), ['order']],
    ];
    for (const [aug, expected] of cases) {
      for (let index = 0; index < 5; index++) {
        const names: string[] = [];
        aug.drawParams(recording(iaa.RandomSource.root(9, 2, index, aug.type), names), shape);
        assert.deepEqual(names.sort(), [...expected].sort(), JSON.stringify(aug.toJSON()));
      }
    }
  });

  it('uses the drawn values: a translation is the value of stream translateX, a scale for both axes is one draw', () => {
    const shift = iaa.Affine({ translatePx: { x: [-10, 10] } });
    const zoom = iaa.Affine({ scale: [0.5, 2] });
    for (let index = 0; index < 20; index++) {
      const random = iaa.RandomSource.root(4, 0, index, 'x');
      const dx = iaa.iap.discreteUniform(-10, 10).draw(random.stream('translateX'));
      const moved = matrixOf(shift.drawParams(random, shape));
      assert.deepEqual(
        [...moved],
        [1, 0, dx, 0, 1, 0].map((v) => v + 0),
      );
      const m = matrixOf(zoom.drawParams(random, shape));
      assert.equal(m[0], Math.fround(iaa.iap.uniform(0.5, 2).draw(random.stream('scale'))));
      assert.equal(m[4], m[0]);
    }
  });
});
