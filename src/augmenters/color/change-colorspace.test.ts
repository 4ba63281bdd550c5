import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colourCasesOf } from '../../../test/helpers/colour-fixture.ts';
import { fixtureBytes } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import type { Colorspace } from '../../kernels/colorspace.ts';
import { RandomSource } from '../../random/stream.ts';
import { ChangeColorspace, type ChangeColorspaceParams } from './change-colorspace.ts';
import type { SourceColorspace } from './colorspace-options.ts';

// imgaug 0.4.0's ChangeColorspace (a 4-D batch: converted on a copy, then blend_alpha) reproduced on cv2.cvtColor by
// scripts/gen-colour-fixtures.py.
const cases = colourCasesOf<{ toColorspace: Colorspace; fromColorspace: SourceColorspace; alpha: number }>(
  'ChangeColorspace',
);
const bytes = fixtureBytes;
const rgb = (...pixels: number[][]) => iaa.makeImage(Uint8Array.from(pixels.flat()), 1, pixels.length, 3);

describe('ChangeColorspace', () => {
  it("gives imgaug's bytes for direct and indirect pairs, GRAY, partial alphas and imgaug's ε", () => {
    assert.ok(cases.length >= 13);
    for (const c of cases) {
      const { toColorspace, fromColorspace, alpha } = c.options;
      const params: ChangeColorspaceParams = { toColorspace, alpha };
      const out = ChangeColorspace(toColorspace, { fromColorspace }).apply(
        iaa.makeImage(bytes(c.image), c.height, c.width, 3),
        params,
      );
      assert.deepEqual(out.data, bytes(c.out), JSON.stringify(c.options));
    }
  });

  it('writes the new space’s values, blended half to even with a partial alpha', () => {
    // Pure red is HSV (0, 255, 255) in OpenCV's uint8 scale; at alpha 0.5 each value is 255 + 0.5·(0 − 255) = 127.5
    // or 0 + 0.5·255 = 127.5, which round half to even to 128.
    assert.deepEqual([...ChangeColorspace('HSV').augmentImage(rgb([255, 0, 0])).data], [0, 255, 255]);
    assert.deepEqual([...ChangeColorspace('HSV', { alpha: 0.5 }).augmentImage(rgb([255, 0, 0])).data], [128, 128, 128]);
    // GRAY of red is (9798·255 + 16384) >> 15 = 76 in all three channels; from BGR, (0, 0, 255) is red too.
    assert.deepEqual([...ChangeColorspace('GRAY').augmentImage(rgb([255, 0, 0])).data], [76, 76, 76]);
    assert.deepEqual(
      [...ChangeColorspace('GRAY', { fromColorspace: 'BGR' }).augmentImage(rgb([0, 0, 255])).data],
      [76, 76, 76],
    );
  });

  it('leaves images unchanged when the target is the source space or alpha is at most 0.001', () => {
    const image = rgb([1, 2, 3], [200, 100, 50]);
    assert.ok(iaa.imagesEqual(ChangeColorspace('RGB').augmentImage(image), image));
    assert.ok(iaa.imagesEqual(ChangeColorspace('BGR', { fromColorspace: 'BGR' }).augmentImage(image), image));
    assert.ok(iaa.imagesEqual(ChangeColorspace('Lab', { alpha: 0.001 }).augmentImage(image), image));
    assert.ok(!iaa.imagesEqual(ChangeColorspace('Lab', { alpha: 0.01 }).augmentImage(image), image));
  });

  it('draws the target space per image from a list', () => {
    const aug = ChangeColorspace(['HSV', 'Lab']);
    const shape = { height: 2, width: 2, channels: 3 };
    const drawn = Array.from({ length: 400 }, (_, i) => aug.drawParams(RandomSource.root(3, 0, i, 'c'), shape));
    const hsv = drawn.filter((p) => p.toColorspace === 'HSV').length;
    assert.ok(hsv > 160 && hsv < 240, `HSV drawn ${hsv} of 400 times`);
    assert.ok(drawn.every((p) => p.toColorspace === 'HSV' || p.toColorspace === 'Lab'));
  });

  it("rejects imgaug's bad input: unknown spaces, GRAY as the source, alpha outside [0, 1], non-RGB images", () => {
    assert.throws(() => ChangeColorspace('XYZ' as Colorspace), /ChangeColorspace: toColorspace must be one of/);
    assert.throws(() => ChangeColorspace([]), /ChangeColorspace: toColorspace must be one of/);
    assert.throws(
      () => ChangeColorspace('HSV', { fromColorspace: 'GRAY' as SourceColorspace }),
      /ChangeColorspace: fromColorspace must be one of RGB, BGR, CIE/,
    );
    assert.throws(
      () => ChangeColorspace('HSV', { alpha: 1.5 }),
      /ChangeColorspace: alpha must be a number in \[0, 1\]/,
    );
    assert.throws(
      () => ChangeColorspace('HSV').augmentImage(iaa.makeImage(new Uint8Array(4), 2, 2, 1)),
      /ChangeColorspace.*3 channels/,
    );
    assert.throws(
      () => ChangeColorspace('HSV').augmentImage(iaa.makeImage(new Float32Array(3), 1, 1, 3)),
      /ChangeColorspace.*uint8/,
    );
  });
});
