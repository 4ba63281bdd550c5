import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { combineNoise, divideNoise, sigmoidNoise, upscaleNoise } from './noise-field.ts';
import type { ResizeInterpolation } from './resize.ts';

// scripts/gen-noise-fixtures.py: imgaug 0.4.0's enlarging (cv2.resize of the truncated uint8 noise) and its sigmoid.
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/noise.json', import.meta.url), 'utf8')) as {
  upscale: {
    dtype: 'float32' | 'float64';
    height: number;
    width: number;
    small: number[];
    outHeight: number;
    outWidth: number;
    interpolation: ResizeInterpolation;
    bytes: number[];
  }[];
  sigmoid: { threshold: number; input: number[]; values: number[] }[];
};

describe('upscaleNoise', () => {
  it("enlarges as imgaug does: nearest, linear and area exactly, cubic within OpenCV's ±1 (resize.ts)", () => {
    assert.equal(fixture.upscale.length, 16);
    for (const c of fixture.upscale) {
      const small = c.dtype === 'float32' ? Float32Array.from(c.small) : Float64Array.from(c.small);
      const out = new Float32Array(c.outHeight * c.outWidth);
      upscaleNoise(small, c.height, c.width, out, c.outHeight, c.outWidth, c.interpolation);
      const expected = c.bytes.map((u) => Math.fround(u / 255));
      const what = `${c.dtype} ${c.height}×${c.width} → ${c.outHeight}×${c.outWidth} ${c.interpolation}`;
      if (c.interpolation === 'cubic') {
        out.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1 / 255 + 1e-7, `${what} [${i}]`));
      } else assert.deepEqual([...out], expected, what);
    }
  });

  it('truncates v · 255 to uint8 and copies an image of the target size', () => {
    // float32(0.6) · 255 = 153.0000061 → 153; 0.9999999 (float32 0.99999988) · 255 = 254.99997 → 254, not 255.
    const out = new Float32Array(2);
    upscaleNoise(Float32Array.from([0.6, 0.9999999]), 1, 1, out, 1, 2, 'nearest');
    assert.deepEqual([...out], [Math.fround(153 / 255), Math.fround(153 / 255)]);
    upscaleNoise(Float32Array.from([0.9999999]), 1, 1, out, 1, 2, 'nearest');
    assert.deepEqual([...out], [Math.fround(254 / 255), Math.fround(254 / 255)]);
    const same = new Float32Array(2);
    upscaleNoise(Float64Array.from([0.25, 0.123456789]), 1, 2, same, 1, 2, 'linear');
    assert.deepEqual([...same], [0.25, Math.fround(0.123456789)]);
  });
});

describe('sigmoidNoise', () => {
  it("gives numpy's float32 1 / (1 + exp(−(20 v − 10 − threshold))) within 1 ulp", () => {
    for (const c of fixture.sigmoid) {
      const values = Float32Array.from(c.input);
      sigmoidNoise(values, 20, -10, c.threshold);
      values.forEach((v, i) =>
        assert.ok(Math.abs(v - c.values[i]) <= 1.2e-7 * Math.max(1, c.values[i]), `${c.threshold} [${i}]`),
      );
    }
  });

  it('maps the threshold point to 0.5 and is monotone', () => {
    const values = Float32Array.from([0.5, 0.25, 0.75]);
    sigmoidNoise(values, 20, -10, 0);
    assert.equal(values[0], 0.5);
    assert.ok(values[1] < 0.5 && values[2] > 0.5);
  });
});

describe('combineNoise', () => {
  it('takes the elementwise min or max, or a float32 sum divided at the end', () => {
    const a = () => Float32Array.from([0.2, 0.9, 0.5]);
    const b = Float32Array.from([0.4, 0.1, 0.5]);
    const max = a();
    combineNoise(max, b, 'max');
    assert.deepEqual([...max], [0.4, 0.9, 0.5].map(Math.fround));
    const min = a();
    combineNoise(min, b, 'min');
    assert.deepEqual([...min], [0.2, 0.1, 0.5].map(Math.fround));
    const avg = a();
    combineNoise(avg, b, 'avg');
    divideNoise(avg, 2);
    assert.deepEqual(
      [...avg],
      [0, 1, 2].map((i) => Math.fround(Math.fround(a()[i] + b[i]) / 2)),
    );
  });
});
