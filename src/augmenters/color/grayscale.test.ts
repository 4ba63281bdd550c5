import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

const rgb = (pixels: number[][]) => iaa.makeImage(new Uint8Array(pixels.flat()), 1, pixels.length, pixels[0].length);

describe('Grayscale', () => {
  it('uses OpenCV’s fixed-point RGB2GRAY for uint8, copied into the three channels', () => {
    // (9798·255 + 16384) >> 15 = 76 for pure red; green: (19235·255 + 16384) >> 15 = 150; blue: 29;
    // (9798·10 + 19235·20 + 3735·30 + 16384) >> 15 = (97980 + 384700 + 112050 + 16384) >> 15 = 611114 >> 15 = 18.
    const out = iaa.Grayscale(1).augmentImage(
      rgb([
        [255, 0, 0],
        [0, 255, 0],
        [0, 0, 255],
        [10, 20, 30],
      ]),
    );
    assert.deepEqual(Array.from(out.data), [76, 76, 76, 150, 150, 150, 29, 29, 29, 18, 18, 18]);
  });

  it('blends with alpha, rounding half to even, and leaves the image alone at alpha 0', () => {
    // gray of (255, 0, 0) is 76: 0.5·76 + 0.5·255 = 165.5 → 166 (even); 0.5·76 + 0.5·0 = 38.
    const out = iaa.Grayscale(0.5).augmentImage(rgb([[255, 0, 0]]));
    assert.deepEqual(Array.from(out.data), [166, 38, 38]);
    const image = rgb([
      [1, 2, 3],
      [200, 100, 50],
    ]);
    assert.ok(iaa.imagesEqual(iaa.Grayscale(0).augmentImage(image), image));
  });

  it('keeps a fourth (alpha) channel and leaves 1-channel images unchanged', () => {
    const rgba = iaa.makeImage(new Uint8Array([255, 0, 0, 77]), 1, 1, 4);
    assert.deepEqual(Array.from(iaa.Grayscale().augmentImage(rgba).data), [76, 76, 76, 77]);
    const gray = iaa.makeImage(new Uint8Array([5, 6]), 1, 2, 1);
    assert.deepEqual(Array.from(iaa.Grayscale().augmentImage(gray).data), [5, 6]);
  });

  it('uses 0.299 R + 0.587 G + 0.114 B for float32', () => {
    const f = iaa.makeImage(new Float32Array([1, 0.5, 0.25]), 1, 1, 3);
    const y = Math.fround(0.299 + 0.587 * 0.5 + 0.114 * 0.25);
    assert.deepEqual(Array.from(iaa.Grayscale().augmentImage(f).data), [y, y, y]);
  });

  it('rejects alpha outside [0, 1]', () => {
    assert.throws(() => iaa.Grayscale(1.5), /Grayscale: alpha must be a number in \[0, 1\]/);
  });
});
