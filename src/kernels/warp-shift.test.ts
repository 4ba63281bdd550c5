import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withWasmKernels } from '../../test/helpers/wasm.ts';
import type { Image } from '../core/image.ts';
import { BORDER_MODES, type BorderMode, borderIndex } from './border.ts';
import { type WarpOrder, warpAffine, warpAffineBatch, warpAffineEach } from './warp-affine.ts';
import { wasmKernelsAvailable } from './wasm/simd.ts';

// Whole-pixel shifts take warpAffine's row-copy fast path. Reference: out(x, y) = src(x − tx, y − ty), read through
// the border mode (or cval), which is what the fixed-point path gives when every fraction is zero.
function reference(
  src: Image,
  tx: number,
  ty: number,
  mode: BorderMode,
  cval: number,
  oh: number,
  ow: number,
): number[] {
  const out: number[] = [];
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const sx = borderIndex(x - tx, src.width, mode);
      const sy = borderIndex(y - ty, src.height, mode);
      for (let c = 0; c < src.channels; c++) {
        out.push(sx < 0 || sy < 0 ? cval : src.data[(sy * src.width + sx) * src.channels + c]);
      }
    }
  }
  return out;
}

describe('warpAffine whole-pixel shifts', () => {
  it('equal the border-mode reference for every order, mode and shift (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -25, max: 25 }),
        fc.integer({ min: -25, max: 25 }),
        fc.constantFrom<WarpOrder>(0, 1, 3),
        fc.constantFrom(...BORDER_MODES),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        (h, w, c, tx, ty, order, mode, float, grow) => {
          const n = h * w * c;
          const data = float
            ? new Float32Array(n).map((_, i) => i * 0.5 - 3)
            : new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
          const src = { data, height: h, width: w, channels: c };
          const oh = h + grow;
          const ow = w + 2 * grow;
          const out = {
            data: float ? new Float32Array(oh * ow * c) : new Uint8Array(oh * ow * c),
            height: oh,
            width: ow,
            channels: c,
          };
          warpAffine(src as Image, [1, 0, tx, 0, 1, ty], out as Image, { order, mode, cval: 77 });
          assert.deepEqual(Array.from(out.data), reference(src as Image, tx, ty, mode, 77, oh, ow));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('give the bytes of a fresh plan call after call when only the size, the order or the shift changes', () => {
    // The last plan is reused for the same matrix and size: a call right after one that differs in one thing must
    // give what it gives after an unrelated call. [height, width, output height, output width, tx, ty, order]
    type Call = [number, number, number, number, number, number, WarpOrder];
    const run = ([h, w, oh, ow, tx, ty, order]: Call, mode: BorderMode): number[] => {
      const src = {
        data: new Uint8Array(h * w * 3).map((_, i) => (i * 37 + 11) & 255),
        height: h,
        width: w,
        channels: 3,
      };
      const out = { data: new Uint8Array(oh * ow * 3), height: oh, width: ow, channels: 3 };
      warpAffine(src, [1, 0, tx, 0, 1, ty], out, { order, mode, cval: 77 });
      return Array.from(out.data);
    };
    // Plans 12 rows of another shift, which a stale plan of fewer rows would read past its end.
    const other: Call = [12, 12, 12, 12, 5, 4, 1];
    const pairs: [Call, Call][] = [
      [
        [6, 7, 6, 7, 2, -1, 1],
        [6, 7, 6, 7, 2, -1, 1],
      ],
      [
        [6, 7, 6, 7, 2, -1, 1],
        [6, 7, 8, 7, 2, -1, 1],
      ],
      [
        [6, 7, 8, 7, 2, -1, 1],
        [6, 7, 8, 9, 2, -1, 1],
      ],
      [
        [6, 7, 8, 9, 2, -1, 1],
        [6, 7, 8, 9, 3, -1, 1],
      ],
      [
        [6, 7, 8, 9, 3, -1, 1],
        [6, 7, 8, 9, 3, 0, 1],
      ],
      // Half a pixel is a whole-pixel shift for nearest (order 0) only.
      [
        [6, 7, 8, 9, 2.5, 1, 0],
        [6, 7, 8, 9, 2.5, 1, 1],
      ],
      [
        [6, 7, 8, 9, 2.5, 1, 1],
        [6, 7, 8, 9, 2.5, 1, 0],
      ],
    ];
    for (const mode of ['constant', 'reflect'] as const) {
      for (const [before, call] of pairs) {
        run(other, mode);
        const fresh = run(call, mode);
        if (Number.isInteger(call[4])) {
          const [h, w, oh, ow, tx, ty] = call;
          const src = { data: new Uint8Array(h * w * 3).map((_, i) => (i * 37 + 11) & 255), height: h, width: w };
          assert.deepEqual(fresh, reference({ ...src, channels: 3 }, tx, ty, mode, 77, oh, ow));
        }
        run(other, mode);
        run(before, mode);
        assert.deepEqual(run(call, mode), fresh, `${mode}: ${before} then ${call}`);
      }
    }
  });

  it('equal the reference in batches of uint8 bilinear images, each with its own shift, with and without WebAssembly', () => {
    // The WebAssembly kernel copies a constant-mode shift of rows of 16 bytes or more as one span and masks the
    // edges; narrower rows and the other modes copy row by row. Widths around 16 bytes, shifts past the image.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...BORDER_MODES),
        fc.integer({ min: 0, max: 255 }),
        fc.array(fc.tuple(fc.integer({ min: -45, max: 45 }), fc.integer({ min: -15, max: 15 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (h, w, c, mode, cval, shifts, wasm) => {
          if (wasm && !wasmKernelsAvailable()) return;
          const n = shifts.length;
          const size = h * w * c;
          const data = new Uint8Array(n * size).map((_, i) => (i * 37 + 11) & 255);
          const out = new Uint8Array(n * size).fill(3);
          const shape = { height: h, width: w, channels: c, n };
          withWasmKernels(wasm, () =>
            warpAffineEach(
              { ...shape, data },
              shifts.map(([tx, ty]) => [1, 0, tx, 0, 1, ty]),
              { ...shape, data: out },
              shifts.map(() => ({ order: 1 as const, mode, cval })),
            ),
          );
          for (let k = 0; k < n; k++) {
            const src = { data: data.subarray(k * size, (k + 1) * size), height: h, width: w, channels: c };
            const [tx, ty] = shifts[k];
            assert.deepEqual(
              Array.from(out.subarray(k * size, (k + 1) * size)),
              reference(src, tx, ty, mode, cval, h, w),
            );
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('equal the reference for a batch sharing one shift (checked once, copied per image), every order and mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: -35, max: 35 }),
        fc.integer({ min: -12, max: 12 }),
        fc.constantFrom<WarpOrder>(0, 1, 3),
        fc.constantFrom(...BORDER_MODES),
        fc.boolean(),
        (h, w, c, n, tx, ty, order, mode, float) => {
          const size = h * w * c;
          const data = float
            ? new Float32Array(n * size).map((_, i) => i * 0.25 - 7)
            : new Uint8Array(n * size).map((_, i) => (i * 37 + 11) & 255);
          const out = float ? new Float32Array(n * size) : new Uint8Array(n * size);
          const shape = { height: h, width: w, channels: c, n };
          warpAffineBatch({ ...shape, data } as never, [1, 0, tx, 0, 1, ty], { ...shape, data: out } as never, {
            order,
            mode,
            cval: 77,
          });
          for (let k = 0; k < n; k++) {
            const src = { data: data.subarray(k * size, (k + 1) * size), height: h, width: w, channels: c };
            assert.deepEqual(
              Array.from(out.subarray(k * size, (k + 1) * size)),
              reference(src as Image, tx, ty, mode, 77, h, w),
              `image ${k}`,
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('give the same result from a SharedArrayBuffer at any byte offset (its copies stage through a plain buffer)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1, 3, 4),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: -45, max: 45 }),
        fc.integer({ min: -45, max: 45 }),
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom<BorderMode>(...BORDER_MODES),
        fc.boolean(),
        (h, w, c, n, tx, ty, offset, mode, float) => {
          const count = n * h * w * c;
          const bpe = float ? 4 : 1;
          const sab = new SharedArrayBuffer((count + 16) * bpe);
          const at = float ? offset * 4 : offset;
          const shared = float ? new Float32Array(sab, at, count) : new Uint8Array(sab, at, count);
          for (let i = 0; i < count; i++) shared[i] = (i * 37 + 11) % 251;
          const plain = float ? Float32Array.from(shared) : Uint8Array.from(shared);
          const run = (data: Uint8Array | Float32Array) => {
            const out = float ? new Float32Array(count) : new Uint8Array(count);
            warpAffineBatch(
              { data, n, height: h, width: w, channels: c },
              [1, 0, tx, 0, 1, ty],
              {
                data: out,
                n,
                height: h,
                width: w,
                channels: c,
              },
              { order: 1, mode, cval: 7 },
            );
            return out;
          };
          assert.deepEqual(run(shared), run(plain));
        },
      ),
      { numRuns: 300 },
    );
  });
});
