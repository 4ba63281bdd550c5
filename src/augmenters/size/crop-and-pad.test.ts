import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseName, cropPadCases, cropPadImages, expectedData } from '../../../test/helpers/croppad-fixture.ts';
import type { Shape } from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import * as iaa from '../../index.ts';

const ramp = (h: number, w: number, c = 1) =>
  iaa.makeImage(
    new Uint8Array(h * w * c).map((_, i) => (i * 7) & 255),
    h,
    w,
    c,
  );

/** The crop step's sides of a drawn warp (zeros when nothing was cropped). */
function cropSides(warp: Warp): { top: number; right: number; bottom: number; left: number } {
  const steps = warp.kind === 'chain' ? warp.steps : [warp];
  const crop = steps.find((s) => s.kind === 'crop');
  return crop?.kind === 'crop' ? crop.sides : { top: 0, right: 0, bottom: 0, left: 0 };
}

describe('CropAndPad', () => {
  it('equals imgaug 0.4.0 for fixed amounts: crops, pads in every mode, keeps a pixel, resizes back', () => {
    const cases = cropPadCases.filter((k) => k.op === 'cropAndPad');
    assert.ok(cases.length >= 30);
    for (const k of cases) {
      if (k.op !== 'cropAndPad') continue;
      const [top, right, bottom, left] = k.px;
      const aug = iaa.CropAndPad({
        px: { top, right, bottom, left },
        padMode: k.mode,
        padCval: k.cval,
        keepSize: k.keepSize,
      });
      const out = aug.augmentImage(cropPadImages[k.image]);
      assert.deepEqual(out.data, expectedData(k), caseName(k));
    }
  });

  it('rounds percentages half to even, as numpy does', () => {
    // 10 rows · 0.25 = 2.5 → 2 per side; 6 columns · 0.25 = 1.5 → 2 per side; 14 rows · 0.25 = 3.5 → 4.
    const cropped = iaa.Crop({ percent: 0.25, keepSize: false }).augmentImage(ramp(10, 6));
    assert.deepEqual([cropped.height, cropped.width], [6, 2]);
    const top = { top: 0.25, right: 0, bottom: 0, left: 0 };
    const padded = iaa.Pad({ percent: top, keepSize: false }).augmentImage(ramp(10, 6));
    assert.deepEqual([padded.height, padded.width], [12, 6]);
    assert.equal(iaa.Pad({ percent: top, keepSize: false }).augmentImage(ramp(14, 6)).height, 18);
  });

  it('keeps at least one pixel of an image cropped by more than its size, as imgaug does', () => {
    // 5 rows, 9 off each side: 14 pixels come back, 7 to each side (row 2 stays); 4 columns: 15 come back, 8 to
    // the right side and 7 to the left (imgaug 0.4.0's _crop_prevent_zero_size gives the right side the larger
    // half), so 1 column is cropped on the right and 2 on the left: column 2 stays.
    const image = ramp(5, 4);
    const out = iaa.Crop({ px: 9, keepSize: false }).augmentImage(image);
    assert.deepEqual([out.height, out.width], [1, 1]);
    assert.equal(out.data[0], image.data[2 * 4 + 2]);
  });

  it('draws each side of Crop({ px: [0, 4] }) uniformly from 0 to 4, independently', () => {
    const aug = iaa.Crop({ px: [0, 4], keepSize: false, seed: 22 });
    const shape: Shape = { height: 40, width: 40, channels: 1 };
    const counts = { top: [0, 0, 0, 0, 0], right: [0, 0, 0, 0, 0], bottom: [0, 0, 0, 0, 0], left: [0, 0, 0, 0, 0] };
    let equal = 0;
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const sides = cropSides(aug.drawParams(aug.rootSource(0, i), shape).warp);
      for (const key of ['top', 'right', 'bottom', 'left'] as const) counts[key][sides[key]]++;
      if (sides.top === sides.right && sides.right === sides.bottom && sides.bottom === sides.left) equal++;
    }
    for (const key of ['top', 'right', 'bottom', 'left'] as const) {
      for (const c of counts[key]) assert.ok(Math.abs(c / n - 0.2) < 0.025, `${key}: ${counts[key]}`);
    }
    // All four equal by chance: 5 · 0.2⁴ = 0.8%.
    assert.ok(equal / n < 0.02, `${equal} of ${n} draws had four equal sides`);
    const together = iaa.Crop({ px: [0, 4], keepSize: false, sampleIndependently: false, seed: 22 });
    for (let i = 0; i < 50; i++) {
      const s = cropSides(together.drawParams(together.rootSource(0, i), shape).warp);
      assert.ok(s.top === s.right && s.right === s.bottom && s.bottom === s.left, JSON.stringify(s));
    }
  });

  it('picks a pad mode per image from a list', () => {
    const aug = iaa.Pad({ px: 1, padMode: ['edge', 'wrap'], seed: 4 });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const { warp } = aug.drawParams(aug.rootSource(0, i), { height: 8, width: 8, channels: 3 });
      const pad = (warp.kind === 'chain' ? warp.steps : [warp]).find((s) => s.kind === 'pad');
      if (pad?.kind === 'pad') seen.add(pad.mode);
    }
    assert.deepEqual([...seen].sort(), ['edge', 'wrap']);
  });

  it('draws padCval [min, max] as integers with both ends included, as imgaug draws its tuple', () => {
    // imgaug's handle_discrete_param: (0, 2.9) is DiscreteUniform(0, 2). A float32 image keeps the drawn value, so
    // the corner shows it whole (a real-valued draw would leave fractions).
    const aug = iaa.Pad({ px: 1, padCval: [0, 2.9], keepSize: false, seed: 5 });
    const image = iaa.makeImage(new Float32Array(4).fill(0.5), 2, 2, 1);
    const counts = new Map<number, number>();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const v = aug.apply(image, aug.drawParams(aug.rootSource(0, i), image)).data[0];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), [0, 1, 2]);
    for (const c of counts.values()) assert.ok(Math.abs(c / n - 1 / 3) < 0.03, `${[...counts]}`);
  });

  it('cuts a fractional padCval to an integer as imgaug does, for float32 images too; a parameter draws as it is', () => {
    const image = iaa.makeImage(new Float32Array(1).fill(0.5), 1, 1, 1);
    const padded = (padCval: unknown) =>
      Array.from(
        iaa.Pad({ px: { top: 0, right: 1, bottom: 0, left: 0 }, padCval, keepSize: false } as never).augmentImage(image)
          .data,
      );
    assert.deepEqual(padded(7.9), [0.5, 7]);
    assert.deepEqual(padded(-2.5), [0.5, -2]);
    assert.deepEqual(padded([3.7, 3.9]), [0.5, 3]);
    assert.deepEqual(padded(iaa.iap.uniform(0.25, 0.25)), [0.5, 0.25]);
    assert.deepEqual(padded([2.5, 2.7, 2.2]), [0.5, 2]); // a list of three: chosen from, each cut
  });

  it('keeps the input size by default and changes it with keepSize: false', () => {
    const image = ramp(9, 7, 3);
    assert.deepEqual(
      [iaa.CropAndPad({ px: [-3, 3], seed: 1 }).augmentImage(image)].map((o) => [o.height, o.width]),
      [[9, 7]],
    );
    const grown = iaa.Pad({ px: { top: 2, right: 1, bottom: 0, left: 0 }, keepSize: false }).augmentImage(image);
    assert.deepEqual([grown.height, grown.width, grown.channels], [11, 8, 3]);
  });

  it('rejects bad amounts, modes and keys with errors naming the option', () => {
    assert.throws(
      () => iaa.CropAndPad({ px: 2, percent: 0.1 }),
      /CropAndPad: px must be left out when percent is given/,
    );
    assert.throws(() => iaa.Crop({ px: -1 }), /Crop: px must be an integer in \[0, 65535\]/);
    assert.throws(() => iaa.Pad({ percent: -0.1 }), /Pad: percent must be a number ≥ 0/);
    assert.throws(() => iaa.Pad({ px: 1.5 }), /Pad: px must be an integer/);
    assert.throws(
      () => iaa.Pad({ padMode: 'mirror' } as never),
      /Pad: padMode must be one of "constant", "edge", "linear_ramp"/,
    );
    assert.throws(() => iaa.Crop({ px: { top: 1, up: 2 } } as never), /Crop: px must be .*unknown key "up"/);
    assert.throws(() => iaa.CropAndPad({ percent: -1 }), /CropAndPad: percent must be a number > -1/);
    assert.throws(() => iaa.Pad({ padCval: [5, 1] }), /Pad: padCval must be .*min > max/);
    assert.throws(() => iaa.Pad({ padCval: Number.NaN }), /Pad: padCval must be an integer/);
  });
});
