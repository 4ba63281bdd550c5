import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { warpSizes } from '../../../test/helpers/images.ts';
import { assertWasmTwin } from '../../../test/helpers/wasm.ts';
import { BORDER_MODES, type BorderMode } from '../border.ts';
import { remap } from '../warp-affine.ts';
import { wasmKernelsAvailable } from './simd.ts';

function run(
  data: Uint8Array,
  h: number,
  w: number,
  c: number,
  mx: Int32Array,
  my: Int32Array,
  oh: number,
  ow: number,
  order: 1 | 3,
  mode: BorderMode,
  cval: number,
): Uint8Array {
  const out = new Uint8Array(oh * ow * c);
  const options = { order, mode, cval };
  remap({ data, height: h, width: w, channels: c }, mx, my, { data: out, height: oh, width: ow, channels: c }, options);
  return out;
}

describe('remapU8Wasm (bilinear and bicubic uint8 remap in WebAssembly)', () => {
  it('gives the bytes of the TypeScript kernel for random maps, every mode, 1 to 5 channels', () => {
    assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
    // Positions in 1/32 pixel: mostly around the image (inside, on the border, just outside), some far away
    // (beyond the border tables and the int16 range, where the kernel hands the image back to TypeScript).
    fc.assert(
      fc.property(
        fc.record({
          ...warpSizes(12, 12),
          c: fc.integer({ min: 1, max: 5 }),
          seed: fc.nat(),
          order: fc.constantFrom<1 | 3>(1, 3),
          mode: fc.constantFrom<BorderMode>(...BORDER_MODES),
          cval: fc.integer({ min: 0, max: 255 }),
          far: fc.boolean(),
        }),
        fc.infiniteStream(fc.integer({ min: -3e6, max: 3e6 })),
        ({ h, w, oh, ow, c, seed, order, mode, cval, far }, farValues) => {
          const data = new Uint8Array(h * w * c).map((_, i) => (i * 131 + seed * 7 + (i >> 3)) & 255);
          const n = oh * ow;
          const rand = (k: number, span: number) => ((Math.imul(seed + k, 2654435761) >>> 0) % ((span + 6) * 32)) - 96;
          const mx = Int32Array.from({ length: n }, (_, i) => rand(2 * i, w));
          const my = Int32Array.from({ length: n }, (_, i) => rand(2 * i + 1, h));
          if (far) {
            const it = farValues[Symbol.iterator]();
            mx[0] = it.next().value as number;
            my[n - 1] = it.next().value as number;
          }
          // The maps are made once: the stream of far values is read only here.
          assertWasmTwin(() => run(data, h, w, c, mx, my, oh, ow, order, mode, cval));
        },
      ),
      { numRuns: 500 },
    );
  });
});
