import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawnMasks, meanOf, neighbourCorrelation } from '../../../test/helpers/noise-masks.ts';
import * as iaa from '../../index.ts';

describe('BlendAlphaFrequencyNoise', () => {
  const shape = { height: 32, width: 32, channels: 3 };
  const correlation = (exponent: number) => {
    // sizePxMax 32 on 32 × 32: the noise image is used as made, not enlarged.
    const aug = iaa.BlendAlphaFrequencyNoise({
      exponent,
      foreground: iaa.Multiply(0.5),
      sizePxMax: 32,
      iterations: 1,
      sigmoid: false,
    });
    return meanOf(drawnMasks(aug, 20, shape).map((m) => neighbourCorrelation(m, 32, 32)));
  };

  it('weights the spectrum by exponent: negative gives large blobs, 0 white noise, positive fine grain', () => {
    // Neighbour correlation is the spectrum's power-weighted mean of cos(2π f): near 1 when low frequencies dominate,
    // near 0 for a flat spectrum, negative when high frequencies dominate.
    const [low, flat, high] = [correlation(-3), correlation(0), correlation(3)];
    assert.ok(low > 0.9, `exponent -3: ${low}`);
    assert.ok(Math.abs(flat) < 0.15, `exponent 0: ${flat}`);
    assert.ok(high < -0.3, `exponent 3: ${high}`);
  });

  it('normalises each noise image to [0, 1], reaching both ends', () => {
    const aug = iaa.BlendAlphaFrequencyNoise({
      foreground: iaa.Multiply(0.5),
      sizePxMax: 32,
      iterations: 1,
      sigmoid: false,
    });
    for (const mask of drawnMasks(aug, 10, shape)) {
      assert.equal(Math.min(...mask), 0);
      assert.equal(Math.max(...mask), 1);
    }
  });

  it('enlarges a small spectrum: sizePxMax 4 on 32 × 32 gives a smooth mask with linear upscaling', () => {
    const aug = iaa.BlendAlphaFrequencyNoise({
      exponent: 3,
      foreground: iaa.Multiply(0.5),
      sizePxMax: 4,
      upscaleMethod: 'linear',
      iterations: 1,
      sigmoid: false,
    });
    const c = meanOf(drawnMasks(aug, 10, shape).map((m) => neighbourCorrelation(m, 32, 32)));
    assert.ok(c > 0.8, `correlation ${c}`);
  });
});
