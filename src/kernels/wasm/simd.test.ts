import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { blurFixture, fixtureBytes } from '../../../test/helpers/blur-fixture.ts';
import { warpSizes } from '../../../test/helpers/images.ts';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import * as iaa from '../../index.ts';
import { gaussianKernelU8 } from '../convolve.ts';
import { flipHorizontal } from '../flip.ts';
import { warpAffine, warpAffineBatch } from '../warp-affine.ts';
import { blurBatchU8Wasm } from './blur.ts';
import { threadMemory, useWasmKernels, wasmKernelsAvailable } from './simd.ts';

const fixture = blurFixture;
const bytes = fixtureBytes;

/** Value-by-value reference: OpenCV's fixed-point blur written out directly (no packing, no ring). */
function referenceBlur(src: Uint8Array, h: number, w: number, c: number, kx: Int32Array, ky: Int32Array): Uint8Array {
  const reflect = (p: number, len: number) => {
    if (len === 1) return 0;
    const period = 2 * len - 2;
    let q = p % period;
    if (q < 0) q += period;
    return q < len ? q : period - q;
  };
  const rx = (kx.length - 1) >> 1;
  const ry = (ky.length - 1) >> 1;
  const horizontal = new Int32Array(h * w * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let t = 0; t < kx.length; t++) acc += kx[t] * src[(y * w + reflect(x + t - rx, w)) * c + ch];
        horizontal[(y * w + x) * c + ch] = acc;
      }
    }
  }
  const out = new Uint8Array(h * w * c);
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w * c; i++) {
      let acc = 32768;
      for (let t = 0; t < ky.length; t++) acc += ky[t] * horizontal[reflect(y + t - ry, h) * w * c + i];
      out[y * w * c + i] = acc >>> 16;
    }
  }
  return out;
}

