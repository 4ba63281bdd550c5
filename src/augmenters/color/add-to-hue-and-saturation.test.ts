import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertColourCases, colourCases, drawsOf } from '../../../test/helpers/colour-fixture.ts';
import { fixtureBytes } from '../../../test/helpers/fixtures.ts';
import * as iaa from '../../index.ts';
import { AddToHueAndSaturation } from './add-to-hue-and-saturation.ts';
import { AddToHue } from './add-to-hue.ts';
import { AddToSaturation } from './add-to-saturation.ts';
import { type HueSaturationParams, hueShift } from './hue-saturation.ts';

const rgb = (values: number[]) => iaa.makeImage(Uint8Array.from(values), 1, values.length / 3, 3);
const draws = (aug: iaa.Augmenter, n: number) => drawsOf<HueSaturationParams>(aug, n, 3);

describe('AddToHueAndSaturation', () => {
  it("gives imgaug's bytes for fixed values, from RGB and BGR, on odd sizes", () => {
    // imgaug 0.4.0's AddToHueAndSaturation reproduced on cv2.cvtColor by scripts/gen-colour-fixtures.py.
    assert.ok(assertColourCases(['AddToHueAndSaturation']) >= 8);
  });

  it("projects hue values onto OpenCV's half-degrees as imgaug does: int(float32(v / 255) · 180)", () => {
    // 255 → 180 (the full circle); 100 → 70.58… → 70; 1 → 0.70… → 0; −128 → −90.35… → −90 (toward zero).
    assert.deepEqual([255, 100, 1, 0, -128, -255].map(hueShift), [180, 70, 0, 0, -90, -180]);
  });

  it('turns pure red by a hue shift around the circle, and drops saturation to gray', () => {
    // Red is hue 0; +85 → 60 half-degrees (120°): pure green. −255 on saturation leaves gray at the value, 255.
    assert.deepEqual([...AddToHue(85).augmentImage(rgb([255, 0, 0])).data], [0, 255, 0]);
    assert.deepEqual(
      [...AddToSaturation(-255).augmentImage(rgb([255, 0, 0, 10, 20, 30])).data],
      [255, 255, 255, 30, 30, 30],
    );
  });

  it('leaves an image as HSV round trip leaves it when both values are 0', () => {
    const image = rgb([0, 0, 0, 255, 255, 255, 128, 128, 128]);
    const out = AddToHueAndSaturation({ valueHue: 0, valueSaturation: 0 }).augmentImage(image);
    assert.deepEqual(out.data, image.data);
  });

  it('draws both from [−40, 40] by default, hue and saturation independently', () => {
    const d = draws(AddToHueAndSaturation(), 2000);
    const sat = d.map((p) => p.saturation);
    assert.equal(Math.min(...sat), -40);
    assert.equal(Math.max(...sat), 40);
    assert.equal(Math.max(...d.map((p) => p.hue)), hueShift(40));
    assert.ok(d.some((p) => p.hue !== hueShift(p.saturation)));
  });

  it('adds one draw of value to both, or a second draw to saturation where perChannel says so', () => {
    const same = draws(AddToHueAndSaturation([-50, 50]), 500);
    assert.ok(same.every((p) => p.hue === hueShift(p.saturation)));
    const own = draws(AddToHueAndSaturation([-50, 50], { perChannel: true }), 500);
    assert.ok(own.filter((p) => p.hue !== hueShift(p.saturation)).length > 400);
    // perChannel 0.5: about half the images (250 ± 50 of 500) get a second draw.
    const half = draws(AddToHueAndSaturation([-50, 50], { perChannel: 0.5 }), 500);
    const second = half.filter((p) => p.hue !== hueShift(p.saturation)).length;
    assert.ok(second > 200 && second < 300, `${second}`);
    const mean = same.reduce((s, p) => s + p.saturation, 0) / same.length;
    assert.ok(Math.abs(mean) < 3, `mean ${mean}`);
  });

  it('gives AddToHue and AddToSaturation the bytes of AddToHueAndSaturation with one value', () => {
    const c = colourCases[2];
    const image = iaa.makeImage(fixtureBytes(c.image), c.height, c.width, 3);
    const both = (o: Record<string, number>) => AddToHueAndSaturation(o).augmentImage(image).data;
    assert.deepEqual(AddToHue(-77).augmentImage(image).data, both({ valueHue: -77 }));
    assert.deepEqual(AddToSaturation(33).augmentImage(image).data, both({ valueSaturation: 33 }));
  });

  it("refuses images other than uint8 with 3 channels, stating imgaug's rule", () => {
    const rule = /AddToHue: image must be a uint8 image with 3 channels.*received a float32 image with 3 channels/;
    assert.throws(() => AddToHue().augmentImage(iaa.makeImage(new Float32Array(3), 1, 1, 3)), rule);
    assert.throws(
      () => AddToSaturation().augmentImage(iaa.makeImage(new Uint8Array(4), 1, 1, 4)),
      /AddToSaturation: image must be .*received a uint8 image with 4 channels/,
    );
    assert.throws(
      () => AddToHueAndSaturation().augmentImages({ data: new Uint8Array(8), n: 2, height: 2, width: 2, channels: 1 }),
      /received a uint8 image with 1 channel$/,
    );
  });

  it("rejects imgaug's bad options: value with valueHue, values outside [−255, 255], GRAY as the source", () => {
    assert.throws(() => AddToHueAndSaturation({ value: 5, valueHue: 3 }), /valueHue must be left out when value/);
    assert.throws(() => AddToHue(256), /AddToHue: value must be an integer in \[-255, 255\]/);
    assert.throws(() => AddToHue(1.5), /AddToHue: value/);
    assert.throws(() => AddToSaturation(5, { fromColorspace: 'GRAY' as 'RGB' }), /fromColorspace must be one of RGB/);
  });
});
