import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { countDifferences, fixtureBytes, warpPerspectiveFixture } from '../../test/helpers/fixtures.ts';
import { blank, randomImage, warpSizes } from '../../test/helpers/images.ts';
import type { Image, PixelArray } from '../core/image.ts';
import { BORDER_MODES, type BorderMode } from './border.ts';
import { type WarpOrder, invertAffineInto, remap, warpAffine } from './warp-affine.ts';
import {
  getPerspectiveTransform,
  invertPerspective,
  perspectiveTransformPoints,
  warpPerspective,
} from './warp-perspective.ts';

const { fixture, images } = warpPerspectiveFixture();

const bytes = fixtureBytes;

/** What the properties comparing with warpAffine draw besides the transformation: sizes, image, border, dtype. */
const warpCase = {
  ...warpSizes(9, 9),
  channels: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer(),
  mode: fc.constantFrom<BorderMode>(...BORDER_MODES),
  cval: fc.integer({ min: 0, max: 255 }),
  float: fc.boolean(),
};

function floats(b64: string): Float32Array {
  const b = Buffer.from(b64, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** OpenCV's convertMaps to CV_16SC2: 1/32 pixel rounded half to even (whole pixels for nearest). */
function fixedMap(map: Float32Array, order: WarpOrder): Int32Array {
  const out = new Int32Array(map.length);
  for (let i = 0; i < map.length; i++) {
    const v = order === 0 ? map[i] : map[i] * 32;
    let r = Math.round(v);
    if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
    out[i] = r;
  }
  return out;
}

describe('getPerspectiveTransform', () => {
  it('equals cv2.getPerspectiveTransform to within 1e-12 relative on every fixture quadrilateral', () => {
    for (const t of fixture.transforms) {
      const m = getPerspectiveTransform(t.from, t.to);
      for (let i = 0; i < 9; i++) {
        const scale = Math.max(1, Math.abs(t.matrix[i]));
        assert.ok(Math.abs(m[i] - t.matrix[i]) <= 1e-12 * scale, `entry ${i}: ${m[i]} vs ${t.matrix[i]}`);
      }
    }
  });

  it('maps each of the four points onto its target, and gives the identity for equal quadrilaterals', () => {
    const from = [3, 1, 40, 5, 38, 30, 1, 25];
    const to = [0, 0, 32, 0, 32, 24, 0, 24];
    const m = getPerspectiveTransform(from, to);
    const mapped = new Float64Array(8);
    perspectiveTransformPoints(m, from, mapped);
    for (let i = 0; i < 8; i++) assert.ok(Math.abs(mapped[i] - to[i]) < 1e-4, `${i}: ${mapped[i]} vs ${to[i]}`);
    const id = getPerspectiveTransform(to, to);
    assert.deepEqual(
      [...id].map((v) => Math.round(v * 1e12) / 1e12 + 0),
      [1, 0, 0, 0, 1, 0, 0, 0, 1],
    );
  });

  it('gives zeros (and 1 in the corner) for points on one line, as OpenCV', () => {
    const m = getPerspectiveTransform([0, 0, 1, 1, 2, 2, 3, 3], [0, 0, 1, 0, 1, 1, 0, 1]);
    assert.deepEqual([...m], [0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('names the bad argument', () => {
    assert.throws(() => getPerspectiveTransform([0, 0, 1], [0, 0, 1, 0, 1, 1, 0, 1]), /from.*eight numbers/);
    assert.throws(
      () => getPerspectiveTransform([0, 0, 1, 0, 1, 1, 0, 1], [0, 0, 1, Number.NaN, 1, 1, 0, 1]),
      /to\[3\]/,
    );
  });
});

describe('invertPerspective', () => {
  it('inverts: M · M⁻¹ is the identity', () => {
    const m = [1.2, 0.1, -3, 0.05, 0.9, 2, 0.001, -0.002, 1];
    const inv = invertPerspective(m);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += m[r * 3 + k] * inv[k * 3 + c];
        assert.ok(Math.abs(s - (r === c ? 1 : 0)) < 1e-12);
      }
    }
    assert.deepEqual([...invertPerspective([1, 2, 3, 2, 4, 6, 0, 0, 1])], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('warpPerspective', () => {
  it('matches cv2.warpPerspective byte for byte (every order and mode, 1, 3 and 4 channels)', () => {
    let values = 0;
    for (const k of fixture.cases) {
      const src = images[k.image];
      // The case's order, mode and cval are the warp's options.
      const out = warpPerspective(src, fixture.transforms[k.transform].matrix, blank(src, k.outHeight, k.outWidth), k);
      const expected = bytes(k.expected);
      const { differing } = countDifferences(expected, out.data);
      assert.equal(differing, 0, `case image ${k.image}, transform ${k.transform}, order ${k.order}, ${k.mode}`);
      values += expected.length;
    }
    assert.ok(values > 50_000);
  });

  it('equals warpAffine for a matrix whose last row is (0, 0, 1), uint8 and float32 (quarter turns, dyadic zooms)', () => {
    // Entries that are sums of powers of two keep every position exact in both kernels, so the bytes must agree.
    fc.assert(
      fc.property(
        fc.record({
          ...warpCase,
          turn: fc.integer({ min: 0, max: 3 }),
          zoom: fc.constantFrom(0.25, 0.5, 1, 2, 4),
          tx: fc.integer({ min: -96, max: 96 }).map((v) => v / 8),
          ty: fc.integer({ min: -96, max: 96 }).map((v) => v / 8),
          // Not nearest: at exactly half a pixel warpAffine rounds up and warpPerspective half to even (as OpenCV).
          order: fc.constantFrom<WarpOrder>(1, 3),
        }),
        ({ h, w, oh, ow, channels, seed, turn, zoom, tx, ty, order, mode, cval, float }) => {
          const c = [1, 0, -1, 0][turn] * zoom;
          const s = [0, 1, 0, -1][turn] * zoom;
          const m = [c, -s, tx, s, c, ty];
          const u8 = randomImage(h, w, channels, seed);
          const src: Image = float ? { ...u8, data: Float32Array.from(u8.data, (v) => v / 7) } : u8;
          const options = { order, mode, cval };
          const a = warpAffine(src, m, blank(src, oh, ow), options);
          const p = warpPerspective(src, [...m, 0, 0, 1], blank(src, oh, ow), options);
          assert.deepEqual(p.data, a.data);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('moves pixel (r, c) to (c, H−1−r) for a 90° turn written as a perspective matrix', () => {
    const src = randomImage(4, 6, 3, 7);
    // Forward: x' = H−1−y, y' = x.
    const out = warpPerspective(src, [0, -1, 3, 1, 0, 0, 0, 0, 1], blank(src, 6, 4), {
      order: 1,
      mode: 'constant',
      cval: 0,
    });
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 6; c++) {
        for (let k = 0; k < 3; k++) assert.equal(out.data[(c * 4 + (3 - r)) * 3 + k], src.data[(r * 6 + c) * 3 + k]);
      }
    }
  });

  it('names the bad argument', () => {
    const src = randomImage(2, 2, 1, 1);
    const opts = { order: 1 as const, mode: 'constant' as const, cval: 0 };
    assert.throws(() => warpPerspective(src, [1, 0, 0, 0, 1, 0], blank(src, 2, 2), opts), /matrix.*nine numbers/);
    assert.throws(
      () => warpPerspective(src, [1, 0, 0, 0, 1, 0, 0, Number.POSITIVE_INFINITY, 1], blank(src, 2, 2), opts),
      /matrix\[7\]/,
    );
    assert.throws(
      () => warpPerspective(src, [1, 0, 0, 0, 1, 0, 0, 0, 1], blank(src, 2, 2), { ...opts, order: 2 as WarpOrder }),
      /order/,
    );
  });
});

describe('remap', () => {
  it('matches cv2.remap with convertMaps’ fixed-point maps byte for byte (every order and mode)', () => {
    for (const k of fixture.remaps) {
      const src = images[k.image];
      const mx = fixedMap(floats(k.mapX), k.order);
      const my = fixedMap(floats(k.mapY), k.order);
      const out = remap(src, mx, my, blank(src, k.outHeight, k.outWidth), k);
      const { differing } = countDifferences(bytes(k.expected), out.data);
      assert.equal(differing, 0, `image ${k.image}, order ${k.order}, ${k.mode}`);
    }
  });

  it('equals warpAffine when given the positions warpAffine computes (any matrix, order, mode, dtype)', () => {
    const cvRound = (v: number) => {
      let r = Math.round(v);
      if (r - v === 0.5 && (r & 1) !== 0) r -= 1;
      return r;
    };
    const entry = (max: number) => fc.integer({ min: -max * 977, max: max * 977 }).map((v) => v / 977);
    fc.assert(
      fc.property(
        fc.record({
          ...warpCase,
          m: fc.tuple(entry(3), entry(3), entry(40), entry(3), entry(3), entry(40)),
          order: fc.constantFrom<WarpOrder>(0, 1, 3),
        }),
        ({ h, w, oh, ow, channels, seed, m, order, mode, cval, float }) => {
          fc.pre(Math.abs(m[0] * m[4] - m[1] * m[3]) > 0.05);
          const u8 = randomImage(h, w, channels, seed);
          const src: Image = float ? { ...u8, data: Float32Array.from(u8.data, (v) => v / 7) } : u8;
          const options = { order, mode, cval };
          const expected = warpAffine(src, m, blank(src, oh, ow), options);
          // warpAffine's positions: the inverse matrix in 1/1024 pixel, per row plus per column, rounded half to
          // even, with the rounding offset; the map keeps 1/32 pixel (whole pixels for nearest).
          const inv = new Float64Array(6);
          invertAffineInto(m, inv, 0);
          const delta = order === 0 ? 512 : 16;
          const mx = new Int32Array(oh * ow);
          const my = new Int32Array(oh * ow);
          for (let y = 0; y < oh; y++) {
            for (let x = 0; x < ow; x++) {
              const X = (cvRound((inv[1] * y + inv[2]) * 1024) + delta + cvRound(inv[0] * x * 1024)) | 0;
              const Y = (cvRound((inv[4] * y + inv[5]) * 1024) + delta + cvRound(inv[3] * x * 1024)) | 0;
              mx[y * ow + x] = X >> (order === 0 ? 10 : 5);
              my[y * ow + x] = Y >> (order === 0 ? 10 : 5);
            }
          }
          assert.deepEqual(remap(src, mx, my, blank(src, oh, ow), options).data, expected.data);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('blends by the 1/32 fraction: halfway between 10 and 21 gives 16 (15.5 rounded up)', () => {
    const src: Image<Uint8Array> = { data: Uint8Array.of(10, 21, 40), height: 1, width: 3, channels: 1 };
    // Output pixel 0 reads x = 0.5 (16/32), pixel 1 reads x = 2 exactly, pixel 2 reads x = 5 (outside: cval 99).
    const out = remap(src, Int32Array.of(16, 64, 160), Int32Array.of(0, 0, 0), blank(src, 1, 3), {
      order: 1,
      mode: 'constant',
      cval: 99,
    });
    assert.deepEqual([...out.data], [16, 40, 99]);
    const nearest = remap(src, Int32Array.of(2, -1, 0), Int32Array.of(0, 0, 0), blank(src, 1, 3), {
      order: 0,
      mode: 'wrap',
      cval: 0,
    });
    assert.deepEqual([...nearest.data], [40, 40, 10]);
  });

  it('gives the identical image for the identity map, every order and mode', () => {
    const src = randomImage(5, 7, 3, 3);
    for (const order of [0, 1, 3] as const) {
      const mx = new Int32Array(35);
      const my = new Int32Array(35);
      const unit = order === 0 ? 1 : 32;
      for (let i = 0; i < 35; i++) {
        mx[i] = (i % 7) * unit;
        my[i] = Math.trunc(i / 7) * unit;
      }
      for (const mode of BORDER_MODES) {
        assert.deepEqual(remap(src, mx, my, blank(src, 5, 7), { order, mode, cval: 5 }).data, src.data);
      }
    }
  });

  it('names a map of the wrong length', () => {
    const src = randomImage(2, 2, 1, 1);
    const opts = { order: 1 as const, mode: 'constant' as const, cval: 0 };
    assert.throws(() => remap(src, new Int32Array(3), new Int32Array(4), blank(src, 2, 2), opts), /mapX.*length 4/);
    assert.throws(() => remap(src, new Int32Array(4), new Int32Array(5), blank(src, 2, 2), opts), /mapY.*length 4/);
  });
});
