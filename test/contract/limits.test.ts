// augkit's documented limits (README, Concepts): size-like options have upper bounds, outputs have a pixel limit
// checked before allocating, huge finite geometry is refused at construction, and float32 results stay finite.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../src/index.ts';

const { iap } = iaa;
const rgb = (h: number, w: number) =>
  iaa.makeImage(
    new Uint8Array(h * w * 3).map((_, i) => (i * 37) & 255),
    h,
    w,
    3,
  );
const floats = (values: number[]) => iaa.makeImage(new Float32Array(values), 1, values.length, 1);

/** Asserts the template error: a RangeError whose message starts with the augmenter and names the option. */
function rejects(make: () => unknown, owner: string, option: string, more: RegExp = /./) {
  assert.throws(make, (e: Error) => {
    assert.ok(e instanceof RangeError, `${e}`);
    assert.ok(e.message.startsWith(`${owner}: ${option} `), e.message);
    assert.match(e.message, more);
    return true;
  });
}

describe('upper bounds on size-like options', () => {
  it('refuses a Gaussian sigma over 100 (a 261-tap kernel) at construction, before any kernel is built', () => {
    rejects(() => iaa.GaussianBlur(1e6), 'GaussianBlur', 'sigma', /a number in \[0, 100\].*received 1000000$/);
    rejects(() => iaa.GaussianBlur(iap.constant(1e12)), 'GaussianBlur', 'sigma', /its values lie in/);
    rejects(() => iaa.GaussianBlur(iap.uniform(-1e9, 1e9)), 'GaussianBlur', 'sigma', /its values lie in/);
    rejects(() => iaa.ElasticTransformation({ sigma: 1000 }), 'ElasticTransformation', 'sigma', /\[0, 100\]/);
    const out = iaa.GaussianBlur(100).augmentImage(rgb(5, 4));
    assert.deepEqual([out.height, out.width, out.channels], [5, 4, 3]);
  });

  it('clips an unbounded sigma parameter to the maximum', () => {
    const blur = iaa.GaussianBlur(iap.normal(1e9, 1), { seed: 1 });
    const params = blur.drawParams(iaa.RandomSource.root(1, 0, 0), { height: 4, width: 4, channels: 1 }) as {
      sigma: number;
    };
    assert.equal(params.sigma, 100);
  });
});

describe('huge finite geometry', () => {
  it('refuses scales, translations and angles that overflow the matrix, naming the augmenter and option', () => {
    rejects(() => iaa.ScaleX(1e308), 'ScaleX', 'scale', /\(0, 1000\]/);
    rejects(() => iaa.TranslateX(1e308), 'TranslateX', 'percent', /\[-1000, 1000\]/);
    rejects(() => iaa.TranslateY({ px: 1e15 }), 'TranslateY', 'px', /\[-1000000, 1000000\]/);
    rejects(() => iaa.Affine({ rotate: [0, 1e308] }), 'Affine', 'rotate', /\[-3600, 3600\]/);
    rejects(() => iaa.Affine({ translatePercent: { y: -1e300 } }), 'Affine', 'translatePercent.y');
    rejects(() => iaa.Affine({ scale: iap.uniform(0, 2) }), 'Affine', 'scale', /its values lie in \[0, 2\]/);
  });

  it('refuses a fitOutput canvas over 8192 × 8192 pixels when drawn, before allocating it', () => {
    // Scale 1000 makes a 20 × 20 image 19001 × 19001 (2.5 × the limit); nothing that size is allocated.
    const aug = iaa.Affine({ scale: 1000, fitOutput: true });
    rejects(
      () => aug.augmentImage(rgb(20, 20)),
      'Affine',
      'fitOutput',
      /19001 × 19001 output, over augkit's limit of 67108864 pixels/,
    );
    const tall = { height: 8000, width: 20, channels: 1 };
    const scaleX = iaa.ScaleX(1000, { fitOutput: true });
    rejects(() => scaleX.drawParams(iaa.RandomSource.root(1, 0, 0), tall), 'ScaleX', 'fitOutput', /8000 × 19001/);
    const ok = iaa.Affine({ scale: 4, fitOutput: true }).augmentImage(rgb(5, 6));
    assert.deepEqual([ok.height, ok.width], [17, 21]); // pixel centres span (5 − 1) · 4 and (6 − 1) · 4, plus 1
  });

  it('refuses a PerspectiveTransform canvas over the limit when drawn (shape only, nothing allocated)', () => {
    const shape = { height: 8000, width: 8000, channels: 1 };
    const draw = (seed: number) =>
      iaa.PerspectiveTransform({ scale: 0.3, fitOutput: true }).drawParams(iaa.RandomSource.root(seed, 0, 0), shape);
    rejects(() => draw(1), 'PerspectiveTransform', 'fitOutput', /13580 × 11212 output, over augkit's limit/);
  });
});

describe('float overflow', () => {
  it('refuses value-map factors beyond 1e6 at construction', () => {
    rejects(() => iaa.Multiply(1e308), 'Multiply', 'mul', /\[-1000000, 1000000\]/);
    rejects(() => iaa.Add(-1e308), 'Add', 'value');
    rejects(() => iaa.LinearContrast(1e308), 'LinearContrast', 'alpha');
    rejects(() => iaa.GammaContrast(1e308), 'GammaContrast', 'gamma', /\[0, 1000000\]/);
  });

  it('saturates float32 results at ±3.4e38 instead of returning Infinity', () => {
    const big = floats([3e38, -3e38, 0.5, 200]);
    const max = 3.4028234663852886e38;
    assert.deepEqual([...iaa.Multiply(1e6).augmentImage(big).data], [max, -max, 500000, 200000000]);
    assert.deepEqual([...iaa.Add(-1e6).augmentImage(floats([-max, 1])).data], [-max, -999999]);
    assert.deepEqual([...iaa.LinearContrast(1e6).augmentImage(floats([3e38, 0.5])).data], [max, 0.5]);
    const gamma = iaa.GammaContrast(255).augmentImage(floats([200, -200, 0.5, 1])).data;
    assert.deepEqual([gamma[0], gamma[1], gamma[3]], [max, -max, 1]);
    assert.ok(gamma[2] >= 0 && gamma[2] < 1e-70);
  });
});
