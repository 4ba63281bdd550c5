import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type FixtureImage, fixtureBytes, fixtureImages, readFixture } from '../../test/helpers/fixtures.ts';
import { blank, randomImage, warpSizes } from '../../test/helpers/images.ts';
import { type Image, type PixelArray, imageFromRows, imageToRows } from '../core/image.ts';
import { BORDER_MODES, type BorderMode } from './border.ts';
import { type WarpOrder, warpAffine, warpAffineBatch, warpAffineEach } from './warp-affine.ts';
import { kernelHeap } from './wasm/kernel-heap.ts';
import { heapArray } from './wasm/shared-heap.ts';
import { useWasmKernels } from './wasm/simd.ts';

const ORDERS: readonly WarpOrder[] = [0, 1, 3];

function warp(src: Image, m: readonly number[], order: WarpOrder, mode: BorderMode, cval = 0, h?: number, w?: number) {
  return warpAffine(src, m, blank(src, h, w), { order, mode, cval });
}

interface Fixture {
  readonly opencv: string;
  readonly images: FixtureImage[];
  readonly cases: {
    name: string;
    image: number;
    matrix: number[];
    order: WarpOrder;
    mode: BorderMode;
    cval: number;
    outHeight: number;
    outWidth: number;
    expected: string;
  }[];
}

