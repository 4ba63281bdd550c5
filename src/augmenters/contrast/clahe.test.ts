import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixtureCases, loadFilterFixture } from '../../../test/helpers/filter-fixture.ts';
import { imagesEqual, makeImage } from '../../core/image.ts';
import { CLAHE } from './clahe.ts';
import { HistogramEqualization } from './histogram-equalization.ts';

// The intensity-channel forms: convert to Lab, HLS or HSV, equalise L (or V), convert back (OpenCV's cvtColor).
const fixture = loadFilterFixture('filters-contrast.json');

describe('HistogramEqualization', () => {
  it('matches cvtColor + equalizeHist on the intensity channel + cvtColor back, byte for byte (Lab, HLS, HSV)', () => {
    assert.ok(checkFixtureCases(fixture, 'HistogramEqualization') >= 24);
  });

  it('keeps grey pixels grey and an alpha channel as it is', () => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) data.set([p * 10, p * 10, p * 10, 255 - p], 4 * p);
    const out = HistogramEqualization().augmentImage(makeImage(data, 4, 4, 4)).data;
    for (let p = 0; p < 16; p++) {
      assert.equal(out[4 * p + 3], 255 - p, 'alpha');
      assert.ok(Math.abs(out[4 * p] - out[4 * p + 1]) <= 1 && Math.abs(out[4 * p + 1] - out[4 * p + 2]) <= 1, 'grey');
    }
    assert.ok(out[0] < 5 && out[4 * 15] > 250, 'not stretched');
  });

  it('equalises 1-channel images directly', () => {
    const image = fixture.images[3];
    const out = HistogramEqualization().augmentImage(image);
    assert.ok(!imagesEqual(out, image));
    assert.equal(Math.max(...out.data), 255);
  });

  it("rejects an unknown colour space with imgaug's list", () => {
    assert.throws(
      () => HistogramEqualization({ toColorspace: 'YCrCb' as never }),
      /HistogramEqualization: toColorspace must be one of Lab, HLS, HSV; received "YCrCb"/,
    );
    assert.throws(
      () => HistogramEqualization({ fromColorspace: 'XYZ' as never }),
      /fromColorspace must be one of RGB, BGR, Lab, HLS, HSV/,
    );
  });
});

describe('CLAHE', () => {
  it('matches cvtColor + createCLAHE on the intensity channel + cvtColor back, byte for byte (Lab, HLS, HSV)', () => {
    assert.ok(checkFixtureCases(fixture, 'CLAHE') >= 24);
  });

  it('reads BGR images when fromColorspace says so: the same bytes as RGB with red and blue swapped', () => {
    const rgb = fixture.images[4];
    const bgrData = new Uint8Array(rgb.data.length);
    for (let i = 0; i < bgrData.length; i += 3) bgrData.set([rgb.data[i + 2], rgb.data[i + 1], rgb.data[i]], i);
    const a = CLAHE(3, { tileGridSizePx: 4 }).augmentImage(rgb).data;
    const b = CLAHE(3, { tileGridSizePx: 4, fromColorspace: 'BGR' }).augmentImage(
      makeImage(bgrData, rgb.height, rgb.width, 3),
    ).data;
    for (let i = 0; i < a.length; i += 3) assert.deepEqual([b[i + 2], b[i + 1], b[i]], [a[i], a[i + 1], a[i + 2]]);
  });
});
