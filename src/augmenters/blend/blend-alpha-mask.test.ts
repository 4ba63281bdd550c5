import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureArray, readBlendFixture } from '../../../test/helpers/blend-fixture.ts';
import { randomImage } from '../../../test/helpers/images.ts';
import * as iaa from '../../index.ts';
import { fillGradientMask, fillGridMask } from '../../kernels/blend-masks.ts';
import { blendImages } from '../../kernels/blend.ts';
import { GENERATORS, GENERATOR_NAMES } from './mask-generators.ts';

const fixture = readBlendFixture();
const constant = (value: number, height: number, width: number, channels = 1): iaa.Image => ({
  data: new Uint8Array(height * width * channels).fill(value),
  height,
  width,
  channels,
});
/** The image's first channel as rows of numbers. */
const rows = (image: iaa.Image) =>
  Array.from({ length: image.height }, (_, y) =>
    Array.from({ length: image.width }, (_, x) => image.data[(y * image.width + x) * image.channels]),
  );

describe('mask kernels (imgaug 0.4.0 mask generators, numpy fixtures)', () => {
  it("fills linear gradients as imgaug's generate_mask does, and blends through them with its bytes", () => {
    assert.equal(fixture.gradients.length, 11);
    for (const [k, c] of fixture.gradients.entries()) {
      const { height, width } = c.mask;
      const mask = new Float32Array(height * width);
      fillGradientMask({ height, width, ...c, out: mask });
      assert.deepEqual(Array.from(mask), Array.from(fixtureArray(c.mask)), `gradient ${k}`);
      const out = new Uint8Array(height * width * 3);
      blendImages({ fg: fixtureArray(c.fg), bg: fixtureArray(c.bg), out, channels: 3, alphas: [], mask });
      assert.deepEqual(Array.from(out), Array.from(fixtureArray(c.out)), `gradient ${k}, blended`);
    }
  });

  it("fills regular grids and checkerboards as imgaug's generate_mask does (clipped counts, mirrored borders)", () => {
    assert.equal(fixture.grids.length, 16);
    for (const [k, c] of fixture.grids.entries()) {
      const { height, width } = c.mask;
      const mask = new Float32Array(height * width);
      const gridRows = Math.min(c.nbRows, height);
      const gridCols = Math.min(c.nbCols, width);
      fillGridMask({ height, width, rows: gridRows, cols: gridCols, alphas: c.alphas, out: mask });
      assert.deepEqual(Array.from(mask), Array.from(fixtureArray(c.mask)), `${c.kind} ${k}`);
      const out = new Uint8Array(height * width * 3);
      blendImages({ fg: fixtureArray(c.fg), bg: fixtureArray(c.bg), out, channels: 3, alphas: [], mask });
      assert.deepEqual(Array.from(out), Array.from(fixtureArray(c.out)), `${c.kind} ${k}, blended`);
    }
  });
});

