import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertColourCases } from '../../../test/helpers/colour-fixture.ts';
import * as iaa from '../../index.ts';
import { quantizeUniformTable } from '../../kernels/quantize.ts';
import { RandomSource } from '../../random/stream.ts';
import { Posterize } from './posterize.ts';
import type { QuantizeParams } from './quantization.ts';
import { UniformColorQuantizationToNBits } from './uniform-color-quantization-to-n-bits.ts';
import { UniformColorQuantization } from './uniform-color-quantization.ts';

const table = (bins: number, centres: boolean) => [...quantizeUniformTable(bins, centres, new Uint8Array(256))];

describe('UniformColorQuantization, UniformColorQuantizationToNBits and Posterize', () => {
  it("give imgaug's bytes for fixed counts on 1, 3 and 4 channels, keeping the 4th (alpha)", () => {
    // imgaug 0.4.0's quantization tables reproduced with numpy by scripts/gen-colour-fixtures.py.
    assert.ok(assertColourCases(['UniformColorQuantization', 'UniformColorQuantizationToNBits']) >= 9);
  });

  it('moves values to the centres of equal bins, or to their lower edges', () => {
    // 2 bins of 128: 0–127 → 64, 128–255 → 192; lower edges 0 and 128.
    const two = table(2, true);
    assert.deepEqual([two[0], two[127], two[128], two[255]], [64, 64, 192, 192]);
    const edges = table(2, false);
    assert.deepEqual([edges[127], edges[128]], [0, 128]);
    // 3 bins of 85.333…: 85 → bin 0 → centre 42.67 → 43; 86 → bin 1 → 128; 255 → 213.33 → 213.
    const three = table(3, true);
    assert.deepEqual([three[85], three[86], three[255]], [43, 128, 213]);
    // float32, as imgaug computes: with 14 bins, 128 / 18.285715 is 6.9999998, so 128 falls in bin 6 (centre 118.86).
    assert.equal(table(14, true)[128], 119);
    // 256 bins (8 bits) keep every value, and so does Posterize(8).
    assert.deepEqual(table(256, false), [...Array(256).keys()]);
    // 255 colours quantize (imgaug 0.4.0 has no table row for 255 and blackens the image): values stay close.
    assert.ok(table(255, true).every((q, v) => Math.abs(q - v) <= 1));
  });

  it('keeps the highest bits: Posterize(3) clears the low five', () => {
    const image = iaa.makeImage(Uint8Array.from([0, 31, 32, 100, 255]), 1, 5, 1);
    assert.deepEqual([...Posterize(3).augmentImage(image).data], [0, 0, 32, 96, 224]);
    assert.deepEqual(
      Posterize(5).augmentImage(image).data,
      UniformColorQuantizationToNBits(5).augmentImage(image).data,
    );
  });

  it('draws the count per image within its range', () => {
    const shape = { height: 2, width: 2, channels: 3 };
    const bins = (aug: iaa.Augmenter) =>
      Array.from(
        { length: 400 },
        (_, i) => (aug.drawParams(RandomSource.root(4, 0, i, aug.type), shape) as QuantizeParams).bins,
      );
    const colours = bins(UniformColorQuantization());
    assert.equal(Math.min(...colours), 2);
    assert.equal(Math.max(...colours), 16);
    assert.deepEqual(
      [...new Set(bins(Posterize([2, 4])))].sort((a, b) => a - b),
      [4, 8, 16],
    );
  });

  it('refuses float32 images and 2 or 5 channels, and counts outside imgaug’s ranges', () => {
    assert.throws(
      () => Posterize(3).augmentImage(iaa.makeImage(new Float32Array(3), 1, 1, 3)),
      /Posterize: image must be a uint8 image with 1, 3 or 4 channels/,
    );
    assert.throws(
      () => UniformColorQuantization(4).augmentImage(iaa.makeImage(new Uint8Array(2), 1, 1, 2)),
      /received a uint8 image with 2 channels/,
    );
    assert.throws(() => UniformColorQuantization(1), /nColors must be an integer in \[2, 256\]/);
    assert.throws(() => UniformColorQuantizationToNBits(9), /nbBits must be an integer in \[1, 8\]/);
  });
});
