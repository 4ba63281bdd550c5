import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertGaussianDot, blurFixture, fixtureBytes } from '../../../test/helpers/blur-fixture.ts';
import { itKeepsPixelProperties } from '../../../test/helpers/pixel-properties.ts';
import { type Image, imagesEqual, makeImage } from '../../core/image.ts';
import { GaussianBlur } from './gaussian-blur.ts';

const fixture = blurFixture;
const bytes = fixtureBytes;

function dot(size: number, value: number, channels = 1): Image {
  const data = new Uint8Array(size * size * channels);
  const centre = (size >> 1) * size + (size >> 1);
  for (let c = 0; c < channels; c++) data[centre * channels + c] = value;
  return makeImage(data, size, size, channels);
}

function sum(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s;
}

describe('GaussianBlur', () => {
  it('spreads a single bright pixel into the outer product of [14, 62, 104, 62, 14] / 256 with sigma 1', () => {
    assertGaussianDot(GaussianBlur(1).augmentImage(dot(11, 255)).data, 11);
  });

  it('takes sigma positionally or in the options object, with the same result', () => {
    const image = dot(9, 200, 3);
    const a = GaussianBlur(1.3, { seed: 1 }).augmentImage(image);
    const b = GaussianBlur({ sigma: 1.3, seed: 1 }).augmentImage(image);
    assert.ok(imagesEqual(a, b));
    assert.ok(!imagesEqual(a, image));
  });

  it('matches cv2.GaussianBlur byte for byte on the fixture images (1–5 channels, 1×1 up to 40×33)', () => {
    let compared = 0;
    for (const c of fixture.cases.filter((c) => c.dtype === 'uint8')) {
      const image = makeImage(bytes(c.data), c.height, c.width, c.channels);
      for (const o of c.outputs) {
        const out = GaussianBlur(o.sigma).augmentImage(image);
        assert.deepEqual(out.data, bytes(o.data), `${c.height}×${c.width}×${c.channels}, sigma ${o.sigma}`);
        compared++;
      }
    }
    assert.ok(compared >= 100, `only ${compared} cases compared`);
  });

  it('returns identical bytes for sigma 0 and sigma 0.001', () => {
    const c = fixture.cases.find((c) => c.dtype === 'uint8' && c.channels === 3 && c.height > 10)!;
    const image = makeImage(bytes(c.data), c.height, c.width, c.channels);
    for (const sigma of [0, 0.001]) {
      const out = GaussianBlur(sigma).augmentImage(image);
      assert.ok(imagesEqual(out, image), `sigma ${sigma}`);
      assert.notEqual(out.data, image.data);
    }
  });

  it('keeps the total intensity within rounding when nothing reaches the border', () => {
    const image = dot(31, 255, 3);
    for (const sigma of [0.7, 1.5, 3]) {
      const out = GaussianBlur(sigma).augmentImage(image);
      let changed = 0;
      for (const v of out.data) if (v > 0) changed++;
      assert.ok(changed > 3 * 9, `sigma ${sigma} blurred too little`);
      // Each output value is rounded once, so the sum moves by at most 0.5 per non-zero value.
      assert.ok(Math.abs(sum(out.data) - 3 * 255) <= 0.5 * changed, `sigma ${sigma}: ${sum(out.data)}`);
    }
  });

  it('blurs float32 images with the float kernel, keeping their sum and values above 1', () => {
    const data = new Float32Array(15 * 15);
    data[7 * 15 + 7] = 4;
    const out = GaussianBlur(1).augmentImage(makeImage(data, 15, 15));
    assert.ok(out.data instanceof Float32Array);
    assert.ok(Math.abs(sum(out.data) - 4) < 1e-5, `sum ${sum(out.data)}`);
    const centre = out.data[7 * 15 + 7];
    // The float kernel's centre tap is 0.4026 for sigma 1 (5 taps), squared for the 2-D centre, times 4.
    assert.ok(Math.abs(centre - 4 * 0.40261994 ** 2) < 1e-5, `centre ${centre}`);
  });

  it('draws a sigma per image from a range', () => {
    const image = dot(9, 255);
    const centres = new Set<number>();
    const aug = GaussianBlur([0.5, 3], { seed: 3 });
    for (let index = 0; index < 20; index++) centres.add(aug.augmentImage(image, { index }).data[4 * 9 + 4]);
    assert.ok(centres.size >= 8, `only ${centres.size} different centre values`);
  });

  it('serialises to its named JSON form', () => {
    assert.deepEqual(GaussianBlur({ seed: 5 }).toJSON(), { type: 'GaussianBlur', seed: 5, sigma: [0, 3] });
  });

  itKeepsPixelProperties(
    (sigma) => GaussianBlur([0, sigma], { seed: 4 }),
    fc.double({ min: 0, max: 8, noNaN: true }),
    100,
  );

  it('rejects bad options with the template error', () => {
    assert.throws(() => GaussianBlur(-1), /GaussianBlur: sigma must be a number in \[0, 100\].*received -1/);
    assert.throws(() => GaussianBlur(Number.NaN), RangeError);
    assert.throws(() => GaussianBlur([3, 1]), /min > max/);
    assert.throws(() => GaussianBlur({ sigmaX: 1 } as never), /GaussianBlur: unknown option "sigmaX"/);
    assert.throws(() => GaussianBlur(1, { perChannel: true } as never), /unknown option "perChannel"/);
  });
});