describe('WebAssembly SIMD kernels', () => {
  it('never grow their memory (which detaches its buffer) for a batch of 32 images of 256×256×3', () => {
    // A detached buffer makes V8 slow down every typed-array loop of the thread (see reserve in arena.ts).
    assert.ok(wasmKernelsAvailable(), 'the WebAssembly kernels did not load');
    const memory = threadMemory();
    assert.ok(memory, 'no WebAssembly kernels loaded');
    const before = memory.buffer;
    const data = new Uint8Array(32 * 256 * 256 * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const batch = { data, n: 32, height: 256, width: 256, channels: 3 };
    for (const aug of [
      iaa.GaussianBlur(3),
      iaa.Affine({ rotate: 30 }),
      iaa.Affine({ rotate: [-30, 30], scale: [0.8, 1.2], mode: 'reflect' }),
      iaa.Affine({ rotate: [-45, 45], fitOutput: true }),
      iaa.AdditiveGaussianNoise({ scale: 25 }),
      iaa.Dropout(0.2),
      iaa.SaltAndPepper(0.2),
      iaa.Grayscale(1),
      iaa.Fliplr(1),
      iaa.Resize({ height: 384, width: 384 }, { interpolation: 'linear' }),
      iaa.PerspectiveTransform([0.05, 0.1]),
      iaa.ElasticTransformation(50, { sigma: 5 }),
      iaa.ElasticTransformation(50, { sigma: 5, order: 3 }),
    ]) {
      aug.augmentImages(batch);
      assert.equal(memory.buffer, before, `${aug.type} grew the kernels' memory`);
    }
  });

  it('load on Node 20 (WebAssembly SIMD is on by default)', () => {
    assert.equal(wasmKernelsAvailable(), true);
  });

  it('blur: identical bytes to cv2.GaussianBlur on every uint8 fixture', () => {
    let checked = 0;
    for (const c of fixture.cases) {
      if (c.dtype !== 'uint8') continue;
      const src = bytes(c.data);
      for (const o of c.outputs) {
        const k = gaussianKernelU8(o.sigma, o.ksize);
        const out = new Uint8Array(src.length);
        assert.equal(blurBatchU8Wasm(src, c.height, c.width, c.channels, 0, 1, k, k, out), true);
        assert.deepEqual(out, bytes(o.data), `${c.height}×${c.width}×${c.channels}, sigma ${o.sigma}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} uint8 fixture outputs`);
  });

  it('blur: equals the direct reference for random images, kernels and channel counts (different x and y kernels)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.2, max: 4, noNaN: true }),
        fc.double({ min: 0.2, max: 4, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (h, w, c, sx, sy, seed) => {
          const src = new Uint8Array(h * w * c);
          let s = seed | 1;
          for (let i = 0; i < src.length; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            src[i] = s & 255;
          }
          const kx = gaussianKernelU8(sx);
          const ky = gaussianKernelU8(sy);
          const out = new Uint8Array(src.length);
          blurBatchU8Wasm(src, h, w, c, 0, 1, kx, ky, out);
          assert.deepEqual(out, referenceBlur(src, h, w, c, kx, ky));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('blur: a run of images in a batch, in place, touches only that run', () => {
    const [h, w, c] = [9, 11, 3];
    const size = h * w * c;
    const batch = Uint8Array.from({ length: 5 * size }, (_, i) => (i * 37 + (i >> 3)) & 255);
    const original = batch.slice();
    const k = gaussianKernelU8(1.3);
    blurBatchU8Wasm(batch, h, w, c, 1, 3, k, k, batch);
    assert.deepEqual(batch.subarray(0, size), original.subarray(0, size));
    assert.deepEqual(batch.subarray(4 * size), original.subarray(4 * size));
    for (let i = 1; i < 4; i++) {
      const expected = referenceBlur(original.subarray(i * size, (i + 1) * size), h, w, c, k, k);
      assert.deepEqual(batch.subarray(i * size, (i + 1) * size), expected, `image ${i}`);
    }
  });

  it('blur: large runs are split into chunks with the same result', () => {
    const [h, w, c] = [256, 256, 3];
    const size = h * w * c;
    const n = 70; // more than one 8 MB chunk
    const batch = Uint8Array.from({ length: n * size }, (_, i) => (i * 2654435761) >>> 24);
    const k = gaussianKernelU8(1);
    const out = new Uint8Array(batch.length);
    blurBatchU8Wasm(batch, h, w, c, 0, n, k, k, out);
    for (const i of [0, 31, 32, 69]) {
      const one = new Uint8Array(size);
      blurBatchU8Wasm(batch.subarray(i * size, (i + 1) * size), h, w, c, 0, 1, k, k, one);
      assert.deepEqual(out.subarray(i * size, (i + 1) * size), one, `image ${i}`);
    }
  });

  it('warp (uint8 bilinear): the same bytes as the TypeScript loops for random matrices, sizes, channels, modes and batches', () => {
    const modes = ['constant', 'edge', 'symmetric', 'reflect', 'wrap'] as const;
    fc.assert(
      fc.property(
        fc.record({
          ...warpSizes(24, 30),
          c: fc.integer({ min: 1, max: 5 }),
          n: fc.integer({ min: 1, max: 3 }),
          mode: fc.constantFrom(...modes),
          cval: fc.integer({ min: -10, max: 300 }),
          angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
          scale: fc.double({ min: 0.3, max: 3, noNaN: true }),
          shear: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
          tx: fc.double({ min: -20, max: 20, noNaN: true }),
          ty: fc.double({ min: -20, max: 20, noNaN: true }),
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        }),
        (p) => {
          const cos = Math.cos(p.angle) * p.scale;
          const sin = Math.sin(p.angle) * p.scale;
          const matrix = [cos, -sin + p.shear, p.tx, sin, cos, p.ty];
          const size = p.h * p.w * p.c;
          const data = new Uint8Array(p.n * size);
          let s = p.seed;
          for (let i = 0; i < data.length; i++) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            data[i] = s & 255;
          }
          const options = { order: 1 as const, mode: p.mode, cval: p.cval };
          const run = () => {
            const out = new Uint8Array(p.n * p.oh * p.ow * p.c);
            const shape = { height: p.h, width: p.w, channels: p.c };
            const outShape = { height: p.oh, width: p.ow, channels: p.c };
            if (p.n === 1) warpAffine({ ...shape, data }, matrix, { ...outShape, data: out }, options);
            else warpAffineBatch({ ...shape, n: p.n, data }, matrix, { ...outShape, n: p.n, data: out }, options);
            return out;
          };
          const wasm = run();
          const was = useWasmKernels(false);
          let typescript: Uint8Array;
          try {
            typescript = run();
          } finally {
            useWasmKernels(was);
          }
          assert.deepEqual(wasm, typescript);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Both flip kernels: the same bytes as the TypeScript loops and the mirror written out, pixel by pixel.
  const checkFlip = (h: number, w: number, c: number) => {
    const data = Uint8Array.from({ length: h * w * c }, (_, i) => (i * 131 + (i >> 5)) & 255);
    const image = { data, height: h, width: w, channels: c };
    const wasm = new Uint8Array(data.length);
    flipHorizontal(image, { ...image, data: wasm });
    const typescript = new Uint8Array(data.length);
    withWasmKernels(false, () => flipHorizontal(image, { ...image, data: typescript }));
    assert.deepEqual(wasm, typescript);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) {
          const at = (y * w + x) * c + k;
          if (wasm[at] !== data[(y * w + (w - 1 - x)) * c + k]) assert.fail(`(${y}, ${x}, ${k})`);
        }
      }
    }
  };

  it('flip (one channel): every row mirrored, the same bytes as the TypeScript loops, for widths below, at and above 16', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 70 }), (h, w) => checkFlip(h, w, 1)),
      { numRuns: 200 },
    );
  });

  it('flip (three channels): every pixel mirrored, the same bytes as the TypeScript loops, every width mod 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 70 }), (h, w) => checkFlip(h, w, 3)),
      { numRuns: 200 },
    );
    checkFlip(300, 701, 3); // several chunks of rows
  });

  it('useWasmKernels(false) makes the kernels decline, and true brings them back', () => {
    const was = useWasmKernels(false);
    try {
      assert.equal(wasmKernelsAvailable(), false);
      const k = gaussianKernelU8(1);
      assert.equal(blurBatchU8Wasm(new Uint8Array(4), 2, 2, 1, 0, 1, k, k, new Uint8Array(4)), false);
    } finally {
      useWasmKernels(was);
    }
    assert.equal(wasmKernelsAvailable(), true);
  });
});
