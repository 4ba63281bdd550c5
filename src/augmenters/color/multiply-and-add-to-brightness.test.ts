import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colourCasesOf } from '../../../test/helpers/colour-fixture.ts';
import { fixtureBytes } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import { RandomSource } from '../../random/stream.ts';
import { AddToBrightness } from './add-to-brightness.ts';
import type { BrightnessParams } from './brightness.ts';
import { MultiplyAndAddToBrightness } from './multiply-and-add-to-brightness.ts';
import { MultiplyBrightness } from './multiply-brightness.ts';

// imgaug 0.4.0's MultiplyAndAddToBrightness reproduced on cv2.cvtColor by scripts/gen-colour-fixtures.py.
const cases = colourCasesOf<{ mul: number; add: number; toColorspace: BrightnessParams['colorspace'] }>(
  'MultiplyAndAddToBrightness',
);
const bytes = fixtureBytes;
const shape = { height: 3, width: 3, channels: 3 };

function draws(aug: iaa.Augmenter, n: number): BrightnessParams[] {
  return Array.from(
    { length: n },
    (_, i) => aug.drawParams(RandomSource.root(9, 0, i, aug.type), shape) as BrightnessParams,
  );
}

describe('MultiplyAndAddToBrightness', () => {
  it("gives imgaug's bytes in every colour space, in either order of Multiply and Add", () => {
    assert.ok(cases.length >= 10 && cases.some((c) => c.options.toColorspace === 'Luv'));
    for (const c of cases) {
      const image = iaa.makeImage(bytes(c.image), c.height, c.width, 3);
      const { mul, add, toColorspace: colorspace } = c.options;
      const params: BrightnessParams = { colorspace, mul, add, addFirst: c.addFirst === true };
      const out = MultiplyAndAddToBrightness().apply(image, params);
      assert.deepEqual(out.data, bytes(c.out), JSON.stringify(c.options));
    }
  });

  it('changes only the brightness: a gray pixel stays gray, multiplied in Y of YCrCb', () => {
    // Gray 100 has Y = 100 and neutral chroma (128, 128); × 1.5 gives 150 and back, 150 gray.
    const out = MultiplyBrightness(1.5, { toColorspace: 'YCrCb' }).augmentImage(
      iaa.makeImage(Uint8Array.from([100, 100, 100, 10, 10, 10]), 1, 2, 3),
    );
    assert.deepEqual([...out.data], [150, 150, 150, 15, 15, 15]);
  });

  it('adds the rounded value (half to even) as Add does, saturating at 255', () => {
    const image = iaa.makeImage(Uint8Array.from([100, 100, 100, 250, 250, 250]), 1, 2, 3);
    assert.deepEqual(
      [...AddToBrightness(2.5, { toColorspace: 'YUV' }).augmentImage(image).data],
      [102, 102, 102, 252, 252, 252],
    );
    assert.deepEqual(
      [...AddToBrightness(10, { toColorspace: 'YUV' }).augmentImage(image).data],
      [110, 110, 110, 255, 255, 255],
    );
  });

  it('draws the colour space per image from toColorspace, and the order only with randomOrder', () => {
    const d = draws(MultiplyAndAddToBrightness(), 1000);
    const counts = new Map<string, number>();
    for (const p of d) counts.set(p.colorspace, (counts.get(p.colorspace) ?? 0) + 1);
    // imgaug's six spaces, 167 ± 45 each of 1000.
    assert.deepEqual([...counts.keys()].sort(), ['HLS', 'HSV', 'Lab', 'Luv', 'YCrCb', 'YUV']);
    for (const [space, n] of counts) assert.ok(n > 122 && n < 212, `${space}: ${n}`);
    const addFirst = d.filter((p) => p.addFirst).length;
    assert.ok(addFirst > 430 && addFirst < 570, `${addFirst}`);
    assert.ok(draws(MultiplyAndAddToBrightness({ randomOrder: false }), 200).every((p) => !p.addFirst));
    const only = draws(MultiplyBrightness([0.5, 1.5], { toColorspace: ['Lab', 'HLS'] }), 200);
    assert.ok(only.every((p) => (p.colorspace === 'Lab' || p.colorspace === 'HLS') && p.add === 0 && !p.addFirst));
    assert.ok(Math.min(...only.map((p) => p.mul)) < 0.55 && Math.max(...only.map((p) => p.mul)) > 1.45);
    assert.ok(draws(AddToBrightness(), 50).every((p) => p.mul === 1 && p.add >= -30 && p.add <= 30));
  });

  it('refuses images other than uint8 RGB and colour spaces it has no brightness channel for', () => {
    assert.throws(
      () => AddToBrightness().augmentImage(iaa.makeImage(new Uint8Array(2), 1, 1, 2)),
      /AddToBrightness: image must be a uint8 image with 3 channels/,
    );
    assert.throws(() => MultiplyBrightness(1.2, { toColorspace: 'CIE' as 'Lab' }), /toColorspace must be one of/);
    assert.throws(() => MultiplyBrightness(1.2, { toColorspace: 'RGB' as 'Lab' }), /toColorspace must be one of/);
  });
});
