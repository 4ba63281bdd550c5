import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AugmenterSpec } from '../augmenters/base/augmenter.ts';
import { fromJSON } from '../augmenters/index.ts';
import type { Image } from '../core/image.ts';
import { augmentKeepingAlpha, forChannels, geometryOnly, mergeAlpha, splitAlpha } from './alpha.ts';

/** A height×width image of `channels` channels with varied bytes (no two neighbours alike). */
function pattern(height: number, width: number, channels: number, salt = 0): Image {
  const data = new Uint8Array(height * width * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + salt * 11 + ((i * i) % 17)) & 255;
  return { data, height, width, channels };
}

/** Channel `c` of `image`, as a plain array. */
function channel(image: Image, c: number): number[] {
  const out: number[] = [];
  for (let p = c; p < image.data.length; p += image.channels) out.push(image.data[p]);
  return out;
}

/** Runs `spec` the CLI's way: colours through the pipeline, alpha through its geometry-only copy. */
function split(spec: AugmenterSpec, image: Image, epoch: number, index: number): Promise<Image> {
  const pipeline = fromJSON(spec);
  const at = { epoch, index };
  return augmentKeepingAlpha(image, (colour) => pipeline.augmentImage(colour, at), geometryOnly(spec), at);
}

describe('splitAlpha / mergeAlpha', () => {
  it('split an RGBA pixel into its colours and its alpha and put them back', () => {
    const image: Image = { data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), height: 1, width: 2, channels: 4 };
    const { colour, alpha } = splitAlpha(image);
    assert.deepEqual([...colour.data], [1, 2, 3, 5, 6, 7]);
    assert.deepEqual([...alpha.data], [4, 8]);
    assert.deepEqual(mergeAlpha(colour, alpha), image);
  });
});

