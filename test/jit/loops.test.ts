// The TypeScript kernels' long loops, checked in V8 itself: each is compiled once and kept, rather than bailed out
// of after every call (see bailoutsOf). Each script runs the kernel the way a batch does: calls that each run one
// loop over megabytes, the first of them in a fresh process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bailoutsOf } from '../helpers/deopt.ts';

/** Runs `code` and checks that no function of `files` bails out at one place again and again. */
function assertCompiledOnce(files: readonly string[], code: string): void {
  const { controlSeen, repeated } = bailoutsOf(code, files);
  assert.ok(controlSeen, 'the control bailout shows in the trace');
  assert.deepEqual(repeated, [], 'code that bails out at the same place again and again');
}

describe('long loops in V8', () => {
  it('lookup tables (Multiply, LinearContrast, Add, GammaContrast): every form, aligned or not, one or more tables', () => {
    // Before 2026-12-06: mapWordsAffine bailed out 4–13 times in 16 calls of the halving table, mapWordsWide and
    // the unaligned loop 3 times each.
    assertCompiledOnce(
      ['src/kernels/lut.ts'],
      `import { applyLut, applyLutRange, buildLut, prepareLut } from './src/kernels/lut.ts';
      import { useWasmKernels } from './src/kernels/wasm/simd.ts';
      useWasmKernels(false);
      const size = 1 << 20;
      const src = new Uint8Array(size + 8);
      for (let i = 0; i < src.length; i++) src[i] = (i * 2654435761) >>> 24;
      const out = new Uint8Array(size + 8);
      const inv = buildLut((v) => 255 - v, new Uint8Array(256));
      const forms = [inv, prepareLut(inv), prepareLut(buildLut((v) => v * 0.5, new Uint8Array(256))),
        prepareLut(buildLut((v) => v * 0.75, new Uint8Array(256)))];
      for (const lut of forms) for (let k = 0; k < 16; k++) applyLutRange(src, lut, 0, size, out);
      for (let k = 0; k < 16; k++) applyLutRange(src, inv, 1, size, out);
      for (let k = 0; k < 16; k++) applyLut(src.subarray(0, 900000), [inv, inv, inv], 3, out.subarray(0, 900000));
      for (let k = 0; k < 16; k++) applyLut(src.subarray(0, size), [inv, inv], 2, out.subarray(0, size));`,
    );
  });

  it("Grayscale's TypeScript kernel (without WebAssembly)", () => {
    assertCompiledOnce(
      ['src/kernels/grayscale.ts'],
      `import * as iaa from './src/index.ts';
      import { useWasmKernels } from './src/kernels/wasm/simd.ts';
      useWasmKernels(false);
      const n = 32, size = 256 * 256 * 3;
      const data = new Uint8Array(n * size);
      for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
      const out = new Uint8Array(n * size);
      const aug = iaa.Grayscale(1);
      for (let k = 0; k < 16; k++) aug.augmentImages({ n, height: 256, width: 256, channels: 3, data }, { epoch: k, out });`,
    );
  });

  it("ElasticTransformation's fixed-point maps (mapCoordinates, without WebAssembly)", () => {
    assertCompiledOnce(
      ['src/kernels/elastic.ts', 'src/kernels/warp/remap.ts', 'src/kernels/warp/batch.ts'],
      `import { mapCoordinates } from './src/kernels/elastic.ts';
      import { useWasmKernels } from './src/kernels/wasm/simd.ts';
      useWasmKernels(false);
      const h = 256, w = 256;
      const image = { height: h, width: w, channels: 1, data: new Uint8Array(h * w) };
      const out = { height: h, width: w, channels: 1, data: new Uint8Array(h * w) };
      const dx = new Float32Array(h * w).map((_, i) => Math.sin(i) * 3);
      const dy = new Float32Array(h * w).map((_, i) => Math.cos(i) * 3);
      for (let k = 0; k < 64; k++) mapCoordinates(image, dx, dy, out, { order: 1, mode: 'constant', cval: 0 });`,
    );
  });

  it("warpAffine's row loops, which take a row job (every order, uint8 and float32, 1 and 3 channels, a batch)", () => {
    assertCompiledOnce(
      [
        'src/kernels/warp/affine.ts',
        'src/kernels/warp/interior.ts',
        'src/kernels/warp/batch.ts',
        'src/kernels/warp/border-loops.ts',
      ],
      `import { warpAffine, warpAffineBatch } from './src/kernels/warp-affine.ts';
      import { useWasmKernels } from './src/kernels/wasm/simd.ts';
      useWasmKernels(false);
      const r = Math.PI / 6, c = 127.5, cos = Math.cos(r), sin = Math.sin(r);
      const m = [cos, -sin, c - cos * c + sin * c, sin, cos, c - sin * c - cos * c];
      for (const cn of [1, 3]) {
        const u8 = new Uint8Array(256 * 256 * cn).map((_, i) => (i * 2654435761) >>> 24);
        const f32 = Float32Array.from(u8);
        for (const order of [0, 1, 3]) {
          for (const mode of ['constant', 'reflect']) {
            for (const data of [u8, f32]) {
              const src = { height: 256, width: 256, channels: cn, data };
              const out = { height: 256, width: 256, channels: cn, data: data.slice() };
              for (let k = 0; k < 8; k++) warpAffine(src, m, out, { order, mode, cval: 0 });
            }
          }
        }
        const batch = { n: 8, height: 256, width: 256, channels: cn, data: new Uint8Array(8 * u8.length) };
        const outs = { ...batch, data: new Uint8Array(batch.data.length) };
        for (let k = 0; k < 8; k++) warpAffineBatch(batch, m, outs, { order: 1, mode: 'constant', cval: 0 });
      }`,
    );
  });
});
