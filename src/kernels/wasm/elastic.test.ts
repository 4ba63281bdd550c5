import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { withWasmKernels } from '../../../test/helpers/wasm.ts';
import { elasticPadding, generateShiftMaps } from '../../augmenters/geometric/elastic-transformation.ts';
import { wasmKernelsAvailable } from './simd.ts';

function fields(noise: Float32Array, h: number, w: number, alpha: number, sigma: number, wasm: boolean) {
  const dx = new Float32Array(h * w);
  const dy = new Float32Array(h * w);
  withWasmKernels(wasm, () => generateShiftMaps(noise, h, w, alpha, sigma, dx, dy));
  return [dx, dy];
}

describe('elasticFieldsWasm (ElasticTransformation’s blurred fields in WebAssembly)', () => {
  it('gives exactly the values of the TypeScript loops for any size, alpha and sigma', () => {
    assert.ok(wasmKernelsAvailable(), 'WebAssembly SIMD kernels should load on Node 20');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0.002, max: 9, noNaN: true }),
        fc.integer({ min: 0, max: 1 << 30 }),
        (h, w, alpha, sigma, seed) => {
          const pad = elasticPadding(sigma);
          let s = seed;
          const noise = new Float32Array(2 * (h + 2 * pad) * (w + 2 * pad)).map(() => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return ((s >>> 8) - 8388608) / 8388608;
          });
          assert.deepEqual(fields(noise, h, w, alpha, sigma, true), fields(noise, h, w, alpha, sigma, false));
        },
      ),
      { numRuns: 150 },
    );
  });
});
