import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertGaussianDot, blurFixture, fixtureBytes } from '../../test/helpers/blur-fixture.ts';
import {
  convolveBatchU8,
  convolveSeparableF32,
  convolveSeparableU8,
  gaussianKernelF32,
  gaussianKernelSize,
  gaussianKernelU8,
  reflect101,
} from './convolve.ts';
import { useWasmKernels } from './wasm/simd.ts';

const fixture = blurFixture;
const bytes = fixtureBytes;

function floats(b64: string): Float32Array {
  const b = bytes(b64);
  return new Float32Array(b.buffer, b.byteOffset, b.length / 4);
}

describe('gaussianKernelSize', () => {
  it('follows imgaug: 5 for small sigmas, odd, and 3.3/2.9/2.6 × sigma above', () => {
    assert.deepEqual(
      [0.5, 1, 1.8, 2, 3, 4.5, 6].map(gaussianKernelSize),
      [5, 5, 5, 7, 9, 13, 15], // 6.6 → 6 → 7; 8.7 → 8 → 9; 13.05 → 13; 15.6 → 15
    );
  });
});

describe('gaussianKernelU8', () => {
  it('gives OpenCV’s integer kernels for sigma 0.5, 1 and 3', () => {
    assert.deepEqual(Array.from(gaussianKernelU8(0.5)), [0, 27, 202, 27, 0]);
    assert.deepEqual(Array.from(gaussianKernelU8(1)), [14, 62, 104, 62, 14]);
    assert.deepEqual(Array.from(gaussianKernelU8(3)), [16, 24, 31, 37, 40, 37, 31, 24, 16]);
  });

  it('sums to 256 and is symmetric for many sigmas', () => {
    for (let sigma = 0.05; sigma < 12; sigma += 0.37) {
      const k = gaussianKernelU8(sigma);
      assert.equal(
        k.reduce((a, b) => a + b, 0),
        256,
        `sigma ${sigma}`,
      );
      for (let i = 0; i < k.length; i++) assert.equal(k[i], k[k.length - 1 - i]);
    }
  });

  it('rejects a non-positive sigma and an even size', () => {
    assert.throws(() => gaussianKernelU8(0), RangeError);
    assert.throws(() => gaussianKernelU8(1, 4), RangeError);
  });
});

describe('gaussianKernelF32', () => {
  it('is the normalised Gaussian rounded to float32', () => {
    const k = gaussianKernelF32(1);
    const e = [2, 1, 0, 1, 2].map((d) => Math.exp(-(d * d) / 2));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, i) => assert.ok(Math.abs(k[i] - v / sum) < 1e-7, `tap ${i}`));
  });
});

describe('reflect101', () => {
  it('mirrors without repeating the edge (cb|abcd|cb) and handles one-pixel axes', () => {
    assert.deepEqual(
      [-3, -2, -1, 0, 3, 4, 5, 6].map((p) => reflect101(p, 4)),
      [3, 2, 1, 0, 3, 2, 1, 0],
    );
    assert.deepEqual(
      [-2, -1, 2, 3].map((p) => reflect101(p, 2)),
      [0, 1, 0, 1],
    );
    assert.equal(reflect101(-5, 1), 0);
  });
});

