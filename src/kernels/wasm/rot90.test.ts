import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import { rotate90 } from '../rot90.ts';
import { kernelRuns, resetKernelRuns } from '../table.ts';

function turn(data: Uint8Array, h: number, w: number, c: number, k: number, wasm: boolean): Uint8Array {
  const out = new Uint8Array(data.length);
  const odd = k % 2 !== 0;
  withWasmKernels(wasm, () =>
    rotate90({ data, height: h, width: w, channels: c }, k, {
      data: out,
      height: odd ? w : h,
      width: odd ? h : w,
      channels: c,
    }),
  );
  return out;
}

describe('rotate90U8Wasm (Rot90’s odd quarter turns in WebAssembly)', () => {
  it('gives the bytes of the TypeScript loops for any size (tiles cut or not), 1 to 5 channels, k 1 and 3', () => {
    resetKernelRuns();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(1, 3, -1, 5),
        fc.integer({ min: 0, max: 1000 }),
        (h, w, c, k, seed) => {
          const data = new Uint8Array(h * w * c).map((_, i) => (i * 131 + seed * 7 + (i >> 5)) & 255);
          assert.deepEqual(turn(data, h, w, c, k, true), turn(data, h, w, c, k, false));
        },
      ),
      { numRuns: 150 },
    );
    const runs = kernelRuns().rotate90;
    assert.ok(runs.wasm >= 150 && runs.typescript >= 150, JSON.stringify(runs));
  });

  it('turns a 2×3 image clockwise and anticlockwise (np.rot90(image, -1) and np.rot90(image, 1))', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6]); // rows [1 2 3], [4 5 6]
    assert.deepEqual(Array.from(turn(data, 2, 3, 1, 1, true)), [4, 1, 5, 2, 6, 3]);
    assert.deepEqual(Array.from(turn(data, 2, 3, 1, 3, true)), [3, 6, 2, 5, 1, 4]);
  });
});
