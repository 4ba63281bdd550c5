import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { fixtureArray, readBlendFixture } from '../../../test/helpers/blend-fixture.ts';
import { randomImage } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';
import { blendImages } from '../../kernels/blend.ts';

const fixture = readBlendFixture();
const gray = (values: number[]) => iaa.makeImage(new Uint8Array(values), 1, values.length);

describe('blendImages (imgaug 0.4.0 blend_alpha, numpy fixtures)', () => {
  it('gives numpy bytes for every (fg, bg) pair of uint8 values, for several factors', () => {
    const fg = new Uint8Array(65536);
    const bg = new Uint8Array(65536);
    for (let i = 0; i < 65536; i++) {
      fg[i] = i & 255;
      bg[i] = i >> 8;
    }
    const out = new Uint8Array(65536);
    for (const { alpha, sha256, picked } of fixture.pairs) {
      blendImages({ fg, bg, out, channels: 1, alphas: [alpha] });
      assert.deepEqual(
        fixture.pairPicks.map((p) => out[p]),
        picked,
        `alpha ${alpha}`,
      );
      assert.equal(createHash('sha256').update(out).digest('hex'), sha256, `alpha ${alpha}`);
    }
  });

  it('gives numpy values for uint8 and float32 images with one factor or one per channel', () => {
    assert.ok(fixture.images.length >= 20);
    for (const [k, c] of fixture.images.entries()) {
      const fg = fixtureArray(c.fg);
      const bg = fixtureArray(c.bg);
      const expected = fixtureArray(c.out);
      const out = fg instanceof Uint8Array ? new Uint8Array(fg.length) : new Float32Array(fg.length);
      if (c.alphas.every((a) => a >= 0.99) || c.alphas.every((a) => a <= 0.01)) continue; // the shortcut: below
      blendImages({ fg, bg, out, channels: c.fg.channels, alphas: c.alphas });
      assert.deepEqual(Array.from(out), Array.from(expected), `case ${k} (${c.fg.dtype}, alphas ${c.alphas})`);
    }
  });
});