for (const kernel of ['WebAssembly SIMD', 'TypeScript'] as const) {
  describe(`convolveSeparableU8 (${kernel} kernel)`, () => {
    before(() => useWasmKernels(kernel === 'WebAssembly SIMD'));
    after(() => useWasmKernels(true));

    it('blurs a single bright pixel into the outer product of [14, 62, 104, 62, 14] / 256, rounded as OpenCV', () => {
      const size = 9;
      const src = new Uint8Array(size * size);
      src[4 * size + 4] = 255;
      const out = new Uint8Array(src.length);
      const k = gaussianKernelU8(1);
      convolveSeparableU8(src, { height: size, width: size, channels: 1 }, k, k, out);
      assertGaussianDot(out, size);
    });

    it(`matches OpenCV byte for byte on every fixture image and sigma (${fixture.cases.length} images)`, () => {
      let compared = 0;
      for (const c of fixture.cases.filter((c) => c.dtype === 'uint8')) {
        const src = bytes(c.data);
        for (const o of c.outputs) {
          const k = gaussianKernelU8(o.sigma);
          assert.equal(k.length, o.ksize);
          const out = new Uint8Array(src.length);
          convolveSeparableU8(src, c, k, k, out);
          assert.deepEqual(out, bytes(o.data), `${c.height}×${c.width}×${c.channels}, sigma ${o.sigma}`);
          compared++;
        }
      }
      assert.ok(compared >= 100, `only ${compared} cases compared`);
    });

    it('gives the same bytes when out is the input (in place), for every fixture image and sigma', () => {
      let compared = 0;
      for (const c of fixture.cases.filter((c) => c.dtype === 'uint8')) {
        for (const o of c.outputs) {
          const data = bytes(c.data);
          const k = gaussianKernelU8(o.sigma);
          convolveSeparableU8(data, c, k, k, data);
          assert.deepEqual(data, bytes(o.data), `${c.height}×${c.width}×${c.channels}, sigma ${o.sigma}`);
          compared++;
        }
      }
      assert.ok(compared >= 100);
    });

    it('keeps the total intensity within rounding on a flat-bordered image', () => {
      // A blob well inside a black image: reflection adds nothing, so only per-pixel rounding (±0.5) changes the sum.
      const h = 32;
      const w = 40;
      const src = new Uint8Array(h * w);
      for (let y = 10; y < 22; y++) for (let x = 12; x < 28; x++) src[y * w + x] = (x * 37 + y * 11) & 255;
      const out = new Uint8Array(src.length);
      const k = gaussianKernelU8(1.5);
      convolveSeparableU8(src, { height: h, width: w, channels: 1 }, k, k, out);
      const sum = (a: Uint8Array) => a.reduce((s, v) => s + v, 0);
      const nonZero = out.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
      assert.ok(sum(src) > 10_000);
      assert.ok(Math.abs(sum(out) - sum(src)) <= 0.5 * nonZero + 1, `${sum(out)} vs ${sum(src)}`);
      assert.notDeepEqual(out, src);
    });

    it('rejects buffers of the wrong length', () => {
      const k = gaussianKernelU8(1);
      assert.throws(
        () => convolveSeparableU8(new Uint8Array(5), { height: 2, width: 3, channels: 1 }, k, k, new Uint8Array(6)),
        RangeError,
      );
    });
  });
}

describe('convolveSeparableF32', () => {
  it('agrees with OpenCV’s float path to within 1e-6 on the fixture images', () => {
    let compared = 0;
    for (const c of fixture.cases.filter((c) => c.dtype === 'float32')) {
      const src = floats(c.data);
      for (const o of c.outputs) {
        const k = gaussianKernelF32(o.sigma);
        const out = new Float32Array(src.length);
        convolveSeparableF32(src, c, k, k, out);
        const expected = floats(o.data);
        for (let i = 0; i < out.length; i++) {
          assert.ok(Math.abs(out[i] - expected[i]) < 1e-6, `${c.height}×${c.width}, sigma ${o.sigma}, value ${i}`);
        }
        compared++;
      }
    }
    assert.ok(compared >= 6);
  });

  it('gives the same values in place as into a separate buffer', () => {
    const c = fixture.cases.find((c) => c.dtype === 'float32' && c.channels === 3)!;
    const k = gaussianKernelF32(3);
    const separate = new Float32Array(c.height * c.width * c.channels);
    convolveSeparableF32(floats(c.data), c, k, k, separate);
    const inPlace = floats(c.data).slice();
    convolveSeparableF32(inPlace, c, k, k, inPlace);
    assert.deepEqual(inPlace, separate);
    assert.notDeepEqual(inPlace, floats(c.data));
  });
});

for (const kernel of ['WebAssembly SIMD', 'TypeScript'] as const) {
  describe(`convolveBatchU8 (${kernel} kernel)`, () => {
    before(() => useWasmKernels(kernel === 'WebAssembly SIMD'));
    after(() => useWasmKernels(true));

    it('gives each image of a batch the bytes convolveSeparableU8 gives it alone (own borders, any channels)', () => {
      for (const [h, w, c, sigma] of [
        [4, 5, 1, 1],
        [7, 3, 3, 2],
        [2, 9, 4, 0.5],
        [28, 28, 1, 1],
      ]) {
        const size = h * w * c;
        const n = 3;
        const src = Uint8Array.from({ length: n * size }, (_, i) => (i * 151 + 7) & 255);
        const k = gaussianKernelU8(sigma);
        const shape = { height: h, width: w, channels: c };
        const batch = new Uint8Array(n * size);
        convolveBatchU8(src, shape, 1, 2, k, k, batch);
        for (let i = 0; i < n; i++) {
          const alone = new Uint8Array(size);
          if (i > 0) convolveSeparableU8(src.subarray(i * size, (i + 1) * size), shape, k, k, alone);
          assert.deepEqual(
            Array.from(batch.subarray(i * size, (i + 1) * size)),
            Array.from(alone),
            `${h}×${w}×${c} #${i}`,
          );
        }
      }
    });
  });
}
