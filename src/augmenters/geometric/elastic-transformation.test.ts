import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Image } from '../../core/image.ts';
import type { BorderMode } from '../../kernels/border.ts';
import { gaussianKernelF32 } from '../../kernels/convolve.ts';
import { elasticPadding, generateShiftMaps, mapCoordinates, shiftMapsOf } from '../../kernels/elastic.ts';
import type { WarpOrder } from '../../kernels/warp-affine.ts';
import { choice } from '../../params/choice.ts';
import { ElasticTransformation } from './elastic-transformation.ts';

// imgaug 0.4.0's _generate_shift_maps and _map_coordinates (OpenCV backend) run in Python with cv2 4.6 by
// scripts/gen-elastic-fixtures.py.
interface Fixture {
  readonly shifts: {
    height: number;
    width: number;
    alpha: number;
    sigma: number;
    noise: string;
    dx: string;
    dy: string;
  }[];
  readonly images: {
    height: number;
    width: number;
    channels: number;
    dtype: 'uint8' | 'float32';
    data: string;
    fields: { kind: string; dx: string; dy: string }[];
  }[];
  readonly remaps: {
    image: number;
    field: number;
    order: WarpOrder;
    mode: ImgaugMode;
    cval: number;
    expected: string;
  }[];
  readonly pipeline: { shift: number; order: WarpOrder; mode: ImgaugMode; image: string; expected: string }[];
  readonly quirk: { image: number; field: number; order: WarpOrder; mode: ImgaugMode; cval: number; expected: string };
}

type ImgaugMode = 'constant' | 'nearest' | 'reflect' | 'wrap';

const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/elastic.json', import.meta.url), 'utf8'),
) as Fixture;

const BORDER: Record<ImgaugMode, BorderMode> = {
  constant: 'constant',
  nearest: 'edge',
  reflect: 'reflect',
  wrap: 'wrap',
};

