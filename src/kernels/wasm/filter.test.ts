import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import * as iaa from '../../index.ts';
import { boxFilterU8 } from '../box-filter.ts';
import { type Filter2DKernel, filter2D } from '../filter2d.ts';
import { medianFilterU8 } from '../median.ts';
import { wasmKernelsAvailable } from './simd.ts';

/** filter2D of `src` with the WebAssembly kernels on or off, and how often the twin ran. */
function run(src: Uint8Array, shape: iaa.Image, kernel: Filter2DKernel, wasm: boolean) {
  return withWasmKernels(wasm, () => {
    iaa.resetKernelRuns();
    const out = new Uint8Array(src.length);
    filter2D(src, shape, [kernel], out);
    return { out, runs: iaa.kernelRuns().filter2D.wasm };
  });
}

const image = fc.record({
  h: fc.integer({ min: 1, max: 24 }),
  w: fc.integer({ min: 1, max: 40 }),
  channels: fc.constantFrom(1, 3, 4),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

function pixels(n: number, seed: number): Uint8Array {
  let s = seed | 1;
  return Uint8Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 24;
  });
}

/** Checks the twin against the loop on random images for kernels from `taps` (values for a kh × kw kernel). */
function check(taps: (n: number) => fc.Arbitrary<number[]>) {
  fc.assert(
    fc.property(
      image,
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      ({ h, w, channels, seed }, kh, kw, kseed) => {
        const values = fc.sample(taps(kh * kw), { numRuns: 1, seed: kseed })[0];
        const kernel = { height: kh, width: kw, data: Float32Array.from(values) };
        const shape = { data: new Uint8Array(0), height: h, width: w, channels };
        const src = pixels(h * w * channels, seed);
        const wasm = run(src, shape, kernel, true);
        const ts = run(src, shape, kernel, false);
        assert.equal(wasm.runs, 1, 'the WebAssembly twin did not run');
        assert.equal(ts.runs, 0);
        assert.deepEqual(wasm.out, ts.out);
      },
    ),
    { numRuns: 150 },
  );
}

describe('filter2DU8Wasm (filter2D in WebAssembly)', () => {
  it('gives the loop’s bytes for integer kernels (the int16 path), negative taps and zeros among them', () => {
    assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
    check((n) => fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }));
  });

  it('gives the loop’s bytes for float32 kernels (each step rounded to float32), also ones summing to 1', () => {
    const f32 = fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
    check((n) => fc.array(f32, { minLength: n, maxLength: n }));
    // Normalised kernels (MotionBlur's), whose sums land near half-integers.
    check((n) =>
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n }).map((v) => {
        const total = v.reduce((a, b) => a + b, 0) || 1;
        return v.map((x) => Math.fround(Math.fround(x / 255) / Math.fround(total / 255)));
      }),
    );
  });

  it('gives the loop’s bytes for integer kernels too large for int16 sums (the float path) and saturates', () => {
    check((n) => fc.array(fc.integer({ min: -200, max: 200 }), { minLength: n, maxLength: n }));
  });

  it('leaves per-channel kernels and float32 images to the loop', () => {
    const shape = { height: 4, width: 5, channels: 3 };
    const k = { height: 3, width: 3, data: new Float32Array(9).fill(1 / 9) };
    iaa.resetKernelRuns();
    filter2D(new Uint8Array(60), shape, [k, k, k], new Uint8Array(60));
    filter2D(new Float32Array(60), shape, [k], new Float32Array(60));
    assert.deepEqual(iaa.kernelRuns().filter2D, { wasm: 0, typescript: 2, declined: 0 });
  });
});

/** `filter(src, shape, out)` with the WebAssembly kernels on and off: both outputs and the twin's runs under `name`. */
function both(name: 'medianU8' | 'boxFilterU8', src: Uint8Array, filter: (out: Uint8Array) => void) {
  return [true, false].map((wasm) =>
    withWasmKernels(wasm, () => {
      iaa.resetKernelRuns();
      const out = new Uint8Array(src.length);
      filter(out);
      return { out, runs: iaa.kernelRuns()[name].wasm };
    }),
  );
}

describe('medianU8Wasm (medianBlur in WebAssembly)', () => {
  it('gives the loop’s bytes for k = 3 and 5 on any size, down to one pixel', () => {
    fc.assert(
      fc.property(image, fc.constantFrom(3, 5), ({ h, w, channels, seed }, k) => {
        const src = pixels(h * w * channels, seed);
        // Few distinct values too (many ties in a window).
        if (seed % 3 === 0) for (let i = 0; i < src.length; i++) src[i] &= 0xc0;
        const shape = { height: h, width: w, channels };
        const [wasm, ts] = both('medianU8', src, (out) => medianFilterU8(src, shape, k, out));
        assert.equal(wasm.runs, 1, 'the WebAssembly twin did not run');
        assert.equal(ts.runs, 0);
        assert.deepEqual(wasm.out, ts.out);
      }),
      { numRuns: 200 },
    );
  });
});

describe('boxU8Wasm (blur in WebAssembly)', () => {
  it('gives the loop’s bytes for windows of 2 … 256 pixels on any size, and in place', () => {
    fc.assert(
      fc.property(
        image,
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        ({ h, w, channels, seed }, kh, kw) => {
          fc.pre(kh * kw >= 2);
          const src = pixels(h * w * channels, seed);
          const shape = { height: h, width: w, channels };
          const [wasm, ts] = both('boxFilterU8', src, (out) => boxFilterU8(src, shape, kh, kw, out));
          assert.equal(wasm.runs, 1, 'the WebAssembly twin did not run');
          assert.equal(ts.runs, 0);
          assert.deepEqual(wasm.out, ts.out);
          const inPlace = src.slice();
          boxFilterU8(inPlace, shape, kh, kw, inPlace);
          assert.deepEqual(inPlace, ts.out);
        },
      ),
      { numRuns: 200 },
    );
  });
});