describe('the alpha rule', () => {
  it('Multiply(0.5) halves the colours of an RGBA image and keeps its alpha bytes exactly', async () => {
    // 1×2 RGBA: colours 200 60 10 | 100 40 2, alpha 255 | 7.
    const image: Image = { data: Uint8Array.of(200, 60, 10, 255, 100, 40, 2, 7), height: 1, width: 2, channels: 4 };
    const out = await split({ type: 'Multiply', mul: 0.5, seed: 3 }, image, 0, 0);
    assert.deepEqual([...out.data], [100, 30, 5, 255, 50, 20, 1, 7]);
  });

  it('Fliplr(1) mirrors the alpha plane exactly (grey+alpha too)', async () => {
    const rgba: Image = {
      data: Uint8Array.of(1, 2, 3, 10, 4, 5, 6, 20, 7, 8, 9, 30),
      height: 1,
      width: 3,
      channels: 4,
    };
    const out = await split({ type: 'Fliplr', p: 1, seed: 1 }, rgba, 0, 0);
    assert.deepEqual([...out.data], [7, 8, 9, 30, 4, 5, 6, 20, 1, 2, 3, 10]);
    const ga: Image = { data: Uint8Array.of(10, 255, 20, 128, 30, 0), height: 1, width: 3, channels: 2 };
    const flipped = await split({ type: 'Fliplr', p: 1, seed: 1 }, ga, 0, 0);
    assert.deepEqual([...flipped.data], [30, 0, 20, 128, 10, 255]);
  });

  it('an Affine rotation with a range moves alpha exactly as the alpha channel of the 4-channel run', async () => {
    for (const channels of [4, 2]) {
      for (const order of [0, 1]) {
        for (const seed of [1, 2, 3, 4, 5]) {
          const spec = { type: 'Affine', rotate: [-40, 40], order, mode: 'constant', cval: [0, 255], seed };
          const image = pattern(9, 7, channels, seed);
          const whole = fromJSON(spec).augmentImage(image, { epoch: seed, index: 2 });
          const out = await split(spec, image, seed, 2);
          const what = `${channels} channels, order ${order}, seed ${seed}`;
          assert.deepEqual(channel(out, channels - 1), channel(whole, channels - 1), what);
          // Nothing colour-only here, so the colours are those of the 4-channel run too.
          for (let c = 0; c < channels - 1; c++) assert.deepEqual(channel(out, c), channel(whole, c), what);
        }
      }
    }
  });

  it('a pipeline mixing geometry and colour gives alpha equal to the geometry-only run, colours equal the RGB run', async () => {
    const mixed = (colour: (mul: number) => AugmenterSpec): AugmenterSpec => ({
      type: 'Sequential',
      randomOrder: true,
      seed: 42,
      children: [
        { type: 'Sometimes', p: 0.5, then: { type: 'Affine', rotate: [-30, 30], order: 1 }, else: colour(0.7) },
        colour(0.5),
        { type: 'Fliplr', p: 0.5 },
        { type: 'OneOf', children: [colour(1.5), { type: 'Affine', scale: [0.8, 1.2], order: 0 }] },
      ],
    });
    const spec = mixed((mul) => ({ type: 'Multiply', mul: [mul, mul + 0.2] }));
    const geometryOnlySpec = mixed(() => ({ type: 'Identity' }));
    let differsFromOld = 0;
    for (const channels of [4, 2]) {
      for (let index = 0; index < 8; index++) {
        const image = pattern(8, 10, channels, index);
        const at = { epoch: 1, index };
        const out = await split(spec, image, 1, index);
        const geometric = fromJSON(geometryOnlySpec).augmentImage(image, at);
        assert.deepEqual(channel(out, channels - 1), channel(geometric, channels - 1), `index ${index}`);
        const colourOnly = fromJSON(spec).augmentImage(splitAlpha(image).colour, at);
        assert.deepEqual([...splitAlpha(out).colour.data], [...colourOnly.data], `index ${index}`);
        const old = fromJSON(spec).augmentImage(image, at);
        if (channel(old, channels - 1).join() !== channel(out, channels - 1).join()) differsFromOld++;
      }
    }
    // The old rule multiplied alpha too: the two rules must differ on these images.
    assert.ok(differsFromOld > 8, `${differsFromOld}`);
  });

  it('keeps the root seed and every geometric option of the spec', () => {
    const spec: AugmenterSpec = {
      type: 'Sequential',
      seed: 9,
      children: [
        { type: 'Multiply', mul: 2, name: 'm' },
        { type: 'Affine', rotate: 10 },
      ],
    };
    const expected = fromJSON({
      type: 'Sequential',
      seed: 9,
      children: [
        { type: 'Identity', name: 'm' },
        { type: 'Affine', rotate: 10 },
      ],
    });
    assert.deepEqual(geometryOnly(spec).toJSON(), expected.toJSON());
  });
});

describe('the channels rule (forChannels)', () => {
  const spec: AugmenterSpec = {
    type: 'Sequential',
    seed: 3,
    children: [
      { type: 'AddToHueAndSaturation', value: [-50, 50] },
      { type: 'Fliplr', p: 0.5 },
      { type: 'Multiply', mul: [0.5, 1.5] },
      { type: 'WithColorspace', toColorspace: 'HSV', children: [{ type: 'Add', value: 9 }] },
    ],
  };
  const skipped: AugmenterSpec = {
    ...spec,
    children: [
      { type: 'Identity' },
      { type: 'Fliplr', p: 0.5 },
      { type: 'Multiply', mul: [0.5, 1.5] },
      { type: 'Identity' },
    ],
  };

  it('skips the augmenters that take RGB only on a gray image, and everything else draws as before', () => {
    const gray = pattern(5, 7, 1);
    const rule = forChannels(spec, 1);
    assert.ok(rule);
    for (let epoch = 0; epoch < 8; epoch++) {
      const at = { epoch, index: 2 };
      assert.deepEqual(rule.augmentImage(gray, at), fromJSON(skipped).augmentImage(gray, at), `epoch ${epoch}`);
    }
    assert.throws(() => fromJSON(spec).augmentImage(gray), /AddToHueAndSaturation: image must be a uint8 image with 3/);
  });

  it('is not needed for RGB images or for pipelines whose augmenters take any image', () => {
    assert.equal(forChannels(spec, 3), undefined);
    assert.equal(forChannels(skipped, 1), undefined);
  });
});
