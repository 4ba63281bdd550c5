import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawnMasks, meanOf, neighbourCorrelation } from '../../../test/helpers/noise-masks.ts';
import * as iaa from '../../index.ts';

describe('BlendAlphaSimplexNoise', () => {
  const shape = { height: 48, width: 48, channels: 3 };
  const correlation = (sizePxMax: number) => {
    const aug = iaa.BlendAlphaSimplexNoise({
      foreground: iaa.Multiply(0.5),
      sizePxMax,
      upscaleMethod: 'linear',
      iterations: 1,
      sigmoid: false,
    });
    return meanOf(drawnMasks(aug, 20, shape).map((m) => neighbourCorrelation(m, 48, 48)));
  };

  it('makes smoother masks for a smaller sizePxMax: neighbour correlation falls as the noise grid grows', () => {
    // Simplex noise sampled at unit steps is nearly uncorrelated; enlarged from a 4-pixel grid it is smooth.
    const [c4, c16, c48] = [correlation(4), correlation(16), correlation(48)];
    assert.ok(c4 > 0.95, `sizePxMax 4: ${c4}`);
    assert.ok(c16 > 0.6 && c16 < c4, `sizePxMax 16: ${c16}`);
    assert.ok(Math.abs(c48) < 0.2, `sizePxMax 48 (no enlarging): ${c48}`);
  });

  it('centres the noise at 0.5 without the sigmoid and keeps imgaug’s defaults near it with the sigmoid', () => {
    const plain = iaa.BlendAlphaSimplexNoise({ foreground: iaa.Multiply(0.5), iterations: 1, sigmoid: false });
    const m = meanOf(drawnMasks(plain, 40, shape).map(meanOf));
    assert.ok(Math.abs(m - 0.5) < 0.03, `mean ${m}`);
    // Defaults: max of 1–3 noise images (above 0.5 on average), then a sigmoid with threshold N(0, 5).
    const d = meanOf(drawnMasks(iaa.BlendAlphaSimplexNoise(iaa.Multiply(0.5)), 200, shape).map(meanOf));
    assert.ok(d > 0.45 && d < 0.65, `default mean ${d}`);
  });

  it('gives a mask of the size of the image for odd sizes and a 1-pixel grid side', () => {
    // 3 × 40 with sizePxMax 8: the grid is int(3 · 8/40) = 0 → 1 row by 8 columns, enlarged to 3 × 40.
    const aug = iaa.BlendAlphaSimplexNoise({ foreground: iaa.Add(100), sizePxMax: 8, sigmoid: false });
    const [mask] = drawnMasks(aug, 1, { height: 3, width: 40, channels: 3 });
    assert.equal(mask.length, 120);
    const out = aug.augmentImage(iaa.makeImage(new Uint8Array(3 * 40 * 3), 3, 40, 3));
    assert.equal(out.data.length, 360);
  });
});