describe('warpAffine', () => {
  describe('matches OpenCV byte for byte (test/fixtures/warp-affine.json)', () => {
    const fixture = readFixture<Fixture>('warp-affine.json');
    const images = fixtureImages(fixture.images);

    it('has cases for every order and mode, several sizes and channel counts', () => {
      assert.ok(fixture.cases.length >= 500);
      for (const order of ORDERS) {
        for (const mode of BORDER_MODES) {
          assert.ok(fixture.cases.some((c) => c.order === order && c.mode === mode && c.cval === 0));
        }
        assert.ok(fixture.cases.some((c) => c.order === order && c.mode === 'constant' && c.cval === 200));
      }
      assert.deepEqual([...new Set(images.map((i) => i.channels))].sort(), [1, 3, 4]);
    });

    for (const order of ORDERS) {
      for (const mode of BORDER_MODES) {
        // Bilinear uint8 has a WebAssembly kernel and the TypeScript loops it falls back to: both must match.
        for (const wasm of order === 1 ? [true, false] : [true]) {
          const kernel = order === 1 ? (wasm ? ' (WebAssembly kernel)' : ' (TypeScript kernel)') : '';
          it(`reproduces OpenCV ${fixture.opencv} with order ${order}, mode ${mode}${kernel}`, () => {
            const cases = fixture.cases.filter((c) => c.order === order && c.mode === mode);
            assert.ok(cases.length > 0);
            const was = useWasmKernels(wasm);
            try {
              for (const c of cases) {
                const src = images[c.image];
                const out = warp(src, c.matrix, c.order, c.mode, c.cval, c.outHeight, c.outWidth);
                const expected = fixtureBytes(c.expected);
                let diff = 0;
                for (let i = 0; i < expected.length; i++) if (out.data[i] !== expected[i]) diff++;
                assert.equal(diff, 0, `${c.name} order=${c.order} ${c.mode} cval=${c.cval}: ${diff} bytes differ`);
              }
            } finally {
              useWasmKernels(was);
            }
          });
        }
      }
    }
  });

  it('reverses rows and columns when rotating by 180° with order 0', () => {
    const src = randomImage(7, 9, 3, 1);
    const out = warp(src, [-1, 0, 8, 0, -1, 6], 0, 'constant');
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 9; x++) {
        for (let k = 0; k < 3; k++) {
          assert.equal(out.data[(y * 9 + x) * 3 + k], src.data[((6 - y) * 9 + (8 - x)) * 3 + k]);
        }
      }
    }
  });

  it('moves pixel (r, c) to (c, H−1−r) when rotating by 90° (clockwise on screen)', () => {
    // About the centre (cx, cy) with y down, R(90°) = [[0, −1], [1, 0]]: x' = cx − (y − cy), y' = cy' + (x − cx).
    // For an H×W input and a W×H output the centres swap, so x' = H − 1 − y and y' = x: [0, −1, H−1, 1, 0, 0].
    const src = imageFromRows([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ]);
    for (const order of ORDERS) {
      const out = warp(src, [0, -1, 2, 1, 0, 0], order, 'constant', 0, 5, 3);
      assert.deepEqual(imageToRows(out), [
        [11, 6, 1],
        [12, 7, 2],
        [13, 8, 3],
        [14, 9, 4],
        [15, 10, 5],
      ]);
    }
  });

  describe('shifting right by 3 with order 0', () => {
    const src = imageFromRows([
      [1, 2, 3, 4, 5, 6],
      [7, 8, 9, 10, 11, 12],
    ]);
    const shifted = (mode: BorderMode, cval = 0) => imageToRows(warp(src, [1, 0, 3, 0, 1, 0], 0, mode, cval))[0];
    it('fills the uncovered columns with cval under constant', () => {
      assert.deepEqual(shifted('constant', 77), [77, 77, 77, 1, 2, 3]);
    });
    it('brings the right columns round under wrap', () => {
      assert.deepEqual(shifted('wrap'), [4, 5, 6, 1, 2, 3]);
    });
    it('repeats the edge column under edge', () => {
      assert.deepEqual(shifted('edge'), [1, 1, 1, 1, 2, 3]);
    });
    it('mirrors including the edge pixel under symmetric (cb a|abc)', () => {
      assert.deepEqual(shifted('symmetric'), [3, 2, 1, 1, 2, 3]);
    });
    it('mirrors about the edge pixel under reflect (dcb|abc)', () => {
      assert.deepEqual(shifted('reflect'), [4, 3, 2, 1, 2, 3]);
    });
  });

  it('blends image and cval at a bilinear constant border', () => {
    // Half a pixel right: output column 0 reads half of cval (0) and half of column 0 (200).
    const src = imageFromRows([
      [200, 200],
      [200, 200],
    ]);
    assert.deepEqual(imageToRows(warp(src, [1, 0, 0.5, 0, 1, 0], 1, 'constant', 0)), [
      [100, 200],
      [100, 200],
    ]);
  });

  it('returns identical bytes for the identity matrix with every order, mode and channel count', () => {
    for (const channels of [1, 2, 3, 4, 5]) {
      const src = randomImage(6, 7, channels, channels);
      for (const order of ORDERS) {
        for (const mode of BORDER_MODES) {
          const out = warp(src, [1, 0, 0, 0, 1, 0], order, mode, 123);
          assert.deepEqual(out.data, src.data, `channels=${channels} order=${order} mode=${mode}`);
        }
      }
    }
  });

  it('reads the single pixel of a 1×1 image everywhere under the non-constant modes', () => {
    const src = imageFromRows([[42]]);
    for (const order of ORDERS) {
      for (const mode of ['edge', 'symmetric', 'reflect', 'wrap'] as const) {
        const out = warp(src, [0.7, 0.3, -1.2, -0.4, 1.1, 2.5], order, mode, 0, 3, 4);
        assert.deepEqual([...out.data], new Array(12).fill(42), `order=${order} mode=${mode}`);
      }
    }
  });

  it('saturates source coordinates millions of pixels away like OpenCV (int32 overflow, int16 coordinates)', () => {
    // Expected bytes from cv2.warpAffine (OpenCV 4.6) on this 2×5 image into a 2×4 output, cval 7.
    const src = imageFromRows([
      [20, 40, 60, 80, 100],
      [120, 140, 160, 180, 200],
    ]);
    const cases: [number[], WarpOrder, BorderMode, number[]][] = [
      [[1, 0, 3e6, 0, 1, 0], 0, 'wrap', [60, 60, 60, 60, 160, 160, 160, 160]],
      [[1, 0, 3e6, 0, 1, 0], 1, 'reflect', [20, 20, 20, 20, 120, 120, 120, 120]],
      [[1, 0, 3e6, 0, 1, 0], 3, 'constant', [7, 7, 7, 7, 7, 7, 7, 7]],
      [[1, 0, -2.5e6, 0, 1, 40000.5], 0, 'reflect', [20, 20, 20, 20, 20, 20, 20, 20]],
      [[1, 0, -2.5e6, 0, 1, 40000.5], 1, 'wrap', [110, 110, 110, 110, 110, 110, 110, 110]],
      [[1, 0, -2.5e6, 0, 1, 40000.5], 3, 'reflect', [70, 70, 70, 70, 70, 70, 70, 70]],
    ];
    for (const [m, order, mode, expected] of cases) {
      assert.deepEqual([...warp(src, m, order, mode, 7, 2, 4).data], expected, `${m} order=${order} ${mode}`);
    }
  });

  it('rounds uint8 cval half to even and clips it, as OpenCV’s saturate_cast does', () => {
    const src = imageFromRows([[1]]);
    const fill = (cval: number) => warp(src, [1, 0, 5, 0, 1, 0], 0, 'constant', cval).data[0];
    assert.equal(fill(2.5), 2);
    assert.equal(fill(3.5), 4);
    assert.equal(fill(-7), 0);
    assert.equal(fill(300), 255);
  });

  it('keeps float32 values unclipped and cval as given', () => {
    const src: Image<Float32Array> = { data: new Float32Array([-5.5, 300.25]), height: 1, width: 2, channels: 1 };
    const out = warp(src, [1, 0, 1, 0, 1, 0], 0, 'constant', -1.5);
    assert.deepEqual([...out.data], [-1.5, -5.5]);
    const lin = warp(src, [1, 0, 0.5, 0, 1, 0], 1, 'edge');
    assert.deepEqual([...lin.data], [-5.5, Math.fround((-5.5 + 300.25) / 2)]);
  });

  describe('properties', () => {
    const matrix = fc.tuple(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -40, max: 40, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -40, max: 40, noNaN: true }),
    );
    const setup = fc.record({
      ...warpSizes(9, 9),
      channels: fc.integer({ min: 1, max: 5 }),
      seed: fc.integer(),
      matrix,
      order: fc.constantFrom<WarpOrder>(0, 1, 3),
      mode: fc.constantFrom<BorderMode>(...BORDER_MODES),
      cval: fc.integer({ min: 0, max: 255 }),
    });

    it('never throws on random matrices and images; nearest outputs only input values or cval', () => {
      fc.assert(
        fc.property(setup, ({ h, w, oh, ow, channels, seed, matrix, order, mode, cval }) => {
          const src = randomImage(h, w, channels, seed);
          const out = warp(src, matrix, order, mode, cval, oh, ow);
          if (order === 0) {
            const allowed = new Set([...src.data, cval]);
            for (const v of out.data) assert.ok(allowed.has(v));
          }
        }),
        { numRuns: 400 },
      );
    });

    it('warps a batch of images sharing one matrix exactly as one call per image', () => {
      fc.assert(
        fc.property(
          setup,
          fc.integer({ min: 1, max: 4 }),
          ({ h, w, oh, ow, channels, seed, matrix, order, mode, cval }, n) => {
            const size = h * w * channels;
            const osize = oh * ow * channels;
            const src = randomImage(h * n, w, channels, seed);
            const out = new Uint8Array(osize * n);
            warpAffineBatch(
              { ...src, n, height: h },
              matrix,
              { data: out, n, height: oh, width: ow, channels },
              {
                order,
                mode,
                cval,
              },
            );
            for (let k = 0; k < n; k++) {
              const one = { data: src.data.subarray(k * size, (k + 1) * size), height: h, width: w, channels };
              const expected = warp(one, matrix, order, mode, cval, oh, ow);
              assert.deepEqual(out.subarray(k * osize, (k + 1) * osize), expected.data);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    const noHeap = kernelHeap() === null ? 'no kernel heap (shared WebAssembly memory) here' : false;
    /** warpAffineBatch on a heap copy of n images into heap memory: the bytes of plain memory, nothing past out. */
    const heapMatchesPlain = (
      src: Image,
      n: number,
      m: readonly number[],
      oh: number,
      ow: number,
      options: { order: WarpOrder; mode: BorderMode; cval: number },
    ) => {
      const { height, width, channels } = src;
      const h = height / n;
      const osize = oh * ow * channels * n;
      const expected = new Uint8Array(osize);
      warpAffineBatch({ ...src, n, height: h }, m, { data: expected, n, height: oh, width: ow, channels }, options);
      const input = heapArray(src.data, src.data.length) as Uint8Array;
      input.set(src.data);
      const room = (heapArray(src.data, osize + 32) as Uint8Array).fill(0x3c);
      const out = room.subarray(0, osize);
      warpAffineBatch(
        { ...src, data: input, n, height: h },
        m,
        { data: out, n, height: oh, width: ow, channels },
        options,
      );
      assert.deepEqual(out, expected);
      assert.ok(
        room.subarray(osize).every((v) => v === 0x3c),
        `wrote past out (${width}×${h}, ${n} images)`,
      );
    };
    const far = [1, 0, 3e6, 0, 1, -2.5e6];

    it(
      'warps a batch sharing one matrix in the kernel heap (staged): the bytes of plain memory',
      { skip: noHeap },
      () => {
        fc.assert(
          fc.property(
            setup,
            fc.oneof(
              matrix.map((m) => [...m]),
              fc.constant(far),
            ),
            fc.integer({ min: 1, max: 4 }),
            ({ h, w, oh, ow, channels, seed, order, mode, cval }, m, n) => {
              heapMatchesPlain(randomImage(h * n, w, channels, seed), n, m, oh, ow, { order, mode, cval });
            },
          ),
          { numRuns: 300 },
        );
      },
    );

    it(
      'warps a batch of 2 MB or more in the kernel heap where it lies: the bytes of plain memory',
      { skip: noHeap },
      () => {
        // 44 images of 128×128×3 (2.2 MB), bilinear: rotations, a zoom, a shear, and a matrix whose coordinates fall
        // outside the border tables (the kernel gives up part way and the TypeScript loops rewrite out).
        const a = Math.PI / 6;
        const matrices = [
          [Math.cos(a), -Math.sin(a), 40, Math.sin(a), Math.cos(a), -30],
          [2, 0, -64, 0, 2, -64],
          [1, 0.4, -20, 0, 1, 0],
          far,
        ];
        const src = randomImage(44 * 128, 128, 3, 8);
        for (const m of matrices) {
          for (const mode of ['constant', 'reflect'] as const)
            heapMatchesPlain(src, 44, m, 120, 136, { order: 1, mode, cval: 9 });
        }
      },
    );

    it('warps each image by its own matrix and options exactly as the TypeScript kernel one image at a time', () => {
      // Whole-pixel shifts (the row-copy path, also far outside the border tables), identities, coordinates
      // millions of pixels away, and arbitrary matrices, mixed in one batch with mixed orders and modes.
      const shift = fc
        .tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), fc.constantFrom(1, 1, 400))
        .map(([x, y, far]) => [1, 0, x * far, 0, 1, y] as number[]);
      const anyMatrix = fc.oneof(
        matrix.map((m) => [...m]),
        shift,
        fc.constant([1, 0, 3e6, 0, 1, -2.5e6]),
        // Rotations and zooms of the kind augmentation draws (fc.double favours extreme values, which mostly give
        // near-singular matrices whose pixels are all outside).
        fc
          .tuple(
            fc.integer({ min: -180, max: 180 }),
            fc.integer({ min: 50, max: 200 }),
            fc.integer({ min: -30, max: 30 }),
          )
          .map(([deg, pct, t]) => {
            const a = (deg * Math.PI) / 180;
            const s = pct / 100;
            return [s * Math.cos(a), -s * Math.sin(a), t / 7, s * Math.sin(a), s * Math.cos(a), -t / 5];
          }),
        // An inverse x-step of 1/2048 px: every odd column's fixed-point coordinate is a tie that cvRound sends to
        // even.
        fc
          .integer({ min: -600, max: 200 })
          .map((c) => [2048, 0, c / 10, 0, 1, 0] as number[]),
      );
      const each = fc.record({
        matrix: anyMatrix,
        order: fc.constantFrom<WarpOrder>(0, 1, 1, 1, 3),
        mode: fc.constantFrom<BorderMode>(...BORDER_MODES),
        cval: fc.double({ min: -10, max: 300, noNaN: true }),
      });
      const batch = fc.record({
        ...warpSizes(11, 11),
        channels: fc.integer({ min: 1, max: 4 }),
        seed: fc.integer(),
        items: fc.array(each, { minLength: 0, maxLength: 7 }),
      });
      for (const wasm of [true, false]) {
        fc.assert(
          fc.property(batch, ({ h, w, oh, ow, channels, seed, items }) => {
            const n = items.length;
            const size = h * w * channels;
            const osize = oh * ow * channels;
            const src = randomImage(h * n, w, channels, seed);
            const out = new Uint8Array(osize * n).fill(99);
            const was = useWasmKernels(wasm);
            try {
              warpAffineEach(
                { ...src, n, height: h },
                items.map((it) => it.matrix),
                { data: out, n, height: oh, width: ow, channels },
                items.map(({ order, mode, cval }) => ({ order, mode, cval })),
              );
            } finally {
              useWasmKernels(was);
            }
            useWasmKernels(false);
            try {
              items.forEach(({ matrix: m, order, mode, cval }, k) => {
                const one = { data: src.data.subarray(k * size, (k + 1) * size), height: h, width: w, channels };
                const expected = warp(one, m, order, mode, cval, oh, ow);
                assert.deepEqual(out.subarray(k * osize, (k + 1) * osize), expected.data, `image ${k}`);
              });
            } finally {
              useWasmKernels(was);
            }
          }),
          { numRuns: 400 },
        );
      }
    });

    it('keeps bilinear uint8 outputs between the smallest and largest input value (or cval)', () => {
      fc.assert(
        fc.property(setup, ({ h, w, oh, ow, channels, seed, matrix, mode, cval }) => {
          const src = randomImage(h, w, channels, seed);
          const out = warp(src, matrix, 1, mode, cval, oh, ow);
          let lo = mode === 'constant' ? cval : 255;
          let hi = mode === 'constant' ? cval : 0;
          for (const v of src.data) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          for (const v of out.data) assert.ok(v >= lo && v <= hi, `${v} outside [${lo}, ${hi}]`);
        }),
        { numRuns: 300 },
      );
    });

    it('returns float32 images unchanged under the identity matrix', () => {
      fc.assert(
        fc.property(
          fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 12, maxLength: 12 }),
          fc.constantFrom<WarpOrder>(0, 1, 3),
          fc.constantFrom<BorderMode>(...BORDER_MODES),
          (values, order, mode) => {
            const src: Image<Float32Array> = { data: new Float32Array(values), height: 3, width: 2, channels: 2 };
            const out = warp(src, [1, 0, 0, 0, 1, 0], order, mode, 5);
            for (let i = 0; i < 12; i++) assert.ok(Object.is(out.data[i] + 0, src.data[i] + 0));
          },
        ),
      );
    });
  });
});