describe('the mask-blending augmenters', () => {
  it('BlendAlphaVerticalLinearGradient ramps from the background at the top to the foreground at the bottom', () => {
    // Mask rows linspace(0, 1, 5) = 0, 0.25, 0.5, 0.75, 1: 200 + m · (0 − 200) = 200, 150, 100, 50, 0.
    const aug = iaa.BlendAlphaVerticalLinearGradient(iaa.Multiply(0), undefined, {
      minValue: 0,
      maxValue: 1,
      startAt: 0,
      endAt: 1,
    });
    assert.deepEqual(rows(aug.augmentImage(constant(200, 5, 2))), [
      [200, 200],
      [150, 150],
      [100, 100],
      [50, 50],
      [0, 0],
    ]);
  });

  it('BlendAlphaHorizontalLinearGradient ramps along the row, and runs backwards, inverted, when endAt < startAt', () => {
    const forward = iaa.BlendAlphaHorizontalLinearGradient({
      foreground: iaa.Multiply(0),
      ...{ minValue: 0, maxValue: 1, startAt: 0, endAt: 1 },
    });
    assert.deepEqual(rows(forward.augmentImage(constant(200, 1, 5))), [[200, 150, 100, 50, 0]]);
    // Swapped ends: the same ramp over pixels 0…5, then 1 − mask: 0, 0.25, … become 1, 0.75, …
    const backward = iaa.BlendAlphaHorizontalLinearGradient({
      foreground: iaa.Multiply(0),
      ...{ minValue: 0, maxValue: 1, startAt: 1, endAt: 0 },
    });
    assert.deepEqual(rows(backward.augmentImage(constant(200, 1, 5))), [[0, 50, 100, 150, 200]]);
  });

  it('BlendAlphaCheckerboard shows the foreground in the top-left cell and every other cell', () => {
    const out = iaa.BlendAlphaCheckerboard(2, 3, iaa.Multiply(0)).augmentImage(constant(100, 4, 6, 3));
    assert.deepEqual(rows(out), [
      [0, 0, 100, 100, 0, 0],
      [0, 0, 100, 100, 0, 0],
      [100, 100, 0, 0, 100, 100],
      [100, 100, 0, 0, 100, 100],
    ]);
  });

  it('BlendAlphaRegularGrid draws one alpha per cell (0 or 1 by default)', () => {
    const aug = iaa.BlendAlphaRegularGrid(4, 4, iaa.Multiply(0), undefined, { seed: 3 });
    const images = aug.augmentImages(Array.from({ length: 40 }, () => constant(100, 8, 8)));
    let dark = 0;
    for (const image of images) {
      for (let r = 0; r < 4; r++) {
        for (let c = 0; c < 4; c++) {
          const cell = [0, 1].flatMap((dy) => [0, 1].map((dx) => image.data[(2 * r + dy) * 8 + 2 * c + dx]));
          assert.ok(cell.every((v) => v === cell[0]) && (cell[0] === 0 || cell[0] === 100), `cell ${cell}`);
          if (cell[0] === 0) dark++;
        }
      }
    }
    assert.ok(Math.abs(dark / 640 - 0.5) < 0.06, `${dark} of 640 cells dark`);
  });

  it("BlendAlphaElementwise with a constant factor gives BlendAlpha's bytes", () => {
    const image = randomImage(9, 7, 3, 4);
    const a = iaa.BlendAlphaElementwise(0.37, iaa.Add(50), iaa.Multiply(0.5)).augmentImage(image);
    const b = iaa.BlendAlpha(0.37, iaa.Add(50), iaa.Multiply(0.5)).augmentImage(image);
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
  });

  it('BlendAlphaElementwise draws a factor per pixel, or per value with perChannel', () => {
    const image = constant(200, 40, 40, 3);
    const perPixel = iaa.BlendAlphaElementwise([0, 1], iaa.Multiply(0), undefined, { seed: 1 }).augmentImage(image);
    const values = Array.from(perPixel.data);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(Math.abs(mean - 100) < 5, `mean ${mean}`);
    assert.ok(new Set(values).size > 150, 'many distinct values');
    const pixelsWithDistinctChannels = (out: iaa.Image) => {
      let n = 0;
      for (let i = 0; i < out.data.length; i += 3) if (out.data[i] !== out.data[i + 1]) n++;
      return n;
    };
    assert.equal(pixelsWithDistinctChannels(perPixel), 0);
    const perValue = iaa.BlendAlphaElementwise([0, 1], iaa.Multiply(0), undefined, { perChannel: true });
    assert.ok(pixelsWithDistinctChannels(perValue.augmentImage(image)) > 1500);
  });

  it('BlendAlphaMask takes any generator; InvertMaskGen inverts the masks of the images its coin picks', () => {
    const gradient = () => iaa.VerticalLinearGradientMaskGen({ minValue: 0, maxValue: 1, startAt: 0, endAt: 1 });
    const column = (p: number) =>
      rows(iaa.BlendAlphaMask(iaa.InvertMaskGen(p, gradient()), iaa.Multiply(0)).augmentImage(constant(200, 5, 1)));
    assert.deepEqual(column(0), [[200], [150], [100], [50], [0]]);
    assert.deepEqual(column(1), [[0], [50], [100], [150], [200]]);
    const json = iaa.BlendAlphaMask(iaa.InvertMaskGen(1, gradient()), iaa.Multiply(0)).toJSON();
    assert.deepEqual((json.maskGenerator as Record<string, unknown>).type, 'InvertMaskGen');
    const rebuilt = iaa.fromJSON(JSON.parse(JSON.stringify(json)));
    assert.deepEqual(rows(rebuilt.augmentImage(constant(200, 5, 1))), column(1));
  });

  it('rejects a missing generator, grid size or branch with the template error', () => {
    assert.throws(
      () => iaa.BlendAlphaMask({ foreground: iaa.Identity() }),
      /BlendAlphaMask: maskGenerator must be a mask generator/,
    );
    assert.throws(
      () => iaa.BlendAlphaRegularGrid({ nbCols: 2, foreground: iaa.Identity() }),
      /BlendAlphaRegularGrid: nbRows must be an integer/,
    );
    assert.throws(
      () => iaa.BlendAlphaCheckerboard(0, 2, iaa.Identity()),
      /BlendAlphaCheckerboard: nbRows must be an integer ≥ 1|nbRows must be an integer in \[1/,
    );
    assert.throws(
      () => iaa.BlendAlphaHorizontalLinearGradient(),
      /BlendAlphaHorizontalLinearGradient: foreground must be/,
    );
    assert.throws(
      () => iaa.VerticalLinearGradientMaskGen({ minValue: 2 }),
      /VerticalLinearGradientMaskGen: minValue must be/,
    );
    assert.throws(
      () => iaa.fromJSON({ type: 'BlendAlphaMask', maskGenerator: { type: 'Nope' }, foreground: { type: 'Identity' } }),
      /a mask generator .*known: StochasticParameterMaskGen/,
    );
  });

  it('names every generator a JSON pipeline may hold in its docs and errors', () => {
    assert.equal(Object.keys(GENERATORS).join(', '), GENERATOR_NAMES);
  });
});
