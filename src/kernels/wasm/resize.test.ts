import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import { resizeAuto, resizeImage } from '../resize.ts';
import { wasmKernelsAvailable } from './simd.ts';

function halve(data: Uint8Array, h: number, w: number, c: number, wasm: boolean): Uint8Array {
  const out = new Uint8Array((h / 2) * (w / 2) * c);
  withWasmKernels(wasm, () =>
    resizeImage(
      { data, height: h, width: w, channels: c },
      { data: out, height: h / 2, width: w / 2, channels: c },
      'linear',
    ),
  );
  return out;
}

describe('halveU8Wasm (Resize to exactly half in WebAssembly)', () => {
  it('gives the bytes of the TypeScript loops for even sizes and 1 to 5 channels', () => {
    assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (hh, hw, c, seed) => {
          const h = 2 * hh;
          const w = 2 * hw;
          const data = new Uint8Array(h * w * c).map((_, i) => (i * 131 + seed * 7 + (i >> 5)) & 255);
          assert.deepEqual(halve(data, h, w, c, true), halve(data, h, w, c, false));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same bytes for an image larger than one chunk of rows (600×602×3)', () => {
    const data = new Uint8Array(600 * 602 * 3).map((_, i) => (i * 2654435761) >>> 24);
    assert.deepEqual(halve(data, 600, 602, 3, true), halve(data, 600, 602, 3, false));
  });

  it('averages each 2×2 block with OpenCV’s rounding, (a + b + c + d + 2) >> 2', () => {
    const data = Uint8Array.from([0, 1, 10, 20, 2, 2, 30, 41]); // 2×4 gray: blocks [0,1,2,2] and [10,20,30,41]
    assert.deepEqual(Array.from(halve(data, 2, 4, 1, true)), [(0 + 1 + 2 + 2 + 2) >> 2, (10 + 20 + 30 + 41 + 2) >> 2]);
  });
});

function resized(
  data: Uint8Array,
  h: number,
  w: number,
  c: number,
  dh: number,
  dw: number,
  auto: boolean,
  wasm: boolean,
) {
  const out = new Uint8Array(dh * dw * c);
  const src = { data, height: h, width: w, channels: c };
  const dst = { data: out, height: dh, width: dw, channels: c };
  withWasmKernels(wasm, () => (auto ? resizeAuto(src, dst) : resizeImage(src, dst, 'linear')));
  return out;
}

describe('resizeLinearU8Wasm (Resize’s bilinear path in WebAssembly)', () => {
  it('gives the bytes of the TypeScript loops, half-pixel and area positions, any sizes, 1 to 5 channels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 45 }),
        fc.integer({ min: 1, max: 45 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (h, w, dh, dw, c, auto, seed) => {
          const data = new Uint8Array(h * w * c).map((_, i) => (i * 131 + seed * 7 + (i >> 5)) & 255);
          assert.deepEqual(resized(data, h, w, c, dh, dw, auto, true), resized(data, h, w, c, dh, dw, auto, false));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same bytes across chunks of rows (700×500×3 → 1,300×230 and → 90×900)', () => {
    const data = new Uint8Array(700 * 500 * 3).map((_, i) => (i * 2654435761) >>> 24);
    for (const [dh, dw] of [
      [1300, 230],
      [90, 900],
    ]) {
      for (const auto of [false, true]) {
        assert.deepEqual(
          resized(data, 700, 500, 3, dh, dw, auto, true),
          resized(data, 700, 500, 3, dh, dw, auto, false),
        );
      }
    }
  });
});
