import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import * as iaa from '../../index.ts';

// Pillow 9.4's Image.filter on L, RGB and RGBA images (scripts/gen-pillike-fixtures.py).
const fixture = loadFilterFixture('pillike-filters.json');

const FILTERS = [
  'FilterBlur',
  'FilterSmooth',
  'FilterSmoothMore',
  'FilterEdgeEnhance',
  'FilterEdgeEnhanceMore',
  'FilterFindEdges',
  'FilterContour',
  'FilterEmboss',
  'FilterSharpen',
  'FilterDetail',
] as const;

describe('pillike filters', () => {
  for (const name of FILTERS) {
    it(`pillike.${name} gives Pillow's Image.filter bytes on 1-, 3- and 4-channel images`, () => {
      assert.equal(checkFixtureCases(fixture, `pillike.${name}`), fixture.images.length);
    });
  }

  it('are exported in the pillike namespace and registered as pillike.<Name>', () => {
    for (const name of FILTERS) {
      const aug = iaa.pillike[name]();
      assert.equal(aug.type, `pillike.${name}`);
      assert.deepEqual(aug.toJSON(), { type: `pillike.${name}`, seed: aug.toJSON().seed });
    }
  });

  it('turn a flat image into flat results inside the border (FIND_EDGES 0, CONTOUR 255, EMBOSS 128, SMOOTH kept)', () => {
    const image = iaa.makeImage(new Uint8Array(6 * 7 * 3).fill(90), 6, 7, 3);
    const inner = (out: iaa.Image) => out.data[(2 * 7 + 3) * 3 + 1];
    assert.equal(inner(iaa.pillike.FilterFindEdges().augmentImage(image)), 0);
    assert.equal(inner(iaa.pillike.FilterContour().augmentImage(image)), 255);
    assert.equal(inner(iaa.pillike.FilterEmboss().augmentImage(image)), 128);
    for (const name of ['FilterBlur', 'FilterSmooth', 'FilterSmoothMore', 'FilterSharpen', 'FilterDetail'] as const) {
      assert.deepEqual(iaa.pillike[name]().augmentImage(image).data, image.data, name);
    }
  });

  it("refuse float32 images and 2- or 5-channel images with imgaug's rule", () => {
    const rule = /pillike\.FilterBlur: image must be a uint8 image with 1, 3 or 4 channels/;
    const aug = iaa.pillike.FilterBlur();
    assert.throws(() => aug.augmentImage(iaa.makeImage(new Float32Array(75), 5, 5, 3)), rule);
    assert.throws(() => aug.augmentImage(iaa.makeImage(new Uint8Array(50), 5, 5, 2)), rule);
    assert.throws(() => aug.augmentImage(iaa.makeImage(new Uint8Array(125), 5, 5, 5)), rule);
  });
});