describe('BlendAlpha', () => {
  it('rounds half to even as numpy does (factor 0.5 over a black foreground)', () => {
    // bg + 0.5 · (0 − bg) = bg / 2: 0.5 → 0, 1.5 → 2, 2.5 → 2, 3.5 → 4, 127.5 → 128, 50 → 50.
    const out = iaa.BlendAlpha(0.5, iaa.Multiply(0)).augmentImage(gray([1, 3, 5, 7, 255, 100]));
    assert.deepEqual(Array.from(out.data), [0, 2, 2, 4, 128, 50]);
  });

  it('blends two branches: factor · foreground + (1 − factor) · background', () => {
    // fg = 200 + 40 = 240, bg = 200 · 0.5 = 100; 100 + 0.25 · 140 = 135.
    const aug = iaa.BlendAlpha({ factor: 0.25, foreground: iaa.Add(40), background: [iaa.Multiply(0.5)] });
    assert.deepEqual(Array.from(aug.augmentImage(gray([200, 0])).data), [135, 0 + 0.25 * 40]);
  });

  it("shows one branch's bytes alone when every factor is within 0.01 of 1 or 0 (imgaug's shortcut)", () => {
    const image = gray([0, 100, 255]);
    // A real blend at 0.995 would give 0.995 · 10 → 10, 109.95 → 110, but 255 + 0.995 · 0 → 255 either way; use
    // Multiply(0) to see it: 0.005 · 255 → 1 (1.275), where the shortcut gives 0.
    const fg = iaa.BlendAlpha(0.995, iaa.Multiply(0)).augmentImage(image);
    assert.deepEqual(Array.from(fg.data), [0, 0, 0]);
    const bg = iaa.BlendAlpha(0.005, iaa.Multiply(0)).augmentImage(image);
    assert.deepEqual(Array.from(bg.data), [0, 100, 255]);
    const blended = iaa.BlendAlpha(0.98, iaa.Multiply(0)).augmentImage(image);
    assert.deepEqual(
      Array.from(blended.data),
      [0, 2, 5],
      'just outside the shortcut: 100 · 0.02 = 2, 255 · 0.02 = 5.1',
    );
  });

  it('draws one factor per channel with perChannel, one for all channels without', () => {
    const image = { data: new Uint8Array(3 * 200).fill(200), height: 1, width: 200, channels: 3 };
    const batch = Array.from({ length: 50 }, () => image);
    const channelsDiffer = (perChannel: boolean) =>
      iaa
        .BlendAlpha([0, 1], iaa.Multiply(0), undefined, { perChannel, seed: 2 })
        .augmentImages(batch)
        .filter((out) => out.data[0] !== out.data[1] || out.data[1] !== out.data[2]).length;
    assert.equal(channelsDiffer(false), 0);
    assert.ok(channelsDiffer(true) >= 45, `${channelsDiffer(true)} of 50 images have distinct channels`);
  });

  it('draws the factor uniformly per image from a range', () => {
    // Multiply(0) as foreground: out = round(200 · (1 − factor)), so the mean output tells the mean factor.
    const n = 4000;
    const batch = { data: new Uint8Array(n).fill(200), n, height: 1, width: 1, channels: 1 };
    const out = iaa.BlendAlpha([0.2, 0.6], iaa.Multiply(0), undefined, { seed: 9 }).augmentImages(batch);
    const values = Array.from((out as iaa.UniformBatch).data);
    const mean = values.reduce((s, v) => s + v, 0) / n;
    assert.ok(Math.abs(mean - 200 * 0.6) < 2, `mean ${mean}, expected about 120`);
    assert.ok(Math.min(...values) >= 80 && Math.max(...values) <= 160);
  });

  it('gives a nested BlendAlpha its own scratch images', () => {
    // inner: 0.5 · (200 + 40) + 0.5 · (200 · 0.5) = 170; outer: 0.5 · (200 − 100) + 0.5 · 170 = 135. The inner one
    // runs while the outer one's foreground waits in a scratch image, which it must not reuse.
    const inner = iaa.BlendAlpha({ factor: 0.5, foreground: iaa.Add(40), background: iaa.Multiply(0.5) });
    const outer = iaa.BlendAlpha({ factor: 0.5, foreground: iaa.Add(-100), background: inner });
    assert.deepEqual(Array.from(outer.augmentImage(gray([200])).data), [135]);
    const batch = { data: new Uint8Array(8).fill(200), n: 8, height: 1, width: 1, channels: 1 };
    const outs = outer.augmentImages(batch) as iaa.UniformBatch;
    assert.deepEqual(Array.from(outs.data), new Array(8).fill(135));
  });

  it('blends float32 images in double precision', () => {
    const image = { data: new Float32Array([0.25, 1]), height: 1, width: 2, channels: 1 };
    const out = iaa.BlendAlpha(0.3, iaa.Multiply(0)).augmentImage(image);
    assert.deepEqual(Array.from(out.data), [Math.fround(0.25 * 0.7), Math.fround(1 - 0.3)]);
  });

  it('moves labels with the foreground when the mean factor is at least 0.5, else with the background', () => {
    const image = randomImage(4, 10, 3, 1);
    const keypoints = [{ x: 2.5, y: 1.5 }];
    const moved = (factor: number, perChannel = false) =>
      iaa.BlendAlpha(factor, iaa.Fliplr(1), iaa.Flipud(1), { perChannel }).augment({ image, keypoints }).keypoints[0];
    assert.deepEqual(moved(0.5), { x: 7.5, y: 1.5 }, 'foreground (flipped left-right)');
    assert.deepEqual(moved(0.8), { x: 7.5, y: 1.5 });
    assert.deepEqual(moved(0.49), { x: 2.5, y: 2.5 }, 'background (flipped up-down)');
    const only = iaa.BlendAlpha(0.2, iaa.Fliplr(1)).augment({ image, keypoints }).keypoints[0];
    assert.deepEqual(only, { x: 2.5, y: 1.5 }, 'no background branch: the labels stay');
  });

  it('rejects a missing branch, factors outside [0, 1] and branches of different shapes', () => {
    assert.throws(() => iaa.BlendAlpha(0.5), /BlendAlpha: foreground must be an augmenter or a list of them/);
    assert.throws(() => iaa.BlendAlpha(1.5, iaa.Identity()), /BlendAlpha: factor must be .*\[0, 1\]/);
    const crop = iaa.BlendAlpha(0.5, iaa.Crop({ px: 1, keepSize: false }));
    assert.throws(
      () => crop.augmentImage(randomImage(5, 5, 1, 2)),
      /BlendAlpha: foreground must be branches whose images have one shape; received "?3×3×1 \(foreground\) and 5×5×1/,
    );
  });
});
