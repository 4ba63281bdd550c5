import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rampImage } from '../../../test/helpers/images.ts';
import { assertWasmTwin, checkWasmTwin, withWasmKernels } from '../../../test/helpers/wasm.ts';
import * as iaa from '../../index.ts';

const gray = (image: iaa.Image): iaa.Image => iaa.Grayscale(1).augmentImage(image);

describe('grayRgbU8Wasm (Grayscale in WebAssembly)', () => {
  it('gives the bytes of the TypeScript loop for any RGB size', () => {
    const side = fc.integer({ min: 1, max: 50 });
    checkWasmTwin(
      fc.tuple(side, side, fc.integer({ min: 0, max: 999 })),
      ([h, w, seed]) => gray(rampImage(h, w, 3, seed, 97)).data,
      150,
    );
  });

  it('gives the same bytes for a batch larger than one chunk (40 images of 70×80, in one call)', () => {
    const batch = {
      data: new Uint8Array(40 * 70 * 80 * 3).map((_, i) => (i * 2654435761) >>> 24),
      n: 40,
      height: 70,
      width: 80,
      channels: 3,
    };
    assertWasmTwin(() => (iaa.Grayscale(1).augmentImages(batch) as iaa.UniformBatch).data);
  });

  it('rounds as OpenCV does at the ties: every colour whose weighted sum is 1/2 away from a step, and its neighbour', () => {
    const pixels: number[] = [];
    for (let r = 0; r < 256; r++) {
      for (let g = 0; g < 256; g++) {
        for (let b = 0; b < 256; b++) {
          const low = (9798 * r + 19235 * g + 3735 * b) % 32768;
          if (low === 16384 || low === 16383) pixels.push(r, g, b);
        }
      }
    }
    assert.ok(pixels.length > 3000, `${pixels.length / 3} tie colours`);
    const image = iaa.makeImage(Uint8Array.from(pixels), 1, pixels.length / 3, 3);
    const out = withWasmKernels(true, () => gray(image)).data;
    for (let i = 0; i < pixels.length; i += 3) {
      const y = (9798 * pixels[i] + 19235 * pixels[i + 1] + 3735 * pixels[i + 2] + 16384) >> 15;
      if (out[i] !== y || out[i + 1] !== y || out[i + 2] !== y)
        assert.fail(`pixel ${pixels.slice(i, i + 3)}: ${out[i]} vs ${y}`);
    }
  });

  it('writes OpenCV’s fixed-point luma to all three channels', () => {
    const image = iaa.makeImage(Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 200, 30]), 1, 4, 3);
    const luma = (r: number, g: number, b: number) => (9798 * r + 19235 * g + 3735 * b + 16384) >> 15;
    const expected = [luma(255, 0, 0), luma(0, 255, 0), luma(0, 0, 255), luma(10, 200, 30)].flatMap((y) => [y, y, y]);
    assert.deepEqual(Array.from(withWasmKernels(true, () => gray(image)).data), expected);
  });
});
