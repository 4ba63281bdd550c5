import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rampImage } from '../../../test/helpers/images.ts';
import { checkWasmTwin } from '../../../test/helpers/wasm.ts';
import { ElasticTransformation } from '../../augmenters/geometric/elastic-transformation.ts';
import { elasticPadding, generateShiftMaps } from '../elastic.ts';

function fields(noise: Float32Array, h: number, w: number, alpha: number, sigma: number) {
  const dx = new Float32Array(h * w);
  const dy = new Float32Array(h * w);
  generateShiftMaps(noise, h, w, alpha, sigma, dx, dy);
  return [dx, dy];
}

describe('elasticFieldsWasm (ElasticTransformation’s blurred fields in WebAssembly)', () => {
  it('gives exactly the values of the TypeScript loops for any size, alpha and sigma', () => {
    checkWasmTwin(
      fc.tuple(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0.002, max: 9, noNaN: true }),
        fc.integer({ min: 0, max: 1 << 30 }),
      ),
      ([h, w, alpha, sigma, seed]) => {
        const pad = elasticPadding(sigma);
        let s = seed;
        const noise = new Float32Array(2 * (h + 2 * pad) * (w + 2 * pad)).map(() => {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          return ((s >>> 8) - 8388608) / 8388608;
        });
        return fields(noise, h, w, alpha, sigma);
      },
      150,
    );
  });

  it('the whole augmenter on uint8 (noise, fields, maps and sampling in the module) gives the TypeScript bytes', () => {
    checkWasmTwin(
      fc.record({
        h: fc.integer({ min: 1, max: 30 }),
        w: fc.integer({ min: 1, max: 30 }),
        c: fc.integer({ min: 1, max: 5 }),
        alpha: fc.double({ min: 0, max: 60, noNaN: true }),
        sigma: fc.oneof(fc.constant(0), fc.double({ min: 0.0005, max: 8, noNaN: true })),
        order: fc.constantFrom(0, 1, 2, 3),
        mode: fc.constantFrom<'constant' | 'nearest' | 'reflect' | 'wrap'>('constant', 'nearest', 'reflect', 'wrap'),
        cval: fc.double({ min: -20, max: 300, noNaN: true }),
        seed: fc.nat(),
      }),
      ({ h, w, c, alpha, sigma, order, mode, cval, seed }) =>
        ElasticTransformation({ alpha, sigma, order, mode, cval, seed }).augmentImage(rampImage(h, w, c, seed, 97), {
          index: 3,
          epoch: 1,
        }).data,
      150,
    );
  });
});
