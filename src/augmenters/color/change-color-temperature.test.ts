import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertColourCases, drawsOf } from '../../../test/helpers/colour-fixture.ts';
import * as iaa from '../../index.ts';
import { ChangeColorTemperature, type ColorTemperatureParams, kelvinMultipliers } from './change-color-temperature.ts';

const white = () => iaa.makeImage(new Uint8Array(6).fill(255), 1, 2, 3);

describe('ChangeColorTemperature', () => {
  it("gives imgaug's bytes at table rows and between them, from RGB and BGR", () => {
    // imgaug 0.4.0's change_color_temperatures_ (float32 table and interpolation) by scripts/gen-colour-fixtures.py.
    assert.equal(assertColourCases(['ChangeColorTemperature']), 7);
  });

  it("turns white into the table's colour at a row (imgaug's own test values)", () => {
    for (const [kelvin, rgb] of [
      [1000, [255, 56, 0]],
      [4400, [255, 217, 182]],
      [11300, [195, 214, 255]],
      [40000, [155, 188, 255]],
    ] as const) {
      assert.deepEqual([...ChangeColorTemperature(kelvin).augmentImage(white()).data], [...rgb, ...rgb], `${kelvin}`);
    }
  });

  it('interpolates between rows: 1050 K lies halfway between 1000 K (green 56) and 1100 K (71)', () => {
    const [r, g, b] = kelvinMultipliers(1050);
    assert.deepEqual([r, b], [1, 0]);
    assert.ok(Math.abs(g * 255 - 63.5) < 1e-4, `${g * 255}`);
    // Out of the table's range the ends are used, as imgaug clips.
    assert.deepEqual(kelvinMultipliers(900), kelvinMultipliers(1000));
  });

  it('draws one temperature per image from kelvin', () => {
    const draws = drawsOf<ColorTemperatureParams>(ChangeColorTemperature([1000, 1100]), 200, 7);
    // Green runs from 56/255 to 71/255 over 1000–1100 K.
    const greens = draws.map((p) => p.multipliers[1] * 255);
    assert.ok(greens.every((g) => g >= 56 - 1e-3 && g <= 71 + 1e-3));
    assert.ok(Math.min(...greens) < 57 && Math.max(...greens) > 70);
  });

  it("refuses kelvin outside imgaug's [1000, 40000] and images other than uint8 RGB", () => {
    assert.throws(() => ChangeColorTemperature(500), /ChangeColorTemperature: kelvin must be .*\[1000, 40000\]/);
    assert.throws(
      () => ChangeColorTemperature(4000).augmentImage(iaa.makeImage(new Float32Array(3), 1, 1, 3)),
      /ChangeColorTemperature: image must be a uint8 image with 3 channels/,
    );
  });
});
