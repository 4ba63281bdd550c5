import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertColourCases, drawsOf } from '../../../test/helpers/colour-fixture.ts';
import * as iaa from '../../index.ts';
import type { HueSaturationParams } from './hue-saturation.ts';
import { MultiplyHueAndSaturation } from './multiply-hue-and-saturation.ts';
import { MultiplyHue } from './multiply-hue.ts';
import { MultiplySaturation } from './multiply-saturation.ts';
import { RemoveSaturation } from './remove-saturation.ts';

const TYPES = ['MultiplyHueAndSaturation', 'MultiplyHue', 'MultiplySaturation', 'RemoveSaturation'];
const rgb = (values: number[]) => iaa.makeImage(Uint8Array.from(values), 1, values.length / 3, 3);
const draws = (aug: iaa.Augmenter, n: number) => drawsOf<HueSaturationParams>(aug, n, 5);

describe('MultiplyHueAndSaturation and its shortcuts', () => {
  it("give imgaug's bytes for fixed factors, from RGB and BGR, on odd sizes", () => {
    // imgaug's WithHueAndSaturation around Multiply (int16 images, numpy's float32 arithmetic) on cv2.cvtColor.
    assert.equal(assertColourCases(TYPES), 9);
  });

  it('scales the saturation of a pixel as worked out by hand', () => {
    // (200, 100, 100): V 200, S = 100/200 · 255 → 128, hue 0. S · 0.5 = 64 → the two smaller channels are
    // 200 · (1 − 64/255) = 149.8, rounded to 150 (a lone pixel takes OpenCV's rounding path).
    assert.deepEqual([...MultiplySaturation(0.5).augmentImage(rgb([200, 100, 100])).data], [200, 150, 150]);
    // RemoveSaturation(1) multiplies by 0: gray at V. (0) multiplies by 1: pure red, hue 0, survives the projection.
    assert.deepEqual([...RemoveSaturation(1).augmentImage(rgb([200, 100, 100])).data], [200, 200, 200]);
    assert.deepEqual([...RemoveSaturation(0).augmentImage(rgb([255, 0, 0])).data], [255, 0, 0]);
  });

  it('wraps the hue around the circle: a factor of −1 mirrors it, 2 doubles it', () => {
    // Pure green is hue 60 → 85 on 0–255. ×2 = 170 → 120 half-degrees: pure blue. ×−1 = −85 → 170 (mod 255) →
    // blue too (240°, i.e. −120°).
    assert.deepEqual([...MultiplyHue(2).augmentImage(rgb([0, 255, 0])).data], [0, 0, 255]);
    assert.deepEqual([...MultiplyHue(-1).augmentImage(rgb([0, 255, 0])).data], [0, 0, 255]);
  });

  it('lowers some hues with a factor of 1, as the projection to 0–255 and back does in imgaug', () => {
    // (255, 9, 0) has hue 30 · 9/255 → 1 and (255, 26, 0) hue 3. 1 → trunc(1/180 · 255) = 1 → trunc(1/255 · 180) = 0;
    // 3 → 4 → trunc(2.82) = 2, which is green 255 · 2/30 = 17 back in RGB.
    assert.deepEqual([...MultiplyHue(1).augmentImage(rgb([255, 9, 0, 255, 26, 0])).data], [255, 0, 0, 255, 17, 0]);
  });

  it('draws one factor for both, or a second for the saturation with perChannel, or one per option', () => {
    const same = draws(MultiplyHueAndSaturation([0.5, 1.5]), 100);
    assert.ok(same.every((p) => p.hue === p.saturation && p.hue >= 0.5 && p.hue <= 1.5));
    const own = draws(MultiplyHueAndSaturation([0.5, 1.5], { perChannel: true }), 100);
    assert.ok(own.every((p) => p.hue !== p.saturation));
    const defaults = draws(MultiplyHueAndSaturation(), 500);
    assert.ok(defaults.every((p) => p.hue >= 0.5 && p.hue <= 1.5 && p.saturation >= 0 && p.saturation <= 1.7));
    assert.ok(Math.max(...defaults.map((p) => p.saturation)) > 1.6);
    assert.ok(draws(MultiplySaturation(2), 10).every((p) => p.hue === 1 && p.saturation === 2));
    // RemoveSaturation(mul) multiplies the saturation by 1 − mul.
    assert.ok(draws(RemoveSaturation([0.2, 0.4]), 50).every((p) => p.saturation >= 0.6 && p.saturation <= 0.8));
  });

  it("refuses mul with mulHue or mulSaturation, factors out of imgaug's ranges and non-RGB images", () => {
    assert.throws(() => MultiplyHueAndSaturation(1.2, { mulHue: 2 }), /mulHue must be left out when mul is given/);
    assert.throws(() => MultiplySaturation(-0.5), /MultiplySaturation: mul must be .*\[0, 10\]/);
    assert.throws(() => MultiplyHue(11), /MultiplyHue: mul must be .*\[-10, 10\]/);
    assert.throws(() => RemoveSaturation(1.5), /RemoveSaturation: mul must be .*\[0, 1\]/);
    assert.throws(
      () => MultiplyHue(2).augmentImage(iaa.makeImage(new Uint8Array(4), 1, 1, 4)),
      /MultiplyHue: image must be a uint8 image with 3 channels/,
    );
  });
});