function bytes(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

function floats(b64: string): Float32Array {
  const b = Buffer.from(b64, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

function fixtureImage(i: number): Image {
  const k = fixture.images[i];
  const data = k.dtype === 'uint8' ? bytes(k.data) : floats(k.data);
  return { data, height: k.height, width: k.width, channels: k.channels };
}

function blank(image: Image): Image {
  const n = image.data.length;
  return { ...image, data: image.data instanceof Uint8Array ? new Uint8Array(n) : new Float32Array(n) };
}

function randomImage(height: number, width: number, channels: number, seed: number, float = false): Image {
  const data = new Uint8Array(height * width * channels);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s >>> 24;
  }
  const image = { data, height, width, channels };
  return float ? { ...image, data: Float32Array.from(data, (v) => v / 3 - 20) } : image;
}

/** The params and fields of sample `index` in call 0 of `aug` as the root: its own draw and noise. */
function drawnFields(aug: ReturnType<typeof ElasticTransformation>, index: number, height: number, width: number) {
  const params = aug.drawParams(aug.rootSource(0, index), { height, width, channels: 1 });
  const dx = new Float32Array(height * width);
  const dy = new Float32Array(height * width);
  shiftMapsOf(params, height, width, dx, dy);
  return { params, dx, dy };
}

describe('ElasticTransformation', () => {
  it('blurs, scales and crops imgaug’s noise into its fields, to within 2 float32 steps (exactly without blur)', () => {
    let blurred = 0;
    for (const k of fixture.shifts) {
      const dx = new Float32Array(k.height * k.width);
      const dy = new Float32Array(k.height * k.width);
      generateShiftMaps(floats(k.noise), k.height, k.width, k.alpha, k.sigma, dx, dy);
      const ex = floats(k.dx);
      const ey = floats(k.dy);
      // OpenCV sums in float32 (with FMA on AVX2), augkit in double: the float32 results may differ in the last bits.
      const tol = k.sigma > 0.001 ? 2 ** -22 * k.alpha : 0;
      for (let i = 0; i < ex.length; i++) {
        assert.ok(Math.abs(dx[i] - ex[i]) <= tol, `dx[${i}] ${dx[i]} vs ${ex[i]} (sigma ${k.sigma})`);
        assert.ok(Math.abs(dy[i] - ey[i]) <= tol, `dy[${i}] ${dy[i]} vs ${ey[i]} (sigma ${k.sigma})`);
      }
      if (k.sigma > 0.001) blurred++;
    }
    assert.ok(blurred >= 5 && blurred < fixture.shifts.length, 'cases with and without blur');
  });

  it('samples like cv2.convertMaps + cv2.remap given the same fields: uint8 bytes identical, every order and mode', () => {
    let u8 = 0;
    for (const k of fixture.remaps) {
      const image = fixtureImage(k.image);
      const field = fixture.images[k.image].fields[k.field];
      const out = mapCoordinates(image, floats(field.dx), floats(field.dy), blank(image), {
        order: k.order,
        mode: BORDER[k.mode],
        cval: k.cval,
      });
      const what = `image ${k.image} (${image.channels} ch), ${field.kind} field, order ${k.order}, ${k.mode}`;
      if (image.data instanceof Uint8Array) {
        assert.deepEqual(out.data, bytes(k.expected), what);
        u8++;
      } else {
        // cv2's float remap weighs in float32; the positions are the same, the sums within a few float32 steps.
        const expected = floats(k.expected);
        const scale = image.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        for (let i = 0; i < expected.length; i++) {
          const d = Math.abs(out.data[i] - expected[i]);
          assert.ok(k.order === 0 ? d === 0 : d <= 1e-6 * scale, `${what}: value ${i} off by ${d}`);
        }
      }
    }
    assert.ok(u8 >= 60, 'most cases are uint8');
  });

  it('turns imgaug’s noise into imgaug’s bytes end to end (fields and sampling together)', () => {
    for (const k of fixture.pipeline) {
      const s = fixture.shifts[k.shift];
      const dx = new Float32Array(s.height * s.width);
      const dy = new Float32Array(s.height * s.width);
      generateShiftMaps(floats(s.noise), s.height, s.width, s.alpha, s.sigma, dx, dy);
      const image: Image = { data: bytes(k.image), height: s.height, width: s.width, channels: 3 };
      const out = mapCoordinates(image, dx, dy, blank(image), { order: k.order, mode: BORDER[k.mode], cval: 0 });
      assert.deepEqual(out.data, bytes(k.expected), `shift case ${k.shift}, order ${k.order}, ${k.mode}`);
    }
  });

  it('fills all four channels with cval, where imgaug’s 3-value border value leaves the 4th channel 0', () => {
    const k = fixture.quirk;
    const image = fixtureImage(k.image);
    const field = fixture.images[k.image].fields[k.field];
    const opts = { order: k.order, mode: BORDER[k.mode], cval: k.cval };
    const out = mapCoordinates(image, floats(field.dx), floats(field.dy), blank(image), opts);
    const imgaug = bytes(k.expected);
    let filled = 0;
    for (let i = 0; i < imgaug.length; i++) {
      if (i % 4 < 3) assert.equal(out.data[i], imgaug[i]);
      else if (out.data[i] !== imgaug[i]) {
        filled++;
        // Where imgaug blends the image with 0, augkit blends it with 200: never darker.
        assert.ok(out.data[i] > imgaug[i]);
      }
    }
    assert.ok(filled > 0, 'the field reaches outside the image');
  });

  it('returns identical bytes with zero fields or alpha 0 (any shape, channels, order, mode, uint8 and float32)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<WarpOrder>(0, 1, 3),
        fc.constantFrom<ImgaugMode>('constant', 'nearest', 'reflect', 'wrap'),
        fc.boolean(),
        fc.nat(),
        (h, w, c, order, mode, float, seed) => {
          const image = randomImage(h, w, c, seed, float);
          const zero = new Float32Array(h * w);
          const opts = { order, mode: BORDER[mode], cval: 77 };
          assert.deepEqual(mapCoordinates(image, zero, zero, blank(image), opts).data, image.data);
          const aug = ElasticTransformation(0, { sigma: [0, 8], order, mode, cval: 77, seed });
          assert.deepEqual(aug.augmentImage(image).data, image.data);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('moves pixel (r, c) to (r, c + 1) under dx = 1, up one row under dy = −1, and halfway with bilinear at 0.5', () => {
    const image: Image = { data: Uint8Array.of(10, 20, 30, 40, 50, 60, 70, 80, 90), height: 3, width: 3, channels: 1 };
    const ones = new Float32Array(9).fill(1);
    const zeros = new Float32Array(9);
    for (const order of [0, 1, 3] as const) {
      const right = mapCoordinates(image, ones, zeros, blank(image), { order, mode: 'constant', cval: 5 });
      assert.deepEqual([...right.data], [5, 10, 20, 5, 40, 50, 5, 70, 80], `order ${order}`);
      const up = mapCoordinates(
        image,
        zeros,
        ones.map(() => -1),
        blank(image),
        { order, mode: 'edge', cval: 5 },
      );
      assert.deepEqual([...up.data], [40, 50, 60, 70, 80, 90, 70, 80, 90], `order ${order}`);
    }
    // Read at x − 0.5: (a + b + 1) >> 1 in OpenCV's 15-bit weights; the wrap border reads column 2 left of column 0.
    const half = mapCoordinates(
      image,
      ones.map(() => 0.5),
      zeros,
      blank(image),
      { order: 1, mode: 'wrap', cval: 0 },
    );
    assert.deepEqual([...half.data], [20, 15, 25, 50, 45, 55, 80, 75, 85]);
  });

  it('truncates a fractional cval for uint8 (imgaug’s int(cval)) and keeps it for float32', () => {
    const u8 = randomImage(4, 5, 2, 1);
    const far = new Float32Array(20).fill(1000);
    const opts = { order: 3, mode: 'constant', cval: 100.9 } as const;
    assert.ok(mapCoordinates(u8, far, far, blank(u8), opts).data.every((v) => v === 100));
    const f32 = randomImage(4, 5, 2, 1, true);
    assert.ok(mapCoordinates(f32, far, far, blank(f32), opts).data.every((v) => v === Math.fround(100.9)));
  });

  it('gives the same bytes for the same seed and index, and other bytes for other seeds and indices', () => {
    const image = randomImage(32, 40, 3, 5);
    const run = (seed: number, index: number) =>
      ElasticTransformation(20, { sigma: 3, seed }).augmentImage(image, { epoch: 0, index }).data;
    assert.deepEqual(run(1, 0), run(1, 0));
    assert.notDeepEqual(run(1, 0), run(2, 0));
    assert.notDeepEqual(run(1, 0), run(1, 1));
    assert.notDeepEqual(run(1, 0), image.data);
  });

  it('equals mapCoordinates applied to the fields of its own draw', () => {
    const image = randomImage(20, 17, 4, 2, true);
    const aug = ElasticTransformation([10, 30], {
      sigma: [1, 5],
      order: [0, 1, 3],
      mode: ['reflect', 'wrap'],
      seed: 6,
    });
    for (let index = 0; index < 6; index++) {
      const { params, dx, dy } = drawnFields(aug, index, 20, 17);
      const expected = mapCoordinates(image, dx, dy, blank(image), params);
      assert.deepEqual(aug.apply(image, params).data, expected.data);
    }
  });

  it('draws fields of mean ≈ 0 whose standard deviation is alpha·√(1/3)·Σk², smaller for larger sigma', () => {
    // Blurring independent uniform [-1, 1) values (variance 1/3) with the 2-D kernel k⊗k multiplies the variance by
    // Σ(k⊗k)² = (Σk²)². Four 200×200 images (both fields) per sigma; the blur correlates about 4πσ² neighbours, so
    // at sigma 8 about 400 independent values remain and the standard deviation is estimated to within ~4 % (8 %
    // allowed; the fixed seed gives 0.1 %).
    const alpha = 10;
    const stds: number[] = [];
    for (const sigma of [0, 1, 2, 4, 8]) {
      const aug = ElasticTransformation(alpha, { sigma, seed: 11 });
      let sum = 0;
      let sumSq = 0;
      let n = 0;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let index = 0; index < 4; index++) {
        const { dx, dy } = drawnFields(aug, index, 200, 200);
        for (const field of [dx, dy]) {
          for (const v of field) {
            sum += v;
            sumSq += v * v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          n += field.length;
        }
      }
      const mean = sum / n;
      const std = Math.sqrt(sumSq / n - mean * mean);
      const k = sigma > 0 ? gaussianKernelF32(sigma) : Float32Array.of(1);
      const k2 = k.reduce((s, v) => s + v * v, 0);
      const expected = alpha * Math.sqrt(1 / 3) * k2;
      assert.ok(Math.abs(std - expected) <= 0.08 * expected, `sigma ${sigma}: std ${std}, expected ${expected}`);
      assert.ok(Math.abs(mean) <= 0.1 * expected, `sigma ${sigma}: mean ${mean}`);
      if (sigma === 0) {
        // Unblurred: uniform on [-alpha, alpha), within 1 % of both ends.
        assert.ok(lo >= -alpha && lo < -0.99 * alpha && hi < alpha && hi > 0.99 * alpha, `range ${lo}…${hi}`);
        assert.ok(Math.abs(std - expected) <= 0.01 * expected);
      }
      stds.push(std);
    }
    for (let i = 1; i < stds.length; i++) assert.ok(stds[i] < 0.7 * stds[i - 1], `std ${stds[i]} after ${stds[i - 1]}`);
  });

  it('uses bicubic for orders 2, 4 and 5, and OpenCV’s replicate border for imgaug’s "nearest"', () => {
    const image = randomImage(16, 16, 3, 3);
    const bicubic = ElasticTransformation(15, { sigma: 2, order: 3, seed: 4 }).augmentImage(image, { epoch: 1 });
    for (const order of [2, 4, 5] as const) {
      const aug = ElasticTransformation(15, { sigma: 2, order, seed: 4 });
      assert.equal(aug.drawParams(aug.rootSource(1, 0), image).order, 3);
      assert.deepEqual(aug.augmentImage(image, { epoch: 1 }).data, bicubic.data, `order ${order}`);
    }
    const aug = ElasticTransformation(15, { sigma: 2, order: 1, mode: 'nearest', seed: 4 });
    const { params, dx, dy } = drawnFields(aug, 0, 16, 16);
    assert.equal(params.mode, 'edge');
    const edge = mapCoordinates(image, dx, dy, blank(image), { order: 1, mode: 'edge', cval: 0 });
    assert.deepEqual(aug.augmentImage(image, { epoch: 0, index: 0 }).data, edge.data);
  });

  it('pads the noise by imgaug’s kernel size, 5 at least', () => {
    assert.equal(elasticPadding(0), 5);
    assert.equal(elasticPadding(1), 5);
    assert.equal(elasticPadding(3), 9);
    assert.equal(elasticPadding(5), 13);
    assert.throws(
      () => generateShiftMaps(new Float32Array(10), 2, 2, 1, 1, new Float32Array(4), new Float32Array(4)),
      /generateShiftMaps: noise must be a Float32Array of 2 × 144 values/,
    );
  });

  it('rejects bad options with a message naming them', () => {
    assert.throws(
      () => ElasticTransformation(-1),
      /ElasticTransformation: alpha must be a number in \[0, 1000000\].*received -1/,
    );
    assert.throws(() => ElasticTransformation({ sigma: [3, 1] }), /ElasticTransformation: sigma .*min > max/);
    assert.throws(() => ElasticTransformation({ sigma: -0.5 }), /ElasticTransformation: sigma/);
    assert.throws(
      () => ElasticTransformation({ order: 6 as never }),
      /ElasticTransformation: order must be one of 0, 1, 2, 3, 4, 5/,
    );
    assert.throws(() => ElasticTransformation({ order: [1, 1.5] as never }), /ElasticTransformation: order/);
    assert.throws(
      () => ElasticTransformation({ mode: 'edge' as 'nearest' }),
      /ElasticTransformation: mode must be one of "constant", "nearest", "reflect", "wrap"/,
    );
    assert.throws(() => ElasticTransformation({ cval: Number.NaN }), /ElasticTransformation: cval/);
    assert.throws(() => ElasticTransformation({ alhpa: 3 } as never), /ElasticTransformation: unknown option "alhpa"/);
  });

  it('round-trips through JSON', () => {
    const aug = ElasticTransformation([0, 50], {
      sigma: 5,
      order: [0, 3],
      cval: [0, 255],
      mode: choice(['reflect', 'wrap'] as const),
      seed: 2,
    });
    assert.deepEqual(aug.toJSON(), {
      type: 'ElasticTransformation',
      seed: 2,
      alpha: [0, 50],
      sigma: 5,
      order: [0, 3],
      cval: [0, 255],
      mode: { choice: ['reflect', 'wrap'] },
    });
    const defaults = ElasticTransformation();
    assert.deepEqual(defaults.toJSON(), {
      type: 'ElasticTransformation',
      seed: defaults.seed,
      alpha: [0, 40],
      sigma: [4, 8],
      order: 3,
      cval: 0,
      mode: 'constant',
    });
  });
});

describe('ElasticTransformation’s Warp and out', () => {
  it('augmentImage with out writes into out and keeps no new buffer per call (fields, maps and noise are reused)', () => {
    for (const float of [false, true]) {
      const n = 96 * 80 * 3;
      const image = {
        data: float ? new Float32Array(n).fill(0.5) : new Uint8Array(n).fill(7),
        height: 96,
        width: 80,
        channels: 3,
      };
      const out = float ? new Float32Array(n) : new Uint8Array(n);
      const aug = ElasticTransformation(30, { sigma: 4, seed: 2 });
      for (let i = 0; i < 3; i++) aug.augmentImage(image, { out });
      const before = process.memoryUsage().arrayBuffers;
      for (let i = 0; i < 20; i++) assert.equal(aug.augmentImage(image, { out }).data, out);
      // Two float32 fields of this image are 61 KB: 20 calls allocating them would keep over 1 MB until a collection.
      const grown = process.memoryUsage().arrayBuffers - before;
      assert.ok(grown < 256 << 10, `${grown} bytes of new ArrayBuffers (${float ? 'float32' : 'uint8'})`);
    }
  });

  it('describes its draw as a displacement Warp whose pixels are the augmenter’s', () => {
    const aug = ElasticTransformation(20, { sigma: 3, order: 1, seed: 4 });
    const shape = { height: 24, width: 20, channels: 1 };
    const params = aug.drawParams(aug.rootSource(0, 0), shape);
    const warp = aug.warpOf(shape, params);
    assert.equal(warp.kind, 'displacement');
    assert.deepEqual(warp.output, shape);
  });
});
