import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rampImage } from '../../../test/helpers/images.ts';
import { assertWasmTwin, checkWasmTwin, withWasmKernels } from '../../../test/helpers/wasm.ts';
import * as iaa from '../../index.ts';

describe('noiseU8Wasm (AdditiveGaussianNoise in WebAssembly)', () => {
  it('gives the bytes of the TypeScript loops: sizes across word blocks, shared and per-channel noise, saturation', () => {
    checkWasmTwin(
      fc.tuple(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(1, 3, 4),
        fc.boolean(),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
      ),
      ([h, w, c, perChannel, scale, loc, seed]) =>
        iaa
          .AdditiveGaussianNoise({ scale, loc, perChannel, seed })
          .augmentImage(rampImage(h, w, c, seed, 31), { epoch: 1, index: seed }).data,
      150,
    );
  });

  it('matches the TypeScript loops on a large image, where every slow path (tail and wedges) occurs', () => {
    // 300k values: about 3,600 slow draws, some 170 of them in the tail.
    const image = iaa.makeImage(new Uint8Array(600 * 500).fill(128), 600, 500, 1);
    const aug = iaa.AdditiveGaussianNoise({ scale: 30, seed: 9 });
    assertWasmTwin(() => aug.augmentImage(image, { epoch: 0 }).data);
  });

  it('rounds like Math.round just below a half, where floor(z + 0.5) alone would round up', () => {
    // With a negligible scale every value is loc. 0.49999999999999994 (the largest double below 0.5) rounds to 0,
    // though 0.49999999999999994 + 0.5 rounds up to 1 in double; halves round up (2.5 → 3, −0.5 → 0), and −0.7 to −1.
    for (const [loc, add] of [
      [0.49999999999999994, 0],
      [2.5, 3],
      [-0.5, 0],
      [-0.7, -1],
      [1.4999999999999998, 1],
    ]) {
      const image = iaa.makeImage(new Uint8Array(64 * 3).fill(100), 8, 8, 3);
      const aug = iaa.AdditiveGaussianNoise({ scale: 1e-300, loc, seed: 1 });
      const wasm = aug.augmentImage(image, { epoch: 0 });
      const typescript = withWasmKernels(false, () => aug.augmentImage(image, { epoch: 0 }));
      assert.deepEqual(wasm.data, typescript.data);
      assert.ok(
        wasm.data.every((v) => v === 100 + add),
        `loc ${loc}`,
      );
    }
  });
});
