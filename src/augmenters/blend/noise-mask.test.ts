import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawnMask, drawnMasks, meanOf } from '../../../test/helpers/noise-masks.ts';
import { roundHalfEven } from '../../core/round.ts';
import * as iaa from '../../index.ts';
import { upscaleNoise } from '../../kernels/noise-field.ts';
import { fillSimplexNoise } from '../../kernels/simplex-noise.ts';
import type { NoiseField } from '../../params/noise.ts';
import { renderNoise } from './noise-mask.ts';

const f32 = Math.fround;

describe('renderNoise', () => {
  it('renders a simplex field as the kernels compute it: the small grid, enlarged', () => {
    const field: NoiseField = { kind: 'simplex', seed: 77, height: 3, width: 4, upscale: 'linear' };
    const small = new Float32Array(12);
    fillSimplexNoise(77, 3, 4, small);
    const expected = new Float32Array(6 * 8);
    upscaleNoise(small, 3, 4, expected, 6, 8, 'linear');
    const out = new Float32Array(6 * 8);
    renderNoise(field, 6, 8, out);
    assert.deepEqual(out, expected);
  });

  it("aggregates as imgaug's IterativeNoiseAggregator and applies the sigmoid last", () => {
    const a: NoiseField = { kind: 'simplex', seed: 1, height: 2, width: 2, upscale: 'nearest' };
    const b: NoiseField = { kind: 'simplex', seed: 2, height: 2, width: 2, upscale: 'nearest' };
    const [va, vb] = [a, b].map((f) => {
      const v = new Float32Array(4);
      renderNoise(f, 2, 2, v);
      return v;
    });
    const render = (field: NoiseField) => {
      const v = new Float32Array(4);
      renderNoise(field, 2, 2, v);
      return [...v];
    };
    assert.deepEqual(
      render({ kind: 'aggregate', method: 'max', fields: [a, b] }),
      [0, 1, 2, 3].map((i) => Math.max(va[i], vb[i])),
    );
    assert.deepEqual(
      render({ kind: 'aggregate', method: 'min', fields: [a, b] }),
      [0, 1, 2, 3].map((i) => Math.min(va[i], vb[i])),
    );
    assert.deepEqual(
      render({ kind: 'aggregate', method: 'avg', fields: [a, b] }),
      [0, 1, 2, 3].map((i) => f32(f32(va[i] + vb[i]) / 2)),
    );
    const sig = render({ kind: 'sigmoid', field: a, mul: 20, add: -10, threshold: 0 });
    sig.forEach((v, i) => assert.ok(Math.abs(v - 1 / (1 + Math.exp(-(20 * va[i] - 10)))) < 1e-6));
  });
});

describe('noise masks (BlendAlphaSimplexNoise, BlendAlphaFrequencyNoise)', () => {
  const shape = { height: 24, width: 32, channels: 3 };
  const fg = iaa.Multiply(0.5);

  it("blends through the drawn mask with blend_alpha's bytes", () => {
    // A black image under Add(255): each output value is round(f32(mask · 255)), the mask made visible.
    const aug = iaa.BlendAlphaSimplexNoise({ foreground: iaa.Add(255), sizePxMax: 4, sigmoid: false, seed: 3 });
    const { params, masks } = drawnMask(aug, shape, 0);
    assert.equal(masks.length, 1);
    const out = aug.apply(iaa.makeImage(new Uint8Array(24 * 32 * 3), 24, 32, 3), params);
    const expected = Array.from(masks[0]).flatMap((m) => Array(3).fill(roundHalfEven(f32(m * 255))));
    assert.deepEqual([...out.data], expected);
    assert.ok(new Set(expected).size > 20, 'the mask varies');
  });

  it('keeps masks in [0, 1], one per image, or one per channel with perChannel', () => {
    for (const make of [iaa.BlendAlphaSimplexNoise, iaa.BlendAlphaFrequencyNoise] as const) {
      const one = make({ foreground: fg });
      for (const mask of drawnMasks(one, 20, shape)) assert.ok(mask.every((v) => v >= 0 && v <= 1));
      const { masks } = drawnMask(make({ foreground: fg, perChannel: true }), shape, 0);
      assert.equal(masks.length, 3);
      assert.notDeepEqual(masks[0], masks[1]);
    }
  });

  it('moves the mask towards the background for a high sigmoid threshold and towards the foreground for a low one', () => {
    for (const make of [iaa.BlendAlphaSimplexNoise, iaa.BlendAlphaFrequencyNoise] as const) {
      const mean = (sigmoidThresh: number) =>
        meanOf(drawnMasks(make({ foreground: fg, sigmoid: true, sigmoidThresh }), 20, shape).map(meanOf));
      assert.ok(mean(10) < 0.05, `${make.name} threshold 10: ${mean(10)}`);
      assert.ok(mean(-10) > 0.95, `${make.name} threshold -10: ${mean(-10)}`);
      const middle = mean(0);
      assert.ok(middle > 0.3 && middle < 0.7, `${make.name} threshold 0: ${middle}`);
    }
  });

  it('leaves the sigmoid out when sigmoid is false: the values stay in the noise’s middle range', () => {
    // Without the sigmoid, simplex noise (2-D OpenSimplex lies within ±0.87) enlarged bilinearly stays within about
    // [0.065, 0.935]; with it, values reach 0 and 1.
    const options = { foreground: fg, iterations: 1, upscaleMethod: 'linear' as const };
    const plain = drawnMasks(iaa.BlendAlphaSimplexNoise({ ...options, sigmoid: false }), 20, shape);
    assert.ok(plain.every((m) => m.every((v) => v > 0.06 && v < 0.94)));
    const squashed = drawnMasks(
      iaa.BlendAlphaSimplexNoise({ foreground: fg, sigmoid: true, sigmoidThresh: 0 }),
      20,
      shape,
    );
    assert.ok(squashed.some((m) => m.some((v) => v < 0.01)) && squashed.some((m) => m.some((v) => v > 0.99)));
  });

  it("rejects imgaug's bad options with the template error", () => {
    assert.throws(
      () => iaa.BlendAlphaSimplexNoise({ foreground: fg, sizePxMax: 0 }),
      /BlendAlphaSimplexNoise: sizePxMax must be an integer in \[1, 10000\]/,
    );
    assert.throws(
      () => iaa.BlendAlphaSimplexNoise({ foreground: fg, upscaleMethod: 'bicubic' as never }),
      /BlendAlphaSimplexNoise: upscaleMethod must be one of "nearest", "linear", "area", "cubic"/,
    );
    assert.throws(
      () => iaa.BlendAlphaFrequencyNoise({ foreground: fg, iterations: 0 }),
      /BlendAlphaFrequencyNoise: iterations must be an integer in \[1, 10000\]/,
    );
    assert.throws(
      () => iaa.BlendAlphaFrequencyNoise({ foreground: fg, aggregationMethod: 'median' as never }),
      /BlendAlphaFrequencyNoise: aggregationMethod must be one of "min", "max", "avg"/,
    );
    assert.throws(
      () => iaa.BlendAlphaFrequencyNoise({ foreground: fg, sigmoid: 2 }),
      /BlendAlphaFrequencyNoise: sigmoid must be a boolean, a probability/,
    );
    assert.throws(() => iaa.BlendAlphaSimplexNoise(), /BlendAlphaSimplexNoise: .*foreground/);
    assert.throws(() => iaa.iap.simplexNoise(0), /iap.simplexNoise: sizePxMax/);
    assert.throws(() => iaa.iap.sigmoid({} as never), /iap.sigmoid: other must be a noise parameter/);
  });
});
